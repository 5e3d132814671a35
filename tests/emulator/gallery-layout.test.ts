// The gallery's layout check (emulator/gallery/layout.ts) in Debian's chromium, on small pages of its own.
import { type Browser, type Page, chromium } from 'playwright-core'
import { layoutProblems } from '../../emulator/gallery/layout'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  })
  page = await browser.newPage({ viewport: { width: 375, height: 400 } })
})
afterAll(() => browser?.close())

async function problemsIn(body: string) {
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; width: 375px; font: 16px/1.6 sans-serif }
    .row { display: flex; align-items: center; justify-content: space-between; gap: 8px }
    .tag { display: inline-block; padding: 0 8px; background: #eee }
    .nowrap { white-space: nowrap; flex-shrink: 0 }
    button { width: 120px }
  </style></head><body>${body}</body></html>`)
  return page.evaluate(layoutProblems)
}

const longTitle = '社区老年活动室的收音机坏了想请党员帮忙修理一下再送回来谢谢大家的关心'

test('a status tag squeezed by a long title breaks onto a second line and is reported', async () => {
  const problems = await problemsIn(
    `<div class="row"><span>${longTitle}</span><span class="tag wish-status">已认领</span></div>`,
  )
  expect(problems).toEqual([{ kind: 'wraps', text: '已认领' }])
})

test('the same tag kept on one line (nowrap, no shrinking) passes', async () => {
  const problems = await problemsIn(
    `<div class="row"><span>${longTitle}</span><span class="tag nowrap">已认领</span></div>`,
  )
  expect(problems).toEqual([])
})

test('tags kept whole in a row that cannot wrap stick out of it and are reported; a wrapping row passes', async () => {
  const tags = `<span class="tag nowrap">云启科技有限公司党支部</span><span class="tag nowrap">全区公开</span>`
  const narrow = 'style="display: flex; width: 260px; padding-right: 12px"'
  expect(await problemsIn(`<div ${narrow}>${tags}</div>`)).toEqual([
    { kind: 'overflows', text: '全区公开' },
  ])
  expect(
    await problemsIn(`<div ${narrow.replace('flex;', 'flex; flex-wrap: wrap;')}>${tags}</div>`),
  ).toEqual([])
})

test('an inline chip split across two lines of running text is reported, hidden ones are not', async () => {
  const problems = await problemsIn(
    `<p style="width: 200px">${longTitle.slice(0, 11)}<span class="weui-badge">待审核三条</span></p>` +
      `<p style="display: none"><span class="chip">${longTitle}</span></p>`,
  )
  expect(problems).toEqual([{ kind: 'wraps', text: '待审核三条' }])
})

test('a small header button squeezed by its title wraps and is reported; kept whole it passes', async () => {
  const row = (style: string) =>
    `<div class="row"><b>居住的社区：新华路街道社区综合党委江苏路街道</b><button class="btn-small" style="width: auto; ${style}">更换社区</button></div>`
  expect(await problemsIn(row(''))).toEqual([{ kind: 'wraps', text: '更换社区' }])
  expect(await problemsIn(row('white-space: nowrap; flex-shrink: 0'))).toEqual([])
})

test('two header buttons drawn over each other are reported; side by side they pass', async () => {
  const overlapping = await problemsIn(
    `<div style="position: relative; height: 60px"><button>我的心愿</button>` +
      `<button style="position: absolute; left: 100px; top: 0">去报到</button></div>`,
  )
  expect(overlapping).toEqual([{ kind: 'overlaps', text: '我的心愿 × 去报到' }])
  expect(
    await problemsIn(`<div class="row"><button>我的心愿</button><button>去报到</button></div>`),
  ).toEqual([])
})
