import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { isEntry } from './paths'

/** Room for the stand-in's durable writes, zero-filled ahead as the emulator's log is; reused from the start. */
const SYNC_FILE_BYTES = 8 * 1024 * 1024

/**
 * Where a stand-in with `syncDir` puts each write's body before answering: in place in a zero-filled file
 * opened O_DSYNC (as the emulator's log does), so one write costs the disk exactly one durable write.
 */
function durableWriter(dir: string): (body: Buffer) => Promise<void> {
  const fd = fs.openSync(
    path.join(dir, 'standin-sync'),
    fs.constants.O_RDWR | fs.constants.O_CREAT | (fs.constants.O_DSYNC ?? 0),
  )
  fs.writeSync(fd, Buffer.alloc(SYNC_FILE_BYTES), 0, SYNC_FILE_BYTES, 0)
  fs.fdatasyncSync(fd)
  let at = 0
  return (body) => {
    if (at + body.length > SYNC_FILE_BYTES) at = 0
    const position = at
    at += body.length
    return new Promise((resolve, reject) =>
      fs.write(fd, body, 0, body.length, position, (err) => (err ? reject(err) : resolve())),
    )
  }
}

/**
 * A tcb-api stand-in that answers instantly with fixed replies (no storage): what the SDK and HTTP cost on
 * their own, the ceiling the emulator is measured against. It reads and parses each body, as any server must,
 * and answers insert, update and addCollection in the shapes the SDK accepts. With `syncDir`, each insert or
 * update also waits for one durable write of its body: that ceiling once a write must be on disk.
 */
export async function startStandIn(
  o: { syncDir?: string } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  let seq = 0
  const durable = o.syncDir ? durableWriter(o.syncDir) : null
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      const { action } = JSON.parse(body.toString('utf8') || '{}') as { action?: string }
      const insert = action === 'database.insertDocument'
      const modify = action === 'database.modifyDocument'
      if (durable && (insert || modify)) await durable(body)
      const data = insert ? { insertedIds: [`s${++seq}`] } : modify ? { updated: 1 } : {}
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify({ requestId: 'standin', data }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

// Run as a process of its own by the bench: the first line names the URL; SIGTERM stops it.
// `--sync-dir <dir>`: each write waits for a durable write in <dir>.
if (isEntry(module)) {
  const i = process.argv.indexOf('--sync-dir')
  void startStandIn({ syncDir: i >= 0 ? process.argv[i + 1] : undefined }).then(
    ({ url, close }) => {
      console.log(`STANDIN_URL=${url}`)
      process.once('SIGTERM', () => void close().then(() => process.exit(0)))
    },
  )
}
