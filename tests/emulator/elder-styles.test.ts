// 长辈模式's rules in app.wxss, drawn by Debian's chromium at the gallery's 375 px screen: with the page root's
// `elder` class and the larger type scale, text is at least 18 px, headings clearly larger, a status goes above
// its title, and secondary lines are hidden; without them, the page is as before. The custom tab bar, in 长辈模式
// too, fits the height WeChat reserves for it, so a tab page's last lines are not under it.
import fs from 'fs'
import path from 'path'
import { type Browser, type Page, chromium } from 'playwright-core'
import { SCREEN_WIDTH, wxssToCss } from '../../emulator/gallery/render'
import { ELDER_STYLE } from '../../miniprogram/utils/elder'

const read = (file: string) =>
  wxssToCss(fs.readFileSync(path.join(__dirname, '../../miniprogram', file), 'utf8'))
const appCss = read('app.wxss')
const tabBarCss = read('custom-tab-bar/index.wxss')

// The DOM the measuring callback uses (the project compiles without the DOM library).
type Drawn = {
  getBoundingClientRect(): {
    top: number
    bottom: number
    left: number
    right: number
    height: number
  }
  scrollIntoView(): void
}
declare const document: {
  getElementById(id: string): Drawn
  querySelectorAll(s: string): ArrayLike<Drawn>
}
declare function getComputedStyle(el: Drawn): { fontSize: string }

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  })
  page = await browser.newPage({ viewport: { width: SCREEN_WIDTH, height: 700 } })
})
afterAll(() => browser?.close())

/** A wish-wall-like page, as a resident sees it; measured boxes and font sizes of its parts. */
async function drawn(elder: boolean) {
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; font-family: 'Noto Sans CJK SC', sans-serif } ${appCss}</style></head>
    <body style="${elder ? wxssToCss(ELDER_STYLE) : ''}">
    <div class="page page-large ${elder ? 'elder' : ''}">
      <div class="title" id="heading">微心愿</div>
      <div class="meta elder-hide" id="intro">居民的小心愿，党员来认领。</div>
      <div class="card"><div class="row-between elder-stack">
        <span class="card-title" id="title">想请人陪我去医院看病拿药</span>
        <span class="tag elder-first" id="status">待认领</span>
      </div><div class="meta" id="body">服务 · 汪**</div><div class="caption" id="caption">3月8日</div></div>
    </div></body></html>`)
  return page.evaluate(() =>
    Object.fromEntries(
      ['heading', 'intro', 'title', 'status', 'body', 'caption'].map((id) => {
        const el = document.getElementById(id)
        const box = el.getBoundingClientRect()
        return [
          id,
          {
            top: box.top,
            bottom: box.bottom,
            height: box.height,
            font: parseFloat(getComputedStyle(el).fontSize),
          },
        ]
      }),
    ),
  )
}

test('in 长辈模式 text is at least 18 px, headings clearly larger, the status above its title, the intro hidden', async () => {
  const p = await drawn(true)
  expect(p.body.font).toBeGreaterThanOrEqual(18)
  expect(p.caption.font).toBeGreaterThanOrEqual(18)
  expect(p.title.font).toBeGreaterThanOrEqual(p.body.font * 1.15)
  expect(p.heading.font).toBeGreaterThan(p.title.font)
  expect(p.intro.height).toBe(0)
  expect(p.status.bottom).toBeLessThanOrEqual(p.title.top)
})

test('without it the same page keeps its intro and the status beside the title', async () => {
  const p = await drawn(false)
  expect(p.intro.height).toBeGreaterThan(0)
  expect(p.status.top).toBeLessThan(p.title.bottom)
  expect(p.body.font).toBeLessThan(20)
})

/** WeChat's standard tab bar, whose height (plus the bottom safe area, 0 here) it keeps for a custom one. */
const RESERVED = 48
const SCREEN_HEIGHT = 700

/**
 * A member's tab page scrolled to its end: the page's window ends RESERVED px above the screen's bottom, as
 * WeChat draws it, and custom-tab-bar (its classes as in index.wxml) is fixed to the screen's bottom.
 */
async function tabPage(elder: boolean) {
  const tabs = ['首页', '互动', '组织生活', '心愿', '我的']
    .map(
      (text, i) => `<div class="tabbar-item ${i ? '' : 'tabbar-on'}">
        <img class="tabbar-icon"><span class="tabbar-text">${text}</span></div>`,
    )
    .join('')
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; font-family: 'Noto Sans CJK SC', sans-serif } ${appCss} ${tabBarCss}</style></head>
    <body style="${elder ? wxssToCss(ELDER_STYLE) : ''}">
    <div style="height: ${SCREEN_HEIGHT - RESERVED}px; overflow: auto" id="window">
      <div class="page ${elder ? 'elder' : ''}">
        ${'<div class="card">一条动态</div>'.repeat(20)}<div class="card" id="last">最后一条</div>
      </div>
    </div>
    <div class="tabbar ${elder ? 'tabbar-elder' : ''}" id="bar">${tabs}</div></body></html>`)
  return page.evaluate(() => {
    document.getElementById('last').scrollIntoView()
    const box = (el: Drawn) => {
      const { top, bottom, left, right, height } = el.getBoundingClientRect()
      return { top, bottom, left, right, height }
    }
    return {
      bar: box(document.getElementById('bar')),
      last: box(document.getElementById('last')),
      items: Array.from(document.querySelectorAll('.tabbar-item')).map(box),
      labels: Array.from(document.querySelectorAll('.tabbar-text')).map((el) => ({
        ...box(el),
        font: parseFloat(getComputedStyle(el).fontSize),
      })),
    }
  })
}

test.each([
  ['长辈模式', true],
  ['the usual look', false],
])(
  'in %s the tab bar fits the reserved height, covers no content and keeps its labels whole',
  async (_look, elder) => {
    const { bar, last, items, labels } = await tabPage(elder)
    expect(bar.height).toBeLessThanOrEqual(RESERVED)
    expect(last.bottom).toBeLessThanOrEqual(bar.top)
    for (const item of items) expect(item.height).toBeGreaterThanOrEqual(44)
    labels.forEach((label, i) => {
      if (elder) expect(label.font).toBeGreaterThanOrEqual(18)
      expect(label.bottom).toBeLessThanOrEqual(items[i].bottom)
      expect(label.left).toBeGreaterThanOrEqual(items[i].left)
      expect(label.right).toBeLessThanOrEqual(items[i].right)
    })
  },
)
