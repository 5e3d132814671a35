import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { Persistence } from '../../emulator/src/persistence'
import type { Op } from '../../emulator/src/txn'
import { until } from '../support/until'
import { serveCli, tempDir } from './helpers'

let dataDir: string
let fnDir: string
const procs: ChildProcess[] = []

const serve = () => serveCli(dataDir, fnDir, procs)

async function admin(url: string, body: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/admin?env=local&seqId=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ envName: 'local', ...body }),
  })
  return (await res.json()) as Record<string, unknown>
}

const insert = (url: string, doc: object, transactionId?: string) =>
  admin(url, {
    action: 'database.insertDocument',
    collectionName: 'orgs',
    data: [EJSON.stringify(doc, { relaxed: false })],
    transactionId,
  })

async function allIds(url: string): Promise<Set<string>> {
  const ids = new Set<string>()
  for (let offset = 0; ; offset += 1000) {
    const r = await admin(url, {
      action: 'database.getDocument',
      collectionName: 'orgs',
      queryType: 'WHERE',
      limit: 1000,
      offset,
    })
    const list = (r.data as { list: string[] }).list
    for (const s of list) ids.add((EJSON.parse(s) as { _id: string })._id)
    if (list.length < 1000) return ids
  }
}

beforeAll(() => {
  dataDir = tempDir('durable')
  fnDir = tempDir('nofns')
})

afterAll(() => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(fnDir, { recursive: true, force: true })
})

test('every acknowledged write survives kill -9; transactions are all-or-nothing', async () => {
  const first = await serve()
  const committed = (await admin(first.url, { action: 'database.startTransaction' }))
    .transactionId as string
  await insert(
    first.url,
    { _id: 'tx-committed', kind: 'a', when: new Date(7), ratio: 1.5 },
    committed,
  )
  await insert(first.url, { _id: 'tx-committed-2' }, committed)
  expect(
    await admin(first.url, { action: 'database.commitTransaction', transactionId: committed }),
  ).not.toHaveProperty('code')
  const open = (await admin(first.url, { action: 'database.startTransaction' }))
    .transactionId as string
  await insert(first.url, { _id: 'tx-open' }, open)

  const acked: string[] = []
  let killed = false
  const writer = async (w: number) => {
    for (let i = 0; !killed; i++) {
      const id = `w${w}-${i}`
      try {
        const r = await insert(first.url, { _id: id, n: i })
        if ((r.data as { insertedIds?: string[] } | undefined)?.insertedIds?.[0] === id)
          acked.push(id)
      } catch {
        return // the server is gone
      }
    }
  }
  const writers = Array.from({ length: 16 }, (_x, w) => writer(w))
  await until(() => acked.length >= 400, '400 acknowledged writes', 30_000)
  first.proc.kill('SIGKILL')
  killed = true
  await Promise.all(writers)
  // Simulate a write torn by the crash.
  fs.appendFileSync(path.join(dataDir, 'wal.ejsonl'), '{"ops":[{"c":"orgs","put":{"_id":"torn"')

  const second = await serve()
  const ids = await allIds(second.url)
  const missing = acked.filter((id) => !ids.has(id))
  expect(missing).toEqual([])
  expect(ids.has('tx-committed')).toBe(true)
  expect(ids.has('tx-committed-2')).toBe(true)
  expect(ids.has('tx-open')).toBe(false)
  expect(ids.has('torn')).toBe(false)
  const doc = await admin(second.url, {
    action: 'database.getDocument',
    collectionName: 'orgs',
    queryType: 'DOC',
    query: JSON.stringify({ _id: 'tx-committed' }),
  })
  const stored = EJSON.parse((doc.data as { list: string[] }).list[0], {
    relaxed: false,
  }) as Record<string, unknown>
  expect(stored.when).toEqual(new Date(7))
  expect(stored.ratio).toEqual(expect.objectContaining({ value: 1.5 }))
  second.proc.kill('SIGTERM')
  await new Promise((r) => second.proc.once('exit', r))
}, 60_000)

test('records written together (group commit, direct writes that rewrite the last partial sector) read back in order', async () => {
  const dir = tempDir('wal-groups')
  try {
    const replayed: Op[] = []
    const read = () =>
      Persistence.open(
        dir,
        (ops) => replayed.push(...ops),
        () => [],
      )
    const log = read()
    // Sizes around and across 512-byte sectors from 8 writers at once: each write takes whatever queued
    // while the one before was in flight. The log's order is the order of the calls.
    const sizes = Array.from({ length: 2000 }, (_x, i) => (i * 7919) % 1300)
    const order: [string, number][] = []
    const writer = async (w: number) => {
      for (let i = w; i < sizes.length; i += 8) {
        order.push([`g${i}`, sizes[i]])
        await log.append([{ c: 'docs', put: { _id: `g${i}`, pad: 'y'.repeat(sizes[i]) } }])
      }
    }
    await Promise.all(Array.from({ length: 8 }, (_x, w) => writer(w)))
    await log.close()
    await read().close()
    expect(
      replayed.map((op) => ('put' in op ? [op.put._id, (op.put.pad as string).length] : op)),
    ).toEqual(order)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('the log made room ahead (zero-filled chunks) reads back every record in order, past chunk ends', async () => {
  const dir = tempDir('wal-chunks')
  try {
    const replayed: Op[] = []
    const read = () =>
      Persistence.open(
        dir,
        (ops) => replayed.push(...ops),
        () => [],
      )
    const log = read()
    // 30 records of ~100 KB span three 1 MB chunks; the 2 MB one is larger than a chunk by itself.
    const sizes = [...Array.from({ length: 30 }, () => 100_000), 2_000_000, 10]
    for (const [i, size] of sizes.entries())
      await log.append([{ c: 'docs', put: { _id: `d${i}`, pad: 'x'.repeat(size) } }])
    await log.close()
    await read().close()
    expect(
      replayed.map((op) => ('put' in op ? [op.put._id, (op.put.pad as string).length] : op)),
    ).toEqual(sizes.map((size, i) => [`d${i}`, size]))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
