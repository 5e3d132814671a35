// `npm run bench` section for rankings: bulk-loads synthetic members, ledger events and the
// counters they imply straight into the emulator's store (through the SDK, 1M events would take hours), then
// measures stats and checkin calls through the real function runner.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import {
  branchMonthId,
  ledgerEntryId,
  memberMonthId,
} from '../../cloudfunctions/_shared/participation'
import { PARTICIPATION_RULES, type RuleId } from '../../typings/participation'
import tcb from '@cloudbase/node-sdk'
import { type Emulator, startEmulator } from '../src'
import type { Doc } from '../src/ejson'
import { FUNCTIONS_ROOT } from './paths'

export const MONTH = '2026-03'
const NOW = '2026-03-25T12:00:00+08:00'
const RULES: RuleId[] = ['checkin', 'comment', 'orglifeAttend', 'newsPosted']

type Row = Record<string, string>
/** What the loaders write into: an emulator started in this process (the bench's, or a test cloud's). */
type Loaded = Pick<Emulator, 'app'>

export async function withEmulator<T>(
  fn: (emu: Emulator) => Promise<T>,
  log?: (line: string) => void,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-stats-'))
  const emu = await startEmulator({ port: 0, dataDir, functionsRoot: FUNCTIONS_ROOT, log })
  try {
    return await fn(emu)
  } finally {
    await emu.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** A district of `members` members in branches of 50, 20 branches per community. */
export function loadDistrict(emu: Loaded, members: number) {
  const at = new Date('2026-01-01T00:00:00+08:00')
  const ops: { c: string; put: Doc }[] = []
  const branches = Math.ceil(members / 50)
  for (let b = 0; b < branches; b++) {
    const communityId = `c${Math.floor(b / 20)}`
    if (b % 20 === 0)
      ops.push({
        c: 'orgs',
        put: {
          _id: communityId,
          name: `社区${communityId}`,
          level: 'community',
          parentId: 'd',
          communityId,
          districtId: 'd',
          sort: b,
        },
      })
    ops.push({
      c: 'orgs',
      put: {
        _id: `b${b}`,
        name: `支部${b}`,
        level: 'branch',
        parentId: communityId,
        communityId,
        districtId: 'd',
        branchType: '独立',
        sort: b,
      },
    })
  }
  for (let i = 0; i < members; i++) {
    const openid = `bench-${i}`
    const b = Math.floor(i / 50)
    ops.push({
      c: 'members',
      put: {
        _id: memberIdOf(openid),
        openid,
        name: `党员${i}`,
        phone: '13900000000',
        status: 'active',
        roles: [],
        branchId: `b${b}`,
        communityId: `c${Math.floor(b / 20)}`,
        createdAt: at,
        updatedAt: at,
        approvedAt: at,
      },
    })
  }
  emu.app.store.apply(ops as never, false)
}

export type Counter = {
  score: number
  counts: Record<string, number>
  at: Date
  applied: Record<string, 'counted'>
}

/** Adds `count` ledger events spread over the members and the counters they imply (each entry marked applied,
 * as the ledger marks it); the last `halfWritten` events are left off the counters, as a request that died
 * after writing its entry leaves them. */
export function addEvents(
  emu: Loaded,
  members: number,
  from: number,
  count: number,
  counters: Map<number, Counter>,
  halfWritten = 0,
) {
  const ops: { c: string; put: Doc }[] = []
  for (let e = from; e < from + count; e++) {
    const m = (e * 7919) % members
    const rule = RULES[e % RULES.length]
    const day = 1 + (e % 25)
    const at = new Date(Date.UTC(2026, 2, day, 1, e % 60, e % 60))
    const memberId = memberIdOf(`bench-${m}`)
    const b = Math.floor(m / 50)
    const points = PARTICIPATION_RULES[rule].weight
    const entryId = ledgerEntryId(memberId, rule, `e${e}`)
    ops.push({
      c: 'participation_ledger',
      put: {
        _id: entryId,
        memberId,
        branchId: `b${b}`,
        communityId: `c${Math.floor(b / 20)}`,
        rule,
        ref: `e${e}`,
        units: 1,
        points,
        month: MONTH,
        day: `2026-03-${String(day).padStart(2, '0')}`,
        at,
        recordedAt: at,
      },
    })
    if (e >= from + count - halfWritten) continue
    const c = counters.get(m) ?? { score: 0, counts: {}, at, applied: {} }
    c.score += points
    c.counts[rule] = (c.counts[rule] ?? 0) + 1
    c.applied[entryId] = 'counted'
    if (at > c.at) c.at = at
    counters.set(m, c)
  }
  emu.app.store.apply(ops as never, false)
}

export function writeCounters(emu: Loaded, counters: Map<number, Counter>) {
  const ops: { c: string; put: Doc }[] = []
  const branches = new Map<number, Counter>()
  for (const [m, c] of counters) {
    const memberId = memberIdOf(`bench-${m}`)
    const b = Math.floor(m / 50)
    ops.push({
      c: 'member_months',
      put: {
        _id: memberMonthId(MONTH, memberId),
        memberId,
        name: `党员${m}`,
        branchId: `b${b}`,
        communityId: `c${Math.floor(b / 20)}`,
        month: MONTH,
        score: c.score,
        counts: { ...c.counts },
        days: {},
        refused: {},
        applied: c.applied,
        reachedAt: c.at,
      },
    })
    const t = branches.get(b) ?? { score: 0, counts: {}, at: c.at, applied: {} }
    t.score += c.score
    for (const [r, n] of Object.entries(c.counts)) t.counts[r] = (t.counts[r] ?? 0) + n
    branches.set(b, t)
  }
  for (const [b, t] of branches)
    ops.push({
      c: 'branch_months',
      put: {
        _id: branchMonthId(MONTH, `b${b}`),
        branchId: `b${b}`,
        communityId: `c${Math.floor(b / 20)}`,
        month: MONTH,
        score: t.score,
        counts: t.counts,
      },
    })
  emu.app.store.apply(ops as never, false)
}

export async function call(
  emu: Emulator,
  fn: string,
  openid: string,
  action: string,
  payload: object,
  now = NOW,
) {
  const send = () =>
    fetch(`${emu.url}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid, 'x-now': now },
      body: JSON.stringify({ action, payload }),
    })
  const t0 = performance.now()
  // Loading a million events blocks the event loop past the server's keep-alive timeout, so the first
  // request after a load may find its pooled socket closed: send it once more.
  const res = await send().catch(send)
  const body = (await res.json()) as { ok: boolean; message?: string }
  if (!body.ok) throw new Error(`${fn}.${action}: ${body.message}`)
  return {
    ms: performance.now() - t0,
    trips: Number(res.headers.get('x-db-round-trips')),
    examined: Number(res.headers.get('x-docs-examined')),
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** The naive read: aggregate the branch's month of ledger on every request (indexed by branch and month). */
async function naiveRanking(emu: Emulator) {
  // A fresh @cloudbase/node-sdk app: wx-server-sdk is a process-wide singleton already bound to another emulator.
  const app = tcb.init({
    env: 'local',
    serviceUrl: `${emu.url}/admin`,
    secretId: 'local',
    secretKey: 'local',
    timeout: 120_000,
  })
  await fetch(`${emu.url}/__stats`, { method: 'DELETE' })
  const t0 = performance.now()
  await app
    .database()
    .collection('participation_ledger')
    .aggregate()
    .match({ branchId: 'b7', month: MONTH })
    .group({ _id: '$memberId', score: { $sum: '$points' }, at: { $max: '$at' } })
    .sort({ score: -1, at: 1, _id: 1 })
    .limit(1000)
    .end()
  const ms = performance.now() - t0
  const stats = (await (await fetch(`${emu.url}/__stats`)).json()) as {
    docsExamined: number
    roundTrips: number
  }
  return { ms, trips: stats.roundTrips, examined: stats.docsExamined }
}

export async function benchStats(members = 10_000, levels = [10_000, 100_000, 1_000_000]) {
  process.env.TENCENTCLOUD = 'true'
  const rows: Row[] = []
  await withEmulator(async (emu) => {
    loadDistrict(emu, members)
    const counters = new Map<number, Counter>()
    let loaded = 0
    for (const level of levels) {
      addEvents(emu, members, loaded, level - loaded, counters)
      loaded = level
      writeCounters(emu, counters)
      emu.app.store.rebuildIndexes()
      const me = 'bench-350' // branch b7
      await call(emu, 'stats', me, 'memberRanking', { top: 50 }) // warm the worker
      const reads = []
      for (let i = 0; i < 5; i++)
        reads.push(await call(emu, 'stats', me, 'memberRanking', { top: 50 }))
      const naive = []
      for (let i = 0; i < 3; i++) naive.push(await naiveRanking(emu))
      const r = reads[0]
      const n = naive[0]
      rows.push({
        events: level.toLocaleString('en'),
        'ranking trips': String(r.trips),
        'ranking examined': String(r.examined),
        'ranking ms': median(reads.map((x) => x.ms)).toFixed(1),
        'naive trips': String(n.trips),
        'naive examined': String(n.examined),
        'naive ms': median(naive.map((x) => x.ms)).toFixed(1),
        'examined ratio': `${(n.examined / r.examined).toFixed(1)}×`,
      })
    }
    const checkin = await call(emu, 'checkin', 'bench-351', 'checkIn', {})
    rows.push({
      events: 'checkin.checkIn',
      'ranking trips': `${checkin.trips} round trips (whole call)`,
      'ranking ms': checkin.ms.toFixed(1),
    })
    // The live month's branch ranking of bench-350's community (20 branches, 1,000 members).
    const live = await call(emu, 'stats', 'bench-350', 'branchRanking', {})
    rows.push({
      events: 'stats.branchRanking, live month',
      'ranking trips': `${live.trips} live branch ranking round trips (whole call)`,
      'ranking ms': live.ms.toFixed(1),
    })
  })
  console.log('\nRankings (stats; ranking = top 50 + my rank in one 50-member branch)')
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length))
  console.log('  ' + columns.map((c) => c.padEnd(width(c))).join('  '))
  for (const r of rows)
    console.log('  ' + columns.map((c) => (r[c] ?? '').padEnd(width(c))).join('  '))
  return rows
}
