// The page gallery: every page of app.json rendered through its real code, the typed client and the emulator,
// as each demo role, checked, written as static HTML with its WXSS, then screenshotted in Debian's chromium.
// `npm run gallery` runs this file alone; its output is gallery-out/index.html.
import { execFileSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { type GalleryEntry, type PageLayoutProblem } from '../../emulator/gallery/shoot'
import {
  staticDocument,
  unboundText,
  wxssToCss,
  wxssWithImports,
} from '../../emulator/gallery/render'
import { useTestCloud } from '../support/cloud'
import type { Data as TabBarData } from '../../miniprogram/custom-tab-bar/index'
import { galleryActivity } from './gallery-activity'
import { ROLES, type RoleName, SCENARIOS } from './gallery-scenarios'
import {
  APP_PAGES,
  type PageComponent,
  type PageName,
  type Rendered,
  loadPage,
  pageNameOf,
  pointPagesAt,
  showPage,
  tabBarOf,
  until,
} from './harness'

jest.setTimeout(120_000)

const REPO = path.resolve(__dirname, '../..')
const MINI = path.join(REPO, 'miniprogram')
/** GALLERY_OUT puts a run's output elsewhere, so runs at the same time do not clear each other's. */
const OUT = process.env.GALLERY_OUT ?? path.join(REPO, 'gallery-out')
const read = (file: string) => fs.readFileSync(file, 'utf8')
const appJson = JSON.parse(read(path.join(MINI, 'app.json'))) as {
  window: { navigationBarTitleText: string }
  tabBar: { list: { pagePath: string }[] }
}
const tabPages = appJson.tabBar.list.map((t) => t.pagePath)
const weui = wxssToCss(read(path.join(REPO, 'node_modules/weui-wxss/dist/style/weui.wxss')))
const appCss = wxssToCss(read(path.join(MINI, 'app.wxss')))
const tabBarCss = wxssToCss(read(path.join(MINI, 'custom-tab-bar/index.wxss')))
const iconUrl = (file: string) =>
  `data:image/png;base64,${fs.readFileSync(path.join(MINI, file)).toString('base64')}`
/** The tab bar with its icons inline (simulate renders no src), so each page's HTML stands alone. */
function tabBarHtml(bar: Rendered): string {
  const { tabs, selected } = bar.data as TabBarData
  const icons = tabs.map((t) => `images/tab/${t.icon}${t.path === selected ? '-active' : ''}.png`)
  return bar.dom.outerHTML.replace(
    /tabbar-icon"/g,
    (m: string) => `${m} src="${iconUrl(icons.shift()!)}"`,
  )
}

/**
 * Dates, months and quarters as codes (2026-11-28, 2026-11, 2026-Q3) or 按上海时间 in a page's text: people read
 * 今天, 11月28日, 2026年11月, 2026年第三季度 (utils/date.ts). Inputs' values are not text, and not looked at.
 */
const codesShown = (text: string) =>
  text.match(/\d{4}-\d{2}-\d{2}|\d{4}-Q[1-4]|\d{4}-\d{2}(?!\d)|按上海时间/g) ?? []

/**
 * The code's words where people read (片 for a batch, unlike 照片 or 卡片; 计数, 快照, 网站 — the app has none; English
 * words other than Excel and a link's), and 你: the app says 您 to everyone, many residents being elderly.
 */
const jargonShown = (text: string) =>
  text.match(
    /(?<![照图卡名相])片|计数|快照|网站|你|(?<![\w./:])(?!Excel\b|https?:)[A-Za-z]{3,}/g,
  ) ?? []

const defaultRoles: RoleName[] = ['member', 'secretary', 'resident']
/** Officers see every page: each must serve them, or say plainly what it is not for. */
const officerRoles: RoleName[] = ['communityAdmin', 'districtAdmin']
/** 长辈模式 too: a resident on every page they see, a member on the tab pages. */
const withElder = (pagePath: string, role: RoleName): RoleName[] =>
  role === 'resident'
    ? ['resident', 'elder']
    : role === 'member' && tabPages.includes(pagePath)
      ? ['member', 'elderMember']
      : [role]
const cases = APP_PAGES.flatMap((pagePath) =>
  [...(SCENARIOS[pagePath]?.roles ?? defaultRoles), ...officerRoles]
    .flatMap((role) => withElder(pagePath, role))
    .map((role) => [pagePath, role] as const),
)

const cloud = useTestCloud()
const loaded = new Map<string, string>()
const entries: GalleryEntry[] = []
let shown: PageComponent<PageName> | undefined

beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true })
  pointPagesAt(cloud.url)
  await galleryActivity(cloud)
})
afterEach(() => {
  shown?.detach()
  shown = undefined
})

