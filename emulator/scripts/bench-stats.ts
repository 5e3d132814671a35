// `npm run bench` section for rankings and settlement: bulk-loads synthetic members, ledger events and the
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
import type { SettlementSummary, MonthOpening } from '../../typings/stats'
import { type Emulator, startEmulator } from '../src'
import type { Doc } from '../src/ejson'
import { FUNCTIONS_ROOT } from './paths'

export const MONTH = '2026-03'
const NOW = '2026-03-25T12:00:00+08:00'
const RULES: RuleId[] = ['checkin', 'comment', 'orglifeAttend', 'newsPosted']
/** Ledger entries of the settled month whose request died before the counters (settlement repairs them). */
const HALF_WRITTEN = 20

type Row = Record<string, string>
/** What the loaders write into: an emulator started in this process (the bench's, or a test cloud's). */
type Loaded = Pick<Emulator, 'app'>

async function withEmulator<T>(fn: (emu: Emulator) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-stats-'))
  const emu = await startEmulator({ port: 0, dataDir, functionsRoot: FUNCTIONS_ROOT })
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

async function call(
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

/** Opens next month for a district of `members` members (the 25th's trigger, repeated until done). */
async function openNextMonth(emu: Emulator, members: number) {
  loadDistrict(emu, members)
  emu.app.store.rebuildIndexes()
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const { runs, april } = await runOpeningTrigger(emu, 10)
  const cpu = process.cpuUsage(cpu0)
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, runs, april }
}

/**
 * The 25th's openMonth trigger, run again while next month is unfinished (each run stops after its budget),
 * with this month marked opened before it began.
 */
async function runOpeningTrigger(emu: Emulator, maxRuns: number) {
  emu.app.store.apply(
    [
      {
        c: 'month_openings',
        put: { _id: MONTH, cursor: null, done: true, members: 0, branches: 0 },
      },
    ] as never,
    false,
  )
  let runs = 0
  let opening: MonthOpening[] = []
  do {
    runs++
    const res = await fetch(`${emu.url}/__triggers/stats/openMonth`, {
      method: 'POST',
      headers: { 'x-now': '2026-03-25T02:00:00+08:00' },
    })
    const out = (await res.json()) as { result?: { ok: boolean; data?: MonthOpening[] } }
    opening = out.result?.data ?? []
  } while (opening.length === 2 && !opening[1].done && runs < maxRuns)
  return { runs, april: opening[1] as MonthOpening | undefined }
}

/**
 * Month opening at doubling sizes: time per doubling should at most double (linear cost). CPU time (emulator
 * and function workers share this process) is printed too: on a busy machine it wobbles less than wall time.
 */
export async function benchOpening(sizes = [25_000, 50_000, 100_000]) {
  process.env.TENCENTCLOUD = 'true'
  console.log('\nMonth opening (stats openMonth trigger through the real SDK, fsync per write)')
  let prev: { ms: number; cpuMs: number } | undefined
  for (const n of sizes) {
    const run = await withEmulator((emu) => openNextMonth(emu, n))
    const { ms, cpuMs, runs, april } = run
    const growth = prev
      ? `  per doubling ×${(ms / prev.ms).toFixed(2)} wall, ×${(cpuMs / prev.cpuMs).toFixed(2)} cpu`
      : ''
    prev = run
    const what = april ? `${april.members} counters, ${runs} run(s), done ${april.done}` : 'failed'
    console.log(
      `  ${n.toLocaleString('en').padStart(7)} members  ${ms.toFixed(0).padStart(6)} ms wall  ${cpuMs.toFixed(0).padStart(6)} ms cpu  ${what}${growth}`,
    )
  }
}

export async function benchStats(
  members = 10_000,
  levels = [10_000, 100_000, 1_000_000],
  settleMembers = 100_000,
) {
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
  await withEmulator(async (emu) => {
    loadDistrict(emu, settleMembers)
    const counters = new Map<number, Counter>()
    addEvents(emu, settleMembers, 0, settleMembers * 3, counters, HALF_WRITTEN)
    writeCounters(emu, counters)
    emu.app.store.rebuildIndexes()
    // A run stops after its 40 s budget and the next run resumes, so count the runs too.
    const o0 = performance.now()
    const { runs, april } = await runOpeningTrigger(emu, 5)
    rows.push({
      events: `open next month, ${settleMembers.toLocaleString('en')} members`,
      'ranking ms': (performance.now() - o0).toFixed(0),
      'ranking trips': april
        ? `${april.members.toLocaleString('en')} counters, ${runs} run(s), done ${april.done}`
        : 'failed',
    })
    const t0 = performance.now()
    const res = await fetch(`${emu.url}/__triggers/stats/settleMonth`, {
      method: 'POST',
      headers: { 'x-now': '2026-04-01T01:00:00+08:00' },
    })
    const out = (await res.json()) as {
      result?: { ok: boolean; data?: SettlementSummary; message?: string }
    }
    const ms = performance.now() - t0
    const settled = out.result?.data
    rows.push({
      events: `settle ${settleMembers.toLocaleString('en')} members / ${(settleMembers * 3).toLocaleString('en')} events`,
      'ranking ms': ms.toFixed(0),
      'ranking trips': settled
        ? `${settled.differences} diffs, ${settled.repaired.entries} of ${HALF_WRITTEN} half-written repaired, ${settled.bulletins} bulletins`
        : String(out.result?.message ?? 'failed'),
    })
    const first = await call(emu, 'checkin', 'bench-7', 'checkIn', {}, '2026-04-01T08:00:00+08:00')
    rows.push({
      events: 'checkin.checkIn, first of an opened month',
      'ranking trips': `${first.trips} round trips (whole call)`,
      'ranking ms': first.ms.toFixed(1),
    })
  })
  console.log(
    '\nRankings and settlement (stats; ranking = top 50 + my rank in one 50-member branch)',
  )
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length))
  console.log('  ' + columns.map((c) => c.padEnd(width(c))).join('  '))
  for (const r of rows)
    console.log('  ' + columns.map((c) => (r[c] ?? '').padEnd(width(c))).join('  '))
  return rows
}
