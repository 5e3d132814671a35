import http from 'node:http'
import type { ErrorCode, Fail } from '../../typings/common'
import { requestId, type App } from './app'
import { MAX_DEPTH, nestsDeeper, type Json } from './ejson'
import { consoleRoute } from './console'
import { decodeSegment, HttpError } from './errors'
import { parseMultipart, parseMultipartParts } from './openapi'
import { MAX_UPLOAD_BYTES } from './storage'
import { listTriggers, runTrigger } from './timers'

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, x-wx-openid, x-now',
  'access-control-expose-headers': 'x-request-id, x-db-round-trips, x-docs-examined',
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' }
const JSON_CORS = { ...JSON_TYPE, ...CORS }

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = JSON_CORS,
) {
  res.writeHead(status, headers)
  res.end(JSON.stringify(body ?? null))
}

/**
 * Who a route answers and so the shape of its errors: the function-call entry (the reply envelope, as
 * the typed client reads it), the tcb-api the SDK talks to (its `{code, message, requestId}`), or the
 * emulator's own local routes (`{errCode, errMsg}`, like a failed wx API).
 */
type Route = 'fn' | 'admin' | 'local'

/** The path without its query: what the SDK and function routes need, without parsing a URL per request. */
const pathOf = (url: string) => {
  const q = url.indexOf('?')
  return q < 0 ? url : url.slice(0, q)
}

function routeOf(url: string): Route {
  const p = pathOf(url)
  if (p.startsWith('/fn/')) return 'fn'
  if (p === '/admin' || p.startsWith('/admin/w/')) return 'admin'
  return 'local'
}

const MB = 1024 * 1024
/** Room for the multipart boundaries and part headers around an upload's file. */
const FORM_OVERHEAD_BYTES = 64 * 1024

/**
 * The largest body each route reads. /fn: SCF's 6 MB limit on a synchronous invocation's event. /admin: the
 * same, far above the SDK's largest batch (a few hundred documents per `add`). Local routes take small JSON.
 */
function bodyLimit(route: Route, path: string): number {
  if (route !== 'local') return 6 * MB
  if (path.startsWith('/__cos/')) return MAX_UPLOAD_BYTES
  return path === '/__upload' ? MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES : 64 * 1024
}

