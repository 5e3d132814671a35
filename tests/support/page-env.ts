// Setup for the pages project: the globals a mini-program page expects, with wx.request going to the local emulator.
import { Buffer } from 'buffer'
import http from 'http'
import { TextDecoder, TextEncoder } from 'util'

// Every month boundary in the domain is Asia/Shanghai; pages format dates for people in that zone.
process.env.TZ = 'Asia/Shanghai'

declare global {
  /** Set by a test to the emulator `startTestCloud()` started; wx.request sends there whatever host a page names. */
  var __EMULATOR_URL__: string | undefined
  /** The query the next rendered page's onLoad receives (set by the harness's showPage). */
  var __PAGE_QUERY__: Record<string, string> | undefined
}

type Options = Record<string, unknown> & {
  success?: (res: unknown) => void
  complete?: (res: unknown) => void
}

/** A wx async API: calls success/complete and also returns the promise, as the base library does. */
function asyncApi(name: string, result: Record<string, unknown> = {}) {
  return jest.fn((options: Options = {}) => {
    const res = { errMsg: `${name}:ok`, ...result }
    options.success?.(res)
    options.complete?.(res)
    return Promise.resolve(res)
  })
}

const storage = new Map<string, unknown>()

function request(options: WechatMiniprogram.RequestOption) {
  const named = new URL(options.url)
  const target = globalThis.__EMULATOR_URL__ ? new URL(globalThis.__EMULATOR_URL__) : named
  const body = JSON.stringify(options.data ?? {})
  const req = http.request(
    {
      hostname: target.hostname,
      port: target.port,
      path: named.pathname + named.search,
      method: options.method ?? 'GET',
      agent: false, // no keep-alive sockets left open when the emulator closes
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...options.header,
      },
    },
    (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        let data: unknown = text
        try {
          data = JSON.parse(text)
        } catch {
          // a non-JSON body is handed over as text, as wx.request does
        }
        const result = {
          data,
          statusCode: res.statusCode,
          header: res.headers,
          errMsg: 'request:ok',
        }
        options.success?.(result as WechatMiniprogram.RequestSuccessCallbackResult)
        options.complete?.(result as WechatMiniprogram.GeneralCallbackResult)
      })
    },
  )
  req.on('error', (err) => {
    const result = { errMsg: `request:fail ${err.message}`, errno: 600001 }
    options.fail?.(result as WechatMiniprogram.RequestFailCallbackErr)
    options.complete?.(result)
  })
  req.end(body)
  return { abort: () => req.destroy() }
}

const wxShim = {
  request: jest.fn(request),
  getAccountInfoSync: () => ({
    miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' },
  }),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  getStorageSync: jest.fn((key: string) => storage.get(key) ?? ''),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  clearStorageSync: jest.fn(() => storage.clear()),
  showToast: asyncApi('showToast'),
  showModal: asyncApi('showModal', { confirm: true, cancel: false, content: '' }),
  navigateTo: asyncApi('navigateTo'),
  redirectTo: asyncApi('redirectTo'),
  switchTab: asyncApi('switchTab'),
  navigateBack: asyncApi('navigateBack'),
  reLaunch: asyncApi('reLaunch'),
  stopPullDownRefresh: asyncApi('stopPullDownRefresh'),
  // Consent already given unless a test says otherwise (the privacy sheet asks on attach).
  getPrivacySetting: asyncApi('getPrivacySetting', { needAuthorization: false }),
}

type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> }
type PageInstance = Record<string, ((...args: unknown[]) => unknown) | undefined>

/** Registers a `Page({...})` as a component (simulate only knows Component): handlers become methods, onLoad/onShow run on attach. */
function Page(options: PageOptions) {
  const { data, ...rest } = options
  const methods = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => typeof v === 'function'),
  )
  const register = (globalThis as unknown as { Component: (definition: object) => void }).Component
  register({
    data,
    methods,
    lifetimes: {
      attached(this: PageInstance) {
        this.onLoad?.({ ...globalThis.__PAGE_QUERY__ })
        this.onShow?.()
      },
      ready(this: PageInstance) {
        this.onReady?.()
      },
      detached(this: PageInstance) {
        this.onUnload?.()
      },
    },
  })
}

const app = { globalData: {} }

// The test's own emulator (tests/support/cloud.ts) runs in this jsdom realm and needs what Node has and jsdom lacks.
Object.assign(globalThis, {
  TextDecoder,
  TextEncoder,
})

Object.assign(globalThis, {
  wx: wxShim,
  Page,
  getApp: () => app,
  getCurrentPages: () => [],
})
