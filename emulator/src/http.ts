import http from 'node:http'
import type { App } from './app'
import type { Json } from './ejson'
import { consoleRoute } from './console'
import { parseMultipart, parseMultipartParts } from './openapi'
import { FunctionError } from './runner'
import { MAX_UPLOAD_BYTES } from './storage'
import { listTriggers, runTrigger } from './timers'

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, x-wx-openid, x-now',
  'access-control-expose-headers': 'x-request-id, x-db-round-trips, x-docs-examined',
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body ?? null)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...CORS, ...headers })
  res.end(text)
}

/** The whole body; past `limit` bytes the rest is drained unkept (so the client reads our 413) and 413 is thrown. */
function readBody(req: http.IncomingMessage, limit = Infinity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= limit) chunks.push(c)
    })
    req.on('end', () =>
      size > limit
        ? reject(new FunctionError(`body larger than ${limit} bytes`, 413))
        : resolve(Buffer.concat(chunks)),
    )
    req.on('error', reject)
  })
}

/** Room for the multipart boundaries and part headers around an upload's file. */
const FORM_OVERHEAD_BYTES = 64 * 1024

/** wx.uploadFile's local stand-in: one multipart `file` part in, `{ fileID }` out. */
async function upload(app: App, req: http.IncomingMessage, res: http.ServerResponse) {
  const type = header(req, 'content-type') ?? ''
  if (!type.startsWith('multipart/form-data'))
    return send(res, 400, { errCode: -1, errMsg: 'upload must be multipart/form-data' })
  const body = await readBody(req, MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES)
  const file = parseMultipartParts(body, type).find((p) => p.name === 'file')
  if (!file) return send(res, 400, { errCode: -1, errMsg: 'no file part named "file"' })
  if (file.data.length > MAX_UPLOAD_BYTES)
    return send(res, 413, { errCode: -1, errMsg: `file larger than ${MAX_UPLOAD_BYTES} bytes` })
  return send(res, 200, { fileID: app.files.save(file.data, file.filename) })
}

function json(buf: Buffer): Json {
  if (!buf.length) return {}
  const v = JSON.parse(buf.toString('utf8')) as unknown
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('body must be a JSON object')
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
    throw new FunctionError(`bad x-now: ${v}`, 400)
  return v
}

export function createServer(
  app: App,
  functionsRoot: string,
  log: (line: string) => void,
): http.Server {
  return http.createServer((req, res) => {
    handle(app, functionsRoot, req, res).catch((e: Error) => {
      const status = e instanceof FunctionError ? e.status : 500
      if (status >= 500 && !(e instanceof FunctionError))
        log(`[http] ${req.method} ${req.url}: ${e.stack}`)
      if (!res.headersSent) send(res, status, { errCode: -1, errMsg: e.message })
      else res.end()
    })
  })
}

async function handle(app: App, root: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const p = url.pathname
  const method = req.method ?? 'GET'
  if (method === 'OPTIONS') {
    res.writeHead(204, CORS)
    return res.end()
  }
  if (method === 'POST' && (p === '/admin' || p.startsWith('/admin/w/'))) {
    const inv = p.startsWith('/admin/w/')
      ? app.runner.current(p.slice('/admin/w/'.length))
      : undefined
    const body = await readBody(req)
    const type = header(req, 'content-type') ?? ''
    if (type.startsWith('multipart/form-data')) {
      const fields = parseMultipart(body, type)
      const action = fields.get('action')?.toString()
      if (action !== 'wx.openApi')
        return send(res, 200, { code: 'INVALID_ACTION', message: `${action} not emulated` })
      const out = app.openApi(
        String(fields.get('apiName')),
        fields.get('requestData') ?? Buffer.alloc(0),
        inv,
      )
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      return res.end(out)
    }
    return send(res, 200, await app.admin(json(body), inv))
  }
  if (method === 'POST' && p.startsWith('/fn/')) {
    const fn = decodeURIComponent(p.slice(4))
    if (!app.runner.find(fn))
      return send(res, 404, { errCode: -1, errMsg: `function ${fn} not found` })
    const event = json(await readBody(req))
    const { result, inv } = await app.invoke(fn, event, {
      openid: header(req, 'x-wx-openid'),
      now: nowHeader(req),
    })
    return send(res, 200, result, {
      'x-request-id': inv.id,
      'x-db-round-trips': String(inv.roundTrips),
      'x-docs-examined': String(inv.docsExamined),
    })
  }
  if (p === '/healthz') return send(res, 200, { ok: true })
  if (method === 'POST' && p === '/__upload') return upload(app, req, res)
  if (method === 'GET' && p.startsWith('/__files/')) {
    let id: string | null = null
    try {
      id = decodeURIComponent(p.slice('/__files/'.length))
    } catch {
      // a malformed escape names no stored file
    }
    const file = id === null ? null : app.files.read(id)
    if (!file) return send(res, 404, { errCode: -1, errMsg: 'no such file' })
    res.writeHead(200, { 'content-type': file.contentType, ...CORS })
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
      const body = json(await readBody(req)) as { words?: unknown; label?: unknown }
      if (!Array.isArray(body.words))
        return send(res, 400, { errCode: -1, errMsg: 'words must be an array' })
      app.openapi.addWords(
        body.words.map(String),
        typeof body.label === 'number' ? body.label : undefined,
      )
    }
    return send(res, 200, { words: [...app.openapi.words.keys()] })
  }
  if (p === '/__security/media-checks') {
    if (method === 'POST') {
      const body = json(await readBody(req)) as { hold?: unknown }
      if (typeof body.hold !== 'boolean')
        return send(res, 400, { errCode: -1, errMsg: 'hold must be true or false' })
      app.holdMediaResults(body.hold)
    }
    return send(res, 200, app.openapi.mediaChecks)
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
    const [fn, name] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])]
    const out = await runTrigger(app, root, fn, name, nowHeader(req))
    if (!out) return send(res, 404, { errCode: -1, errMsg: `trigger ${fn}/${name} not found` })
    return send(res, 200, out)
  }
  return send(res, 404, { errCode: -1, errMsg: `no route ${method} ${p}` })
}
