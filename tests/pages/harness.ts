// Loading, showing and waiting on pages in miniprogram-simulate, acting as a given emulator user.
import fs from 'fs'
import path from 'path'
import simulate from 'miniprogram-simulate'
import type { Me } from '../../typings/index'
import { type TestCloud, dataOf, useTestCloud } from '../support/cloud'
import { until } from '../support/until'
import type { PageData } from './page-data'

export { until }

const root = path.resolve(__dirname, '../../miniprogram')
// jsdom's document; the project compiles without the DOM lib so that mini-program code cannot reach for it.
const { document } = globalThis as unknown as { document: { createElement(tag: string): unknown } }

export type PageName = keyof PageData
/** A shown page: `data` is the page's own Data type, so reading a key it does not declare fails to compile. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PageComponent<N extends PageName> = simulate.RootComponent<PageData[N], any, any>
/** Any rendered page or component, for helpers that go by the DOM and not by a page's data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rendered = simulate.Component<object, any, any>

/** Components some page loaded in this file already (jest keeps one module registry per test file). */
const loadedComponents = new Set<string>()

type AppJson = {
  pages: string[]
  subpackages?: { root: string; pages: string[] }[]
  tabBar: { list: { pagePath: string }[] }
}
const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson

/** Every page of app.json, main package then subpackages (分包), as root-relative paths (`pages/home/index`). */
export const APP_PAGES: string[] = [
  ...app.pages,
  ...(app.subpackages ?? []).flatMap((p) => p.pages.map((page) => path.posix.join(p.root, page))),
]

