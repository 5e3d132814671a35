// Setup for the pages project: the globals a mini-program page expects, with WeChat's side (wx.cloud, wx.request)
// reaching the test's local emulator.
import { Buffer } from 'buffer'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { TextDecoder, TextEncoder } from 'util'
import { keepDownload, multipart, toEmulator, wxCloud } from './page-cloud'

// The zone (Asia/Shanghai) is set by the pages project's environment, page-environment.js.

declare global {
  /** Which build runs: 正式版 unless a test file says otherwise, so pages call through wx.cloud as in production. */
  var __ENV_VERSION__: WechatMiniprogram.MiniProgram['envVersion'] | undefined
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

const envVersion = () => globalThis.__ENV_VERSION__ ?? 'release'

/**
 * Only 开发版 (with the developer tool's domain check off) reaches the emulator over plain HTTP; 体验版 and
 * 正式版 refuse any domain not configured for the mini-program, as on a phone.
 */
function refused(
  api: string,
  options: { fail?: (res: never) => void; complete?: (res: never) => void },
) {
  if (envVersion() === 'develop') return false
  const result = { errMsg: `${api}:fail url not in domain list`, errno: 600002 } as never
  options.fail?.(result)
  options.complete?.(result)
  return true
}

function request(options: WechatMiniprogram.RequestOption) {
  if (refused('request', options)) return { abort: () => undefined }
  const req = toEmulator(
    options.url,
    {
      method: options.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...options.header },
      body: JSON.stringify(options.data ?? {}),
    },
    ({ statusCode, header, text }) => {
      let data: unknown = text
      try {
        data = JSON.parse(text)
      } catch {
        // a non-JSON body is handed over as text, as wx.request does
      }
      const result = { data, statusCode, header, errMsg: 'request:ok' }
      options.success?.(result as WechatMiniprogram.RequestSuccessCallbackResult)
      options.complete?.(result as WechatMiniprogram.GeneralCallbackResult)
    },
    (err) => {
      const result = { errMsg: `request:fail ${err.message}`, errno: 600001 }
      options.fail?.(result as WechatMiniprogram.RequestFailCallbackErr)
      options.complete?.(result)
    },
  )
  return { abort: () => req.destroy() }
}

/** wx.uploadFile: the local file as the multipart part `name`; the body comes back as text, as on a phone. */
function uploadFile(options: WechatMiniprogram.UploadFileOption) {
  if (refused('uploadFile', options)) return { abort: () => undefined }
  const form = multipart(
    options.name,
    options.filePath,
    path.basename(options.filePath),
    options.formData,
  )
  const req = toEmulator(
    options.url,
    {
      method: 'POST',
      headers: { ...options.header, 'content-type': form.type },
      body: form.body,
    },
    ({ statusCode, text }) => {
      const result = { data: text, statusCode: statusCode ?? 0, errMsg: 'uploadFile:ok' }
      options.success?.(result as WechatMiniprogram.UploadFileSuccessCallbackResult)
      options.complete?.(result)
    },
    (err) => {
      const result = { errMsg: `uploadFile:fail ${err.message}` }
      options.fail?.(result)
      options.complete?.(result)
    },
  )
  return { abort: () => req.destroy() }
}

/** wx.downloadFile: the URL's bytes into a temporary file, whose path comes back with the status. */
function downloadFile(options: WechatMiniprogram.DownloadFileOption) {
  if (refused('downloadFile', options)) return { abort: () => undefined }
  const req = toEmulator(
    options.url,
    { method: 'GET', headers: { ...options.header }, body: '' },
    ({ statusCode, bytes }) => {
      const tempFilePath = keepDownload(bytes, options.url)
      const result = { tempFilePath, statusCode: statusCode ?? 0, errMsg: 'downloadFile:ok' }
      options.success?.(result as WechatMiniprogram.DownloadFileSuccessCallbackResult)
      options.complete?.(result)
    },
    (err) => {
      const result = { errMsg: `downloadFile:fail ${err.message}` }
      options.fail?.(result)
      options.complete?.(result)
    },
  )
  return { abort: () => req.destroy() }
}

/**
 * A wx API that hands a local file to WeChat (wx.openDocument, wx.shareFileMessage): it fails as WeChat does
 * when nothing is at `filePath`, so a page can only open or forward a file it really has.
 */
function fileApi(name: string) {
  return jest.fn((options: Options & { filePath?: string; fail?: (res: unknown) => void }) => {
    if (options.filePath && fs.existsSync(options.filePath)) return asyncApi(name)(options)
    const res = { errMsg: `${name}:fail file not exist` }
    options.fail?.(res)
    options.complete?.(res)
    return options.fail || options.complete ? Promise.resolve(res) : Promise.reject(res)
  })
}

/** A small JPEG-named file on disk: what wx.chooseMedia hands back as the user's picked photo. */
const PICKED_PHOTO = path.join(os.tmpdir(), `page-env-photo-${process.pid}.jpg`)
fs.writeFileSync(PICKED_PHOTO, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]))

const wxShim = {
  cloud: wxCloud,
  request: jest.fn(request),
  uploadFile: jest.fn(uploadFile),
  downloadFile: jest.fn(downloadFile),
  // The user picks one photo each time unless a test says otherwise (mockResolvedValueOnce, or a cancel).
  chooseMedia: asyncApi('chooseMedia', {
    type: 'image',
    tempFiles: [{ tempFilePath: PICKED_PHOTO, size: 10, fileType: 'image' }],
  }),
  previewImage: asyncApi('previewImage'),
  openDocument: fileApi('openDocument'),
  shareFileMessage: fileApi('shareFileMessage'),
  getAccountInfoSync: () => ({
    miniProgram: { appId: 'touristappid', envVersion: envVersion(), version: '' },
  }),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  getStorageSync: jest.fn((key: string) => storage.get(key) ?? ''),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  clearStorageSync: jest.fn(() => storage.clear()),
  showToast: asyncApi('showToast'),
  showModal: asyncApi('showModal', { confirm: true, cancel: false, content: '' }),
  // The first choice unless a test says otherwise.
  showActionSheet: asyncApi('showActionSheet', { tapIndex: 0 }),
  makePhoneCall: asyncApi('makePhoneCall'),
  setClipboardData: asyncApi('setClipboardData'),
  navigateTo: asyncApi('navigateTo'),
  redirectTo: asyncApi('redirectTo'),
  switchTab: asyncApi('switchTab'),
  navigateBack: asyncApi('navigateBack'),
  reLaunch: asyncApi('reLaunch'),
  stopPullDownRefresh: asyncApi('stopPullDownRefresh'),
  // The menu's 转发, which a page offers only while it has something to forward (behaviors/share.ts).
  showShareMenu: asyncApi('showShareMenu'),
  hideShareMenu: asyncApi('hideShareMenu'),
  // Consent already given unless a test says otherwise (the privacy sheet asks on attach).
  getPrivacySetting: asyncApi('getPrivacySetting', { needAuthorization: false }),
  // The user's choice in the subscription dialog is not told apart: pages go on whatever it was.
  requestSubscribeMessage: asyncApi('requestSubscribeMessage'),
  // Paying is a test's to settle (the emulator's /__pay); by default the user completes it.
  requestPayment: asyncApi('requestPayment'),
}

const app = { globalData: {} }

// The test's own emulator (tests/support/cloud.ts) runs in this jsdom realm and needs what Node has and jsdom lacks.
Object.assign(globalThis, {
  TextDecoder,
  TextEncoder,
})

Object.assign(globalThis, {
  wx: wxShim,
  getApp: () => app,
  getCurrentPages: () => [],
})