/** A failed request in its route's shape; on /fn a function's own failure keeps its detail in `errMsg`. */
function errorBody(route: Route, status: number, message: string): unknown {
  if (route === 'fn') {
    // The platform fails callFunction itself (no result) when a function throws, dies or times out, hence
    // a 5xx; the typed client shows `message` either way.
    if (status >= 500) return { ...fail('INTERNAL', '云函数执行失败'), errMsg: message }
    return fail(status === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT', message)
  }
  if (route === 'admin')
    return { code: status >= 500 ? 'SYS_ERR' : 'INVALID_PARAM', message, requestId: requestId() }
  return { errCode: -1, errMsg: message }
}

const fail = (code: ErrorCode, message: string): Fail => ({ ok: false, code, message })

/** The whole body; past `limit` bytes the rest is drained unkept (so the client reads our 413) and 413 is thrown. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= limit) chunks.push(c)
    })
    req.on('end', () =>
      size > limit
        ? reject(new HttpError(413, `请求内容超过 ${limit} 字节`))
        : resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)),
    )
    req.on('error', reject)
  })
}

/** wx.uploadFile's local stand-in: one multipart `file` part in, `{ fileID }` out. */
function upload(app: App, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
  const type = header(req, 'content-type') ?? ''
  if (!type.startsWith('multipart/form-data'))
    return send(res, 400, { errCode: -1, errMsg: 'upload must be multipart/form-data' })
  const file = parseMultipartParts(body, type).find((p) => p.name === 'file')
  if (!file) return send(res, 400, { errCode: -1, errMsg: 'no file part named "file"' })
  if (file.data.length > MAX_UPLOAD_BYTES)
    return send(res, 413, { errCode: -1, errMsg: `file larger than ${MAX_UPLOAD_BYTES} bytes` })
  return send(res, 200, { fileID: app.files.save(file.data, file.filename) })
}

/**
 * The file id a temporary URL's last segment names. node-sdk's downloadFile runs encodeURI over the URL, so
 * there the id arrives encoded twice. A malformed escape names no file ('').
 */
function fileIdOf(segment: string): string {
  try {
    const id = decodeSegment(segment)
    return id.startsWith('cloud%3A') ? decodeSegment(id) : id
  } catch {
    return ''
  }
}

/** A JSON object body (empty: `{}`); anything else is the client's fault. */
function json(buf: Buffer): Json {
  if (!buf.length) return {}
  let v: unknown
  try {
    v = JSON.parse(buf.toString('utf8'))
  } catch {
    throw new HttpError(400, '请求内容不是有效的 JSON')
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new HttpError(400, '请求内容必须是 JSON 对象')
  // JSON.parse copes with any depth; sending the event on to a worker would overflow the stack.
  if (nestsDeeper(v)) throw new HttpError(400, `请求内容嵌套超过 ${MAX_DEPTH} 层`)
  return v as Json
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  const s = Array.isArray(v) ? v[0] : v
  return s ? s : undefined
}

/** Validates x-now so a typo fails loudly instead of silently running on the real clock. */
function nowHeader(req: http.IncomingMessage): string | undefined {
  const v = header(req, 'x-now')
  if (v !== undefined && Number.isNaN(Date.parse(v)))
    throw new HttpError(400, `x-now 不是有效的时间：${v}`)
  return v
}

export function createServer(
  app: App,
  functionsRoot: string,
  log: (line: string) => void,
): http.Server {
  const server = http.createServer((req, res) => {
    const route = routeOf(req.url ?? '/')
    handle(app, functionsRoot, route, req, res).catch((e: Error) => {
      const status = e instanceof HttpError ? e.status : 500
      if (status >= 500)
        log(`[http] ${req.method} ${req.url}: ${e instanceof HttpError ? e.message : e.stack}`)
      if (!res.headersSent) send(res, status, errorBody(route, status, e.message))
      else res.end()
    })
  })
  // After listen, e.g. a failed accept under too many open files: the server itself carries on.
  server.on('error', (e) => log(`[http] ${e.message}`))
  return server
}

async function handle(
  app: App,
  root: string,
  route: Route,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const method = req.method ?? 'GET'
  if (method === 'POST' && route === 'admin') {
    // The SDK's route, on every database call: its path needs no URL parsing, its server-side client no CORS.
    const p = pathOf(req.url ?? '/')
    const body = await readBody(req, bodyLimit(route, p))
    const inv = p.startsWith('/admin/w/')
      ? app.runner.current(p.slice('/admin/w/'.length))
      : undefined
    const type = header(req, 'content-type') ?? ''
    if (type.startsWith('multipart/form-data')) {
      const fields = parseMultipart(body, type)
      const action = fields.get('action')?.toString()
      const call = [
        String(fields.get('apiName')),
        fields.get('requestData') ?? Buffer.alloc(0),
        inv,
      ] as const
      // Cloud payment answers once the order it made or changed is on disk.
      const out =
        action === 'wx.openApi'
          ? app.openApi(...call)
          : action === 'wx.wxPayApi'
            ? await app.payApi(...call)
            : null
      if (!out) return send(res, 200, { code: 'INVALID_ACTION', message: `${action} not emulated` })
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      return res.end(out)
    }
    return send(res, 200, await app.admin(json(body), inv), JSON_TYPE)
  }
  let url: URL
  try {
    url = new URL(req.url ?? '/', 'http://localhost')
  } catch {
    throw new HttpError(400, `请求地址无效：${req.url}`)
  }
  const p = url.pathname
  if (method === 'OPTIONS') {
    res.writeHead(204, CORS)
    return res.end()
  }
  // Read on every route, so a body past the route's limit answers 413 even where the route ignores it.
  const body = await readBody(req, bodyLimit(route, p))
  if (method === 'POST' && route === 'fn') {
    const fn = decodeSegment(p.slice(4))
    if (!app.runner.find(fn)) throw new HttpError(404, `云函数 ${fn} 不存在`)
    const event = json(body)
    const { result, inv } = await app.invoke(fn, event, {
      openid: header(req, 'x-wx-openid'),
      now: nowHeader(req),
    })
    return send(res, 200, result, {
      ...JSON_CORS,
      'x-request-id': inv.id,
      'x-db-round-trips': String(inv.roundTrips),
      'x-docs-examined': String(inv.docsExamined),
    })
  }
  if (p === '/healthz') return send(res, 200, { ok: true })
  if (method === 'POST' && p === '/__upload') return upload(app, req, res, body)
  const cos = /^\/__cos\/([0-9a-f]{16})\/(.+)$/.exec(p)
  if (method === 'PUT' && cos) {
    const refused = app.files.put(cos[1], cos[2], header(req, 'authorization') ?? '', body)
    res.writeHead(refused ? 403 : 200, { 'content-type': 'application/xml' })
    return res.end(refused ?? '')
  }
  if (method === 'GET' && p.startsWith('/__files/')) {
    const file = app.files.read(fileIdOf(p.slice('/__files/'.length)))
    if (!file) return send(res, 404, { errCode: -1, errMsg: 'no such file' })
    res.writeHead(200, { ...file.headers, ...CORS })
    return res.end(file.bytes)
  }
  const page = method === 'GET' ? consoleRoute(app.store, url) : null
  if (page?.type === 'html') {
    res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' })
    return res.end(page.body)
  }
  if (page) return send(res, page.status, page.body)
  if (p === '/__outbox') {
    if (method === 'DELETE') app.openapi.outbox.splice(0)
    return send(res, 200, app.openapi.outbox)
  }
  if (p === '/__security/words') {
    if (method === 'POST') {
      const { words, label } = json(body)
      if (!Array.isArray(words))
        return send(res, 400, { errCode: -1, errMsg: 'words must be an array' })
      app.openapi.addWords(words.map(String), typeof label === 'number' ? label : undefined)
    }
    return send(res, 200, { words: [...app.openapi.words.keys()] })
  }
  if (p === '/__security/media-checks') {
    if (method === 'POST') {
      const { hold } = json(body)
      if (typeof hold !== 'boolean')
        return send(res, 400, { errCode: -1, errMsg: 'hold must be true or false' })
      app.holdMediaResults(hold)
    }
    return send(res, 200, app.openapi.mediaChecks)
  }
  if (p === '/__pay' && method === 'GET') return send(res, 200, app.cloudPay.orders())
  const pay = /^\/__pay\/([^/]+)(\/notify)?$/.exec(p)
  if (pay && method === 'POST') {
    const outTradeNo = decodeSegment(pay[1])
    if (pay[2]) return send(res, 200, await app.deliverPayment(outTradeNo, nowHeader(req)))
    const { result, totalFee, deliver } = json(body)
    if (result !== 'success' && result !== 'fail')
      return send(res, 400, { errCode: -1, errMsg: 'result must be "success" or "fail"' })
    if (totalFee !== undefined && (!Number.isInteger(totalFee) || (totalFee as number) <= 0))
      return send(res, 400, { errCode: -1, errMsg: 'totalFee must be a positive integer (fen)' })
    const o = {
      now: nowHeader(req),
      paidFee: totalFee as number | undefined,
      deliver: deliver !== false,
    }
    return send(res, 200, await app.settlePayment(outTradeNo, result, o))
  }
  if (p === '/__calls') {
    const limit = Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100)
    return send(res, 200, app.calls.slice(-limit))
  }
  if (p === '/__stats') {
    if (method === 'DELETE') app.resetStats()
    return send(res, 200, app.stats)
  }
  if (p === '/__triggers' && method === 'GET') return send(res, 200, listTriggers(root))
  const m = /^\/__triggers\/([^/]+)\/([^/]+)$/.exec(p)
  if (m && method === 'POST') {
    const [fn, name] = [decodeSegment(m[1]), decodeSegment(m[2])]
    const out = await runTrigger(app, root, fn, name, nowHeader(req))
    if (!out) return send(res, 404, { errCode: -1, errMsg: `trigger ${fn}/${name} not found` })
    return send(res, 200, out)
  }
  throw new HttpError(404, `no route ${method} ${p}`)
}
