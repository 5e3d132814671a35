import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { until } from '../support/until'
import { serveCli, tempDir } from './helpers'

// kill -9 while 8 writers go at it through the real SDK: after a restart on the same data folder every
// acknowledged write is there, every document is whole, and every transaction happened entirely or not at all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
const cloud: Any = require('wx-server-sdk')

const WRITERS = 8
/** Acknowledged writes to wait for before the kill (or LOAD_MS, whichever comes first). */
const ACKED_BEFORE_KILL = 400
const LOAD_MS = 8000
const DOCS = 'load_docs'
const COUNTERS = 'load_counters'
const ACCOUNTS = 'load_accounts'
const LEDGER = 'load_ledger'

let dataDir: string
let fnDir: string
const procs: ChildProcess[] = []
const serve = (port?: number) => serveCli(dataDir, fnDir, procs, port)

beforeAll(() => {
  dataDir = tempDir('kill-load')
  fnDir = tempDir('nofns')
})

afterAll(() => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(fnDir, { recursive: true, force: true })
})

/** A document whose every field can be checked afterwards: a torn one would not equal this. */
function docOf(w: number, i: number) {
  const pad = 'x'.repeat(20 + ((w * 31 + i) % 200))
  return { _id: `d-${w}-${i}`, w, i, pad, at: new Date(1_700_000_000_000 + i), ratio: i + 0.5 }
}

interface Tally {
  adds: string[]
  incs: number
  incTries: number
  txs: string[]
  /** Errors before the kill other than a transaction that lost its retries to conflicts. */
  unexpected: unknown[]
}

/** Adds, `_.inc` updates and transactions in turn, until the server is gone. */
async function writer(db: Any, w: number, tally: Tally, killed: () => boolean): Promise<void> {
  const _ = db.command
  for (let i = 0; !killed(); i++) {
    try {
      if (i % 3 === 0) {
        await db.collection(DOCS).add({ data: docOf(w, i) })
        tally.adds.push(`d-${w}-${i}`)
      } else if (i % 3 === 1) {
        tally.incTries++
        await db
          .collection(COUNTERS)
          .doc(`c${w}`)
          .update({ data: { n: _.inc(1) } })
        tally.incs++
      } else {
        const id = `t-${w}-${i}`
        // Moves one unit from this writer's account to the shared pool and records it in the ledger.
        await db.runTransaction(async (tx: Any) => {
          const accounts = tx.collection(ACCOUNTS)
          const mine = (await accounts.doc(`a${w}`).get()).data
          const pool = (await accounts.doc('pool').get()).data
          await accounts.doc(`a${w}`).update({ data: { balance: mine.balance - 1 } })
          await accounts.doc('pool').update({ data: { balance: pool.balance + 1 } })
          await tx.collection(LEDGER).add({ data: { _id: id, w, amount: 1 } })
        })
        tally.txs.push(id)
      }
    } catch (e) {
      if (killed()) return
      if ((e as { code?: string }).code !== 'DATABASE_TRANSACTION_CONFLICT')
        tally.unexpected.push(e)
    }
  }
}

async function all(db: Any, collection: string): Promise<Any[]> {
  const out: Any[] = []
  for (;;) {
    const { data } = await db.collection(collection).skip(out.length).limit(1000).get()
    out.push(...data)
    if (data.length < 1000) return out
  }
}

test('kill -9 under 8 concurrent SDK writers: acknowledged writes survive whole, transactions all-or-nothing', async () => {
  const first = await serve()
  cloud.init({
    env: 'local',
    serviceUrl: `${first.url}/admin`,
    secretId: 'local',
    secretKey: 'local',
  })
  const db = cloud.database()
  for (const c of [DOCS, COUNTERS, ACCOUNTS, LEDGER]) await db.createCollection(c)
  const ids = Array.from({ length: WRITERS }, (_x, w) => w)
  await db.collection(COUNTERS).add({ data: ids.map((w) => ({ _id: `c${w}`, n: 0 })) })
  await db.collection(ACCOUNTS).add({
    data: [{ _id: 'pool', balance: 0 }, ...ids.map((w) => ({ _id: `a${w}`, balance: 0 }))],
  })

  // The SDK arms a 3 s slow-request warning per request and never disarms it when the request fails: the
  // requests the kill cuts off would warn after the test is over, which fails the run. They go off below.
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  let killed = false
  const tallies = ids.map((): Tally => ({
    adds: [],
    incs: 0,
    incTries: 0,
    txs: [],
    unexpected: [],
  }))
  const acked = () => tallies.reduce((n, t) => n + t.adds.length + t.incs + t.txs.length, 0)
  const writers = ids.map((w) => writer(db, w, tallies[w], () => killed))
  const started = Date.now()
  const loaded = () => acked() >= ACKED_BEFORE_KILL || Date.now() - started >= LOAD_MS
  await until(loaded, 'the load before the kill', LOAD_MS + 1000)
  const exited = new Promise((r) => first.proc.once('exit', r))
  first.proc.kill('SIGKILL')
  killed = true
  const killedAt = Date.now()
  await Promise.all([exited, ...writers])

  // The same port: wx-server-sdk keeps the service URL of its first init.
  const second = await serve(Number(new URL(first.url).port))
  expect(second.url).toBe(first.url)
  const docs = await all(db, DOCS)
  const counters = new Map((await all(db, COUNTERS)).map((c) => [c._id, c.n as number]))
  const accounts = new Map((await all(db, ACCOUNTS)).map((a) => [a._id, a.balance as number]))
  const ledger = await all(db, LEDGER)

  for (const [w, t] of tallies.entries()) {
    expect(t.unexpected).toEqual([])
    expect(t.adds.length + t.incs).toBeGreaterThan(0)
    // Every acknowledged add is there; at most the one in flight at the kill is counted without an ack.
    const mine = new Set(docs.filter((d) => d.w === w).map((d) => d._id))
    expect(t.adds.filter((id) => !mine.has(id))).toEqual([])
    expect(mine.size - t.adds.length).toBeLessThanOrEqual(1)
    expect(counters.get(`c${w}`)).toBeGreaterThanOrEqual(t.incs)
    expect(counters.get(`c${w}`)).toBeLessThanOrEqual(t.incTries)
    // Each committed transaction moved exactly one unit and wrote exactly one ledger line.
    const lines = ledger.filter((l) => l.w === w)
    expect(t.txs.filter((id) => !lines.some((l) => l._id === id))).toEqual([])
    expect(lines.length - t.txs.length).toBeLessThanOrEqual(1)
    expect(accounts.get(`a${w}`)).toBe(-lines.length)
  }
  for (const d of docs) expect(d).toEqual(docOf(d.w, d.i))
  for (const l of ledger)
    expect(l).toEqual({ _id: expect.stringMatching(`^t-${l.w}-\\d+$`), w: l.w, amount: 1 })
  expect(accounts.get('pool')).toBe(ledger.length)
  expect(tallies.reduce((n, t) => n + t.txs.length, 0)).toBeGreaterThan(0)

  second.proc.kill('SIGTERM')
  await new Promise((r) => second.proc.once('exit', r))
  await new Promise((r) => setTimeout(r, Math.max(0, killedAt + 3500 - Date.now())))
  warn.mockRestore()
}, 60_000)
