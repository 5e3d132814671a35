#!/usr/bin/env bash
# Browser tests (console, page gallery) drive Debian's chromium through playwright-core; no browser download.
# Installs it, and a Chinese font for the screenshots, when missing: the README's test command must pass
# on a fresh machine.
set -euo pipefail
have_font() { fc-list 2>/dev/null | grep -qi 'noto sans cjk'; }
command -v chromium >/dev/null 2>&1 && have_font && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium or a CJK font is missing: sudo apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
echo "installing Debian's chromium and fonts-noto-cjk for the browser tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
