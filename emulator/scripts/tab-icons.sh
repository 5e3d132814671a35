#!/bin/sh
# Draws the five tab bar icons (custom-tab-bar shows them per role) (81×81 PNG, grey normal and party-red selected) into miniprogram/images/tab/.
# Run from anywhere after changing a glyph: sh emulator/scripts/tab-icons.sh (needs ImageMagick's convert).
set -eu
out="$(cd "$(dirname "$0")/../../miniprogram" && pwd)/images/tab"
mkdir -p "$out"

# Each glyph is ImageMagick -draw primitives on an 81×81 canvas, outlined with a 6 px round stroke;
# @C is the icon's colour (for filled parts), white fill hides what lies behind a front shape.
home='polyline 10,41 40,13 70,41
polyline 20,33 20,69 60,69 60,33
rectangle 34,50 46,69'
interact='roundrectangle 7,12 53,44 9,9
polyline 16,44 14,56 28,44
fill #ffffff
roundrectangle 30,30 74,62 9,9
fill @C
circle 42,46 42,43
circle 52,46 52,43
circle 62,46 62,43'
orglife='line 20,10 20,72
fill @C
polygon 20,13 66,13 56,27 66,41 20,41'
wish='path "M 40,68 C 12,50 8,30 14,22 C 21,12 35,13 40,26 C 45,13 59,12 66,22 C 72,30 68,50 40,68 Z"'
mine='circle 40,27 40,13
path "M 13,71 C 13,43 67,43 67,71"'

draw() { # name glyph colour suffix
  primitives=$(printf '%s' "$2" | sed "s/@C/'$3'/g")
  convert -size 81x81 xc:none -fill none -stroke "$3" -strokewidth 6 \
    -draw "stroke-linecap round stroke-linejoin round $primitives" \
    -strip -define png:compression-level=9 "PNG32:$out/$1$4.png"
}

for tab in home interact orglife wish mine; do
  eval "glyph=\$$tab"
  draw "$tab" "$glyph" '#666666' ''
  draw "$tab" "$glyph" '#C8102E' '-active'
done
ls -l "$out"
