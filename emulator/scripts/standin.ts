import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { isEntry } from './paths'

/**
 * A tcb-api stand-in that answers instantly with fixed replies (no storage, no fsync): what the SDK and
 * HTTP cost on their own, the ceiling the emulator is measured against. It reads and parses each body, as
 * any server must, and answers insert, update and addCollection in the shapes the SDK accepts.
 */
export async function startStandIn(): Promise<{ url: string; close: () => Promise<void> }> {
  let seq = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const { action } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        action?: string
      }
      const data =
        action === 'database.insertDocument'
          ? { insertedIds: [`s${++seq}`] }
          : action === 'database.modifyDocument'
            ? { updated: 1 }
            : {}
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
if (isEntry(module))
  void startStandIn().then(({ url, close }) => {
    console.log(`STANDIN_URL=${url}`)
    process.once('SIGTERM', () => void close().then(() => process.exit(0)))
  })
