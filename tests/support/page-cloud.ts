// WeChat's side of the page tests: the network to the test's emulator, and a wx.cloud that reaches it the way
// the platform does — as the user WeChat has signed in, whatever a page puts in its data.
import { Buffer } from 'buffer'
import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'

declare global {
  /** Set by a test to the emulator `startTestCloud()` started; wx.request sends there whatever host a page names. */
  var __EMULATOR_URL__: string | undefined
  /** Whom WeChat has signed in (the harness sets it): wx.cloud sends it with every call; a page cannot. */
  var __WX_OPENID__: string | undefined
}

export type Sent = {
  statusCode?: number
  header: http.IncomingHttpHeaders
  text: string
  bytes: Buffer
}

/** Sends one request to the test's emulator (whatever host the page names); the body comes back as bytes and as text. */
export function toEmulator(
  url: string,
  init: { method: string; headers: Record<string, string | number>; body: string | Buffer },
  done: (sent: Sent) => void,
  failed: (err: Error) => void,
) {
  const named = new URL(url)
  const target = globalThis.__EMULATOR_URL__ ? new URL(globalThis.__EMULATOR_URL__) : named
  const req = http.request(
    {
      hostname: target.hostname,
      port: target.port,
      path: named.pathname + named.search,
      method: init.method,
      agent: false, // no keep-alive sockets left open when the emulator closes
      headers: { 'content-length': Buffer.byteLength(init.body), ...init.headers },
    },
    (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const bytes = Buffer.concat(chunks)
        done({
          statusCode: res.statusCode,
          header: res.headers,
          text: bytes.toString('utf8'),
          bytes,
        })
      })
    },
  )
  req.on('error', failed)
  req.end(init.body)
  return req
}

/** A multipart form of `fields` and the local file at `filePath` as the part `name`; throws if the file is gone. */
export function multipart(
  name: string,
  filePath: string,
  filename: string,
  fields: Record<string, unknown> = {},
): { type: string; body: Buffer } {
  const boundary = `----page-env-${Date.now()}`
  const parts = Object.entries(fields).map(
    ([k, v]) =>
      `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`,
  )
  const body = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
    ),
    fs.readFileSync(filePath),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { type: `multipart/form-data; boundary=${boundary}`, body }
}

/** A POST from the platform to the test's emulator. */
function post(pathname: string, headers: Record<string, string>, body: string | Buffer) {
  return new Promise<Sent>((resolve, reject) => {
    const emulator = globalThis.__EMULATOR_URL__
    if (!emulator)
      return reject(new Error('no cloud environment: the test has not called pointPagesAt'))
    toEmulator(`${emulator}${pathname}`, { method: 'POST', headers, body }, resolve, reject)
  })
}

/** How wx.cloud rejects: an Error carrying the platform's errCode and errMsg. */
function failure(api: string, errCode: number, detail: string) {
  const errMsg = `cloud.${api}:fail ${detail}`
  return Object.assign(new Error(`errCode: ${errCode} | errMsg: ${errMsg}`), { errCode, errMsg })
}

const errMsgOf = (text: string) => {
  try {
    return String((JSON.parse(text) as { errMsg?: unknown }).errMsg)
  } catch {
    return text
  }
}

async function callFunction({ name, data = {} }: { name: string; data?: object }) {
  const openid = globalThis.__WX_OPENID__
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (openid) headers['x-wx-openid'] = openid
  const sent = await post(`/fn/${encodeURIComponent(name)}`, headers, JSON.stringify(data)).catch(
    (err: Error) => Promise.reject(failure('callFunction', -1, err.message)),
  )
  const requestID = String(sent.header['x-request-id'] ?? '')
  if (sent.statusCode === 404)
    throw failure('callFunction', -501000, 'FunctionName parameter could not be found.')
  if (sent.statusCode !== 200)
    throw failure(
      'callFunction',
      -404011,
      `requestID ${requestID}, cloud function service error code -504002, error message ${errMsgOf(sent.text)}`,
    )
  return { errMsg: 'cloud.callFunction:ok', result: JSON.parse(sent.text) as unknown, requestID }
}

