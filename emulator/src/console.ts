// The web console's read-only data routes and its page. The page itself calls the other endpoints
// (/__calls, /__outbox, /__triggers) and, for rankings, the real `stats` function as an admin.
import fs from 'node:fs'
import path from 'node:path'
import { decodeSegment } from './errors'
import type { Store } from './store'

const PAGE = path.resolve(__dirname, '../console/index.html')
const MAX_PAGE = 100

export type ConsoleReply = { status: number; type: 'json' | 'html'; body: unknown }

export function consoleRoute(store: Store, url: URL): ConsoleReply | null {
  const p = url.pathname
  if (p === '/' || p === '/index.html') {
    return { status: 200, type: 'html', body: fs.readFileSync(PAGE, 'utf8') }
  }
  if (p === '/__collections') {
    const list = store.names().map((name) => ({ name, count: store.col(name).docs.size }))
    return { status: 200, type: 'json', body: list }
  }
  const m = /^\/__collections\/([^/]+)$/.exec(p)
  if (!m) return null
  const name = decodeSegment(m[1])
  if (!store.names().includes(name)) {
    return { status: 404, type: 'json', body: { errCode: -1, errMsg: `no collection ${name}` } }
  }
  const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0)
  const limit = Math.min(MAX_PAGE, Math.max(1, Number(url.searchParams.get('limit')) || 20))
  const docs = [...store.col(name).docs.values()]
  return {
    status: 200,
    type: 'json',
    body: { name, total: docs.length, offset, limit, docs: docs.slice(offset, offset + limit) },
  }
}
