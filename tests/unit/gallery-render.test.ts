// The gallery's stylesheet for a page is what WeChat applies: imports inlined, rpx at the 375 px screen.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { wxssToCss, wxssWithImports } from '../../emulator/gallery/render'

test('imports are inlined recursively, relative to the importing file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gallery-wxss-'))
  fs.mkdirSync(path.join(dir, 'templates'))
  fs.mkdirSync(path.join(dir, 'pages/a'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'templates/base.wxss'), '.base { margin: 8rpx; }')
  fs.writeFileSync(
    path.join(dir, 'templates/card.wxss'),
    "@import './base.wxss';\n.card { padding: 20rpx; }",
  )
  fs.writeFileSync(
    path.join(dir, 'pages/a/index.wxss'),
    '@import "../../templates/card.wxss";\npage { color: red; }',
  )
  const css = wxssToCss(wxssWithImports(path.join(dir, 'pages/a/index.wxss')))
  expect(css).not.toContain('@import')
  expect(css).toContain('.base { margin: 4px; }')
  expect(css).toContain('.card { padding: 10px; }')
  expect(css).toContain('body { color: red; }')
  fs.rmSync(dir, { recursive: true, force: true })
})