/** Into the emulator's storage; its file ids keep only the last segment of `cloudPath`. */
async function uploadFile({ cloudPath, filePath }: { cloudPath: string; filePath: string }) {
  let form: { type: string; body: Buffer }
  try {
    form = multipart('file', filePath, path.posix.basename(cloudPath))
  } catch (err) {
    throw failure('uploadFile', -1, (err as Error).message)
  }
  const sent = await post('/__upload', { 'content-type': form.type }, form.body).catch(
    (err: Error) => Promise.reject(failure('uploadFile', -1, err.message)),
  )
  if (sent.statusCode !== 200)
    throw failure('uploadFile', -1, `${sent.statusCode} ${errMsgOf(sent.text)}`)
  const { fileID } = JSON.parse(sent.text) as { fileID: string }
  return { errMsg: 'cloud.uploadFile:ok', fileID, statusCode: sent.statusCode }
}

type Download = { fileID: string; tempFileURL: string; code: string; maxAge: number }

/** Through the emulator's storage API, as cloud.getTempFileURL in a function goes. */
async function getTempFileURL({ fileList }: { fileList: string[] }) {
  const file_list = fileList.map((fileid) => ({ fileid }))
  const sent = await post(
    '/admin',
    { 'content-type': 'application/json' },
    JSON.stringify({ action: 'storage.batchGetDownloadUrl', file_list }),
  ).catch((err: Error) => Promise.reject(failure('getTempFileURL', -1, err.message)))
  const reply = JSON.parse(sent.text) as { message?: string; data?: { download_list: Download[] } }
  if (!reply.data) throw failure('getTempFileURL', -1, reply.message ?? sent.text)
  return {
    errMsg: 'cloud.getTempFileURL:ok',
    fileList: reply.data.download_list.map((f) => ({
      fileID: f.fileID,
      tempFileURL: f.tempFileURL,
      maxAge: f.maxAge,
      status: f.code === 'SUCCESS' ? 0 : -1,
      errMsg: f.code === 'SUCCESS' ? 'ok' : f.code,
    })),
  }
}

let downloads = 0

/** Downloaded bytes as a temporary file of the phone (here the OS's temp folder), named with `from`'s extension. */
export function keepDownload(bytes: Buffer, from: string): string {
  downloads += 1
  const ext = path.posix.extname(new URL(from, 'file:///').pathname)
  const tempFilePath = path.join(os.tmpdir(), `wx-download-${process.pid}-${downloads}${ext}`)
  fs.writeFileSync(tempFilePath, bytes)
  return tempFilePath
}

/** As wx.cloud.downloadFile does: the file's temporary URL from storage, then its bytes into a temporary file. */
async function downloadFile({ fileID }: { fileID: string }) {
  const { fileList } = await getTempFileURL({ fileList: [fileID] })
  const url = fileList[0]?.tempFileURL
  if (!url) throw failure('downloadFile', -1, `${fileID} is not a stored file`)
  const sent = await new Promise<Sent>((resolve, reject) =>
    toEmulator(url, { method: 'GET', headers: {}, body: '' }, resolve, reject),
  ).catch((err: Error) => Promise.reject(failure('downloadFile', -1, err.message)))
  if (sent.statusCode !== 200)
    throw failure('downloadFile', -1, `${sent.statusCode} ${errMsgOf(sent.text)}`)
  const tempFilePath = keepDownload(sent.bytes, fileID)
  return { errMsg: 'cloud.downloadFile:ok', tempFilePath, statusCode: sent.statusCode }
}

type Callbacks = {
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}

/** A wx.cloud API: given callbacks it calls them and answers nothing, otherwise it answers a promise. */
function cloudApi<P extends object, R>(run: (params: P) => Promise<R>) {
  return jest.fn((params: P & Callbacks) => {
    const answer = run(params)
    const { success, fail, complete } = params
    if (!success && !fail && !complete) return answer
    answer.then(
      (res) => {
        success?.(res)
        complete?.(res)
      },
      (err: unknown) => {
        fail?.(err)
        complete?.(err)
      },
    )
    return undefined
  })
}

export const wxCloud = {
  // One emulator serves whatever environment app.ts names; tests can see what it asked for.
  init: jest.fn(),
  callFunction: cloudApi(callFunction),
  uploadFile: cloudApi(uploadFile),
  getTempFileURL: cloudApi(getTempFileURL),
  downloadFile: cloudApi(downloadFile),
}