/** Waits until the page has stopped showing a loading state for a moment (three looks in a row). */
async function settle(page: Rendered) {
  let quiet = 0
  const loading = () => !!page.dom?.querySelector('[class*="state-loading"]')
  await until(() => (quiet = loading() ? 0 : quiet + 1) >= 3, 'the page to settle', 10_000)
}

test.each(cases)('%s renders its content for the %s', async (pagePath, role) => {
  const name = pageNameOf(pagePath)
  if (!loaded.has(pagePath)) loaded.set(pagePath, loadPage(name))
  const query = (await SCENARIOS[pagePath]?.query?.(cloud, role)) ?? {}
  wx.setStorageSync('elderMode', role === 'elder' || role === 'elderMember')
  const page = (shown = showPage(loaded.get(pagePath)!, ROLES[role].openid, query))
  await settle(page)
  const tabBar = tabBarOf(page)

  const text = page.dom.textContent ?? ''
  expect(unboundText(text)).toEqual([])
  // The gallery shows what users of 体验版 and 正式版 see: no developer's identity switcher.
  expect(text).not.toContain('本地开发')
  expect(codesShown(text)).toEqual([])
  expect(jargonShown(text)).toEqual([])
  expect(page.dom.querySelector('[class*="state-error"]')).toBeNull()
  expect(text.replace(/\s/g, '').length).toBeGreaterThan(10)

  const pageDir = path.join(MINI, pagePath.replace(/\/index$/, ''))
  const pageJson = JSON.parse(read(path.join(pageDir, 'index.json'))) as {
    navigationBarTitleText?: string
  }
  const pageWxss = path.join(pageDir, 'index.wxss')
  const title = pageJson.navigationBarTitleText ?? appJson.window.navigationBarTitleText
  const html = `${role}/${name.replace(/\//g, '-')}.html`
  fs.mkdirSync(path.join(OUT, role), { recursive: true })
  fs.writeFileSync(
    path.join(OUT, html),
    staticDocument({
      title,
      // What the page binds on its <page-meta page-style>, applied to the page root as WeChat does.
      pageStyle: wxssToCss(String(page.data.pageStyle ?? '')),
      bodyHtml: page.dom.outerHTML,
      styles: [
        weui,
        appCss,
        fs.existsSync(pageWxss) ? wxssToCss(wxssWithImports(pageWxss)) : '',
        tabBarCss,
      ],
      // A tab page shows the role's own tabs (custom-tab-bar), as on the phone.
      tabBarHtml: tabBar && tabBarHtml(tabBar),
    }),
  )
  entries.push({ role, roleLabel: ROLES[role].label, page: pagePath, title, html })
})

test('every rendered page is screenshotted into one index', () => {
  expect(entries).toHaveLength(cases.length)
  fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(entries, null, 2))
  execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'emulator/gallery/shoot.ts'), OUT],
    {
      stdio: 'inherit',
    },
  )
  for (const e of entries) {
    expect(fs.statSync(path.join(OUT, e.html.replace(/\.html$/, '.png'))).size).toBeGreaterThan(
      5000,
    )
  }
  expect(read(path.join(OUT, 'index.html'))).toContain(ROLES.resident.label)
  // No pill, tag, badge or chip breaks onto a second line, no two buttons overlap, and 回复 is a 44 px tap
  // target, for any role.
  const layout = JSON.parse(read(path.join(OUT, 'layout.json'))) as PageLayoutProblem[]
  expect(layout).toEqual([])
})