/** A page's name for loadPage: `pages/home/index` → `home`; a subpackage page keeps its root: `officer/x`. */
export const pageNameOf = (pagePath: string) =>
  pagePath.replace(/^pages\//, '').replace(/\/index$/, '')

/**
 * Loads `miniprogram/pages/<name>/index`, or `miniprogram/<root>/<page>/index` for a subpackage page named
 * `<root>/<page>`; one root for every page means wcc compiles the WXML once per file.
 */
export function loadPage(name: string): string {
  const route = path.posix.join(name.includes('/') ? name : `pages/${name}`, 'index')
  const id = loadAt(route)
  routes.set(id, route)
  return id
}

/** Each loaded page's route (`pages/home/index`), by its simulate id. */
const routes = new Map<string, string>()
const tabRoutes = new Set(app.tabBar.list.map((t) => t.pagePath))
let tabBarId = ''
/** The custom tab bar rendered with each tab page (WeChat gives every tab page its own instance). */
const tabBars = new WeakMap<object, Rendered>()

/** The tab bar a tab page shows (its DOM and data), undefined on other pages. */
export const tabBarOf = (page: Rendered): Rendered | undefined => tabBars.get(page)

function loadAt(route: string): string {
  const page = path.join(root, route)
  const json = JSON.parse(fs.readFileSync(`${page}.json`, 'utf8')) as {
    usingComponents?: Record<string, string>
  }
  const components = Object.values(json.usingComponents ?? {})
  const load = () => simulate.load(page, { rootPath: root })
  // simulate registers a component by running its module; jest would hand a second page using it the cached
  // module, leaving that page's copy unregistered and blank. Only then load in a fresh registry, since a fresh
  // registry also parts the page from module state the test shares with it (privacy.test.ts's consent hook).
  const shared = components.some((c) => loadedComponents.has(c))
  components.forEach((c) => loadedComponents.add(c))
  if (!shared) return load()
  let id = ''
  jest.isolateModules(() => (id = load()))
  return id
}

/** Makes `openid` the user: whom WeChat has signed in (wx.cloud) and, on 开发版, the identity picked on 我的. */
function actAs(openid: string): void {
  globalThis.__WX_OPENID__ = openid
  if (globalThis.__ENV_VERSION__ === 'develop') wx.setStorageSync('devOpenid', openid)
}

/** Renders and attaches the page, then runs onLoad(query) and onShow, as `openid` or a fresh guest. */
export function showPage<N extends PageName>(
  id: string,
  openid: string,
  query: Record<string, string> = {},
): PageComponent<N> {
  actAs(openid)
  const page = simulate.render(id) as PageComponent<N>
  const route = routes.get(id) ?? ''
  // What WeChat gives a page: its route and, on a tab page, getTabBar() (custom-tab-bar/).
  Object.assign(page.instance, { route })
  if (tabRoutes.has(route)) {
    tabBarId ||= simulate.load(path.join(root, 'custom-tab-bar/index'), { rootPath: root })
    const bar = simulate.render(tabBarId)
    bar.attach(document.createElement('parent-wrapper'))
    tabBars.set(page, bar)
    Object.assign(page.instance, { getTabBar: () => bar.instance })
    const detach = page.detach.bind(page)
    page.detach = () => (bar.detach(), detach())
  }
  page.attach(document.createElement('parent-wrapper'))
  // WeChat's order for a page built with Component(): attached (its behaviours' too), onLoad, onShow.
  page.instance.onLoad?.(query)
  page.instance.onShow?.()
  return page
}

export function textOf(page: Rendered, selector: string): string {
  return page.querySelector(selector)?.dom?.textContent?.trim() ?? ''
}

export function tap(page: Rendered, selector: string): void {
  const target = page.querySelector(selector)
  if (!target) throw new Error(`nothing matches ${selector}`)
  target.dispatchEvent('tap')
}

/**
 * Does `act` (a tap, a WeChat button's event) and waits until the page's `handler` is done with it, whatever
 * it awaited on the way: what the act was going to do has then happened, so a test may assert it did not.
 */
export async function handled(page: Rendered, handler: string, act: () => void): Promise<void> {
  const spy = jest.spyOn(page.instance as Record<string, () => unknown>, handler)
  try {
    act()
    // simulate dispatches events a microtask later, as WeChat does.
    await until(() => spy.mock.calls.length > 0, `${handler} to run`)
    expect(spy).toHaveBeenCalledTimes(1)
    await spy.mock.results[0].value
  } finally {
    spy.mockRestore()
  }
}

/** The jest mocks page-env installed on `wx`. */
export const wxMock = wx as unknown as Record<
  | 'showModal'
  | 'showActionSheet'
  | 'makePhoneCall'
  | 'setClipboardData'
  | 'showToast'
  | 'navigateTo'
  | 'redirectTo'
  | 'switchTab'
  | 'request'
  | 'downloadFile'
  | 'openDocument'
  | 'shareFileMessage'
  | 'showShareMenu'
  | 'hideShareMenu',
  jest.Mock
>

/** page-env's wx.cloud: what pages call functions, upload photos and download files through. */
export const cloudMock = wx.cloud as unknown as Record<
  'init' | 'callFunction' | 'uploadFile' | 'getTempFileURL' | 'downloadFile',
  jest.Mock
>

/** Points the pages' cloud environment (and, on 开发版, their wx.request) at the emulator a test started. */
export function pointPagesAt(url: string): void {
  globalThis.__EMULATOR_URL__ = url
}

/** Whether a page is still loading, for the pages where that is not `status`. */
const LOADING: { [N in PageName]?: (data: Readonly<PageData[N]>) => boolean } = {
  // A member's month and an officer's 待办 count load after who they are.
  home: (d) =>
    d.meStatus === 'loading' ||
    (!!d.todoScope && d.todoStatus === 'loading') ||
    (d.me?.kind === 'member' && d.me.status === 'active' && d.tasksStatus === 'loading'),
  register: (d) => d.treeStatus === 'loading',
}
const loading = <N extends PageName>(name: N, data: Readonly<PageData[N]>) =>
  (LOADING[name] as ((d: Readonly<PageData[N]>) => boolean) | undefined)?.(data) ??
  (data as { status?: string }).status === 'loading'

/**
 * A test file's pages on its own emulator (useTestCloud): before the file's tests, loads `names`; after
 * each test, detaches the pages it showed (as leaving them does in WeChat). `open` renders a page as
 * `openid`; `show` also waits for its loading to end. Pages run as 正式版 (through wx.cloud) unless
 * `envVersion` says otherwise.
 */
export function usePages<N extends PageName>(
  names: N[],
  options?: { seed?: boolean; envVersion?: WechatMiniprogram.MiniProgram['envVersion'] },
) {
  // Before any page module loads: config.ts picks the transport once, from the build that runs.
  globalThis.__ENV_VERSION__ = options?.envVersion
  const cloud = useTestCloud({ seed: options?.seed })
  const ids = new Map<PageName, string>()
  const shown: PageComponent<N>[] = []
  beforeAll(() => {
    pointPagesAt(cloud.url)
    for (const name of names) ids.set(name, loadPage(name))
  })
  afterEach(() => shown.splice(0).forEach((page) => page.detach()))

  function open<M extends N>(name: M, openid: string, query?: Record<string, string>) {
    const id = ids.get(name)
    if (!id) throw new Error(`${name} is not among this file's pages`)
    const page = showPage<M>(id, openid, query)
    shown.push(page)
    return page
  }
  return {
    cloud,
    open,
    async show<M extends N>(name: M, openid: string, query?: Record<string, string>) {
      const page = open(name, openid, query)
      await until(() => !loading(name, page.data), `${name} to load`)
      return page
    },
  }
}

/** `member.me` for someone the test knows is a member (of any status). */
export async function memberMe(cloud: TestCloud, openid: string) {
  const { me } = dataOf(await cloud.as(openid).member.me())
  if (me.kind !== 'member') throw new Error(`${openid} is ${me.kind}, not a member`)
  return me
}

export type { Me, TestCloud }

let people = 0
const suffixes = '甲乙丙丁戊己庚辛壬癸'

/** Someone nobody has seen yet: a fresh openid, a valid name and an unused phone number. */
export function newPerson(): { openid: string; name: string; phone: string } {
  people += 1
  const stamp = `${process.pid}${Date.now()}`.slice(-6)
  return {
    openid: `page-test-guest-${process.pid}-${Date.now()}-${people}`,
    name: `测试${suffixes[people % 10]}${suffixes[Math.floor(people / 10) % 10]}`,
    phone: `139${stamp}${String(people).padStart(2, '0')}`,
  }
}
