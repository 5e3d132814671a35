// Turns a page rendered by miniprogram-simulate into a static HTML document a browser can screenshot:
// wx-* elements become HTML elements, simulate's class prefixes are dropped, WXSS becomes CSS at a 375 px
// wide screen (750rpx = 375px), the navigation bar is drawn as WeChat draws it and the page's custom tab bar
// (rendered with it) sits below the page.

import fs from 'fs'
import path from 'path'

/** The 375 px screen the gallery shoots at: 1rpx = 0.5px. */
export const SCREEN_WIDTH = 375

export function wxssToCss(wxss: string): string {
  return wxss
    .replace(
      /(-?\d*\.?\d+)rpx/g,
      (_m, n: string) => `${+(Number(n) * (SCREEN_WIDTH / 750)).toFixed(2)}px`,
    )
    .replace(/(^|[\s,}])page(?=[\s,{:.])/g, '$1body')
    .replace(/(^|[\s,}])navigator(?=[\s,{:.])/g, '$1a')
}

/** A WXSS file with its `@import`s inlined, as WeChat applies them (paths relative to the importing file). */
export function wxssWithImports(file: string): string {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/@import\s+['"]([^'"]+)['"];?/g, (_m, to: string) =>
      wxssWithImports(path.resolve(path.dirname(file), to)),
    )
}

const TAGS: Record<string, string> = {
  view: 'div',
  text: 'span',
  button: 'button',
  input: 'input',
  textarea: 'textarea',
  image: 'img',
  navigator: 'a',
  'scroll-view': 'div',
  picker: 'div',
  form: 'form',
  label: 'label',
  switch: 'lx-switch',
  radio: 'span',
  checkbox: 'span',
  'radio-group': 'div',
  'checkbox-group': 'div',
  swiper: 'div',
  'swiper-item': 'div',
  icon: 'i',
  'rich-text': 'div',
  block: 'div',
}

/** simulate's DOM (`<wx-view class="main--card">`) as plain HTML (`<div class="card">`). */
export function toPlainHtml(simulated: string): string {
  return simulated
    .replace(
      /<(\/?)wx-([a-z-]+)/g,
      (_m, slash: string, tag: string) => `<${slash}${TAGS[tag] ?? 'div'}`,
    )
    .replace(/class="([^"]*)"/g, (_m, cls: string) => `class="${cls.replace(/\b[\w-]+--/g, '')}"`)
    .replace(/<\/?main>/g, '')
}

/** What a page shows a reader that it should not: template syntax or values that never got bound. */
export function unboundText(text: string): string[] {
  return ['{{', '}}', 'undefined', 'NaN', '[object Object]'].filter((s) => text.includes(s))
}

// WeChat's own look for the elements the pages style only partly.
const BASE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; width: ${SCREEN_WIDTH}px; font-family: -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; }
button { display: block; position: relative; width: 100%; margin: 0 auto; padding: 0 14px; font-size: 18px; line-height: 2.55; border-radius: 5px; border: none; background: #f8f8f8; color: #000; font-family: inherit; }
input, textarea { display: block; width: 100%; border: none; font: inherit; background: transparent; }
a { display: block; color: inherit; text-decoration: none; }
lx-switch { display: inline-block; position: relative; width: 52px; height: 32px; border-radius: 16px; background: #e5e5e5; }
lx-switch::after { content: ''; position: absolute; top: 2px; left: 2px; width: 28px; height: 28px; border-radius: 50%; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
img { display: inline-block; width: 160px; height: 120px; object-fit: cover; background: #eee; }
.lx-navbar { height: 44px; line-height: 44px; text-align: center; font-weight: 600; font-size: 17px; background: #fff; border-bottom: 1px solid #eee; }
.lx-tabbar .tabbar { position: static; }
.lx-tabbar img { background: none; }
.lx-content { min-height: calc(100vh - 94px); }
`

export type StaticPage = {
  title: string
  /** The page's <page-meta page-style>, already converted to CSS. */
  pageStyle?: string
  bodyHtml: string
  styles: string[]
  /** The page's custom tab bar as simulate rendered it (its styles among `styles`). */
  tabBarHtml?: string
}

export function staticDocument(page: StaticPage): string {
  const tabs = page.tabBarHtml ? `<div class="lx-tabbar">${toPlainHtml(page.tabBarHtml)}</div>` : ''
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${page.title}</title>
<style>${BASE_CSS}</style>${page.styles.map((css) => `<style>${css}</style>`).join('')}</head>
<body style="${page.pageStyle ?? ''}"><div class="lx-navbar">${page.title}</div><div class="lx-content">${toPlainHtml(page.bodyHtml)}</div>${tabs}</body></html>`
}
