// Loading, showing and waiting on pages in miniprogram-simulate, acting as a given emulator user.
import fs from 'fs'
import path from 'path'
import simulate from 'miniprogram-simulate'
import type { ActionInput, ActionName, ActionOutput, FunctionName, Me } from '../../typings/index'
import { startTestCloud, type TestCloud } from '../support/cloud'

const root = path.resolve(__dirname, '../../miniprogram')
// jsdom's document; the project compiles without the DOM lib so that mini-program code cannot reach for it.
const { document } = globalThis as unknown as { document: { createElement(tag: string): unknown } }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PageComponent = simulate.Component<any, any, any>

/** Components some page loaded in this file already (jest keeps one module registry per test file). */
const loadedComponents = new Set<string>()

/** Loads `miniprogram/pages/<name>/index`; one root for every page means wcc compiles the WXML once per file. */
export function loadPage(name: string): string {
  const page = path.join(root, 'pages', name, 'index')
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
export function showPage(
  id: string,
  openid: string,
  query: Record<string, string> = {},
): PageComponent {
  actAs(openid)
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  // WeChat's order for a page built with Component(): attached (its behaviours' too), onLoad, onShow.
  page.instance.onLoad?.(query)
  page.instance.onShow?.()
  return page
}

/** Polls until `check` holds: pages answer after a real round trip to the emulator. */
export async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await simulate.sleep(20)
  }
}

export function textOf(page: PageComponent, selector: string): string {
  return page.querySelector(selector)?.dom?.textContent?.trim() ?? ''
}

export function tap(page: PageComponent, selector: string): void {
  const target = page.querySelector(selector)
  if (!target) throw new Error(`nothing matches ${selector}`)
  target.dispatchEvent('tap')
}

/** The jest mocks page-env installed on `wx`. */
export const wxMock = wx as unknown as Record<
  'showModal' | 'showToast' | 'navigateTo' | 'redirectTo' | 'switchTab' | 'request',
  jest.Mock
>

/** page-env's wx.cloud: what pages call functions and upload photos through. */
export const cloudMock = wx.cloud as unknown as Record<
  'init' | 'callFunction' | 'uploadFile' | 'getTempFileURL',
  jest.Mock
>

/** Points the pages' cloud environment (and, on 开发版, their wx.request) at the emulator a test started. */
export function pointPagesAt(url: string): void {
  globalThis.__EMULATOR_URL__ = url
}

/** The data fields that say a page is still loading, for the pages where that is not `status`. */
const LOADING_FIELDS: Record<string, string[]> = {
  home: ['meStatus', 'treeStatus'],
  register: ['treeStatus'],
}

/**
 * A test file's pages on its own emulator: before the file's tests, starts the cloud and loads `names`;
 * after them, closes it. `open` renders a page as `openid`; `show` also waits for its loading to end.
 * Pages run as 正式版 (through wx.cloud) unless `envVersion` says otherwise.
 */
export function usePages(
  names: string[],
  options?: { seed?: boolean; envVersion?: WechatMiniprogram.MiniProgram['envVersion'] },
) {
  // Before any page module loads: config.ts picks the transport once, from the build that runs.
  globalThis.__ENV_VERSION__ = options?.envVersion
  let started: TestCloud | undefined
  const ids: Record<string, string> = {}
  beforeAll(async () => {
    started = await startTestCloud({ seed: options?.seed })
    pointPagesAt(started.url)
    for (const name of names) ids[name] = loadPage(name)
  })
  afterAll(() => started?.close())

  function open(name: string, openid: string, query?: Record<string, string>): PageComponent {
    if (!ids[name]) throw new Error(`${name} is not among this file's pages`)
    return showPage(ids[name], openid, query)
  }
  return {
    cloud(): TestCloud {
      if (!started) throw new Error('the test cloud starts in beforeAll')
      return started
    },
    open,
    async show(name: string, openid: string, query?: Record<string, string>) {
      const page = open(name, openid, query)
      const fields = LOADING_FIELDS[name] ?? ['status']
      await until(() => fields.every((f) => page.data[f] !== 'loading'), `${name} to load`)
      return page
    },
  }
}

/** Calls an action as `openid` straight through the emulator, typed from the contract; a refusal fails the test. */
export async function ask<F extends FunctionName, A extends ActionName<F>>(
  cloud: TestCloud,
  openid: string,
  fn: F,
  action: A,
  payload?: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  const reply = await cloud.callAs<ActionOutput<F, A>>(openid, fn, action, payload)
  if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.code} ${reply.message}`)
  return reply.data
}

/** `member.me` for someone the test knows is a member (of any status). */
export async function memberMe(cloud: TestCloud, openid: string) {
  const { me } = await ask(cloud, openid, 'member', 'me')
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
