// Month settlement in slices (month-work.ts) gives the very documents the single-invocation settlement gave:
// the jest snapshots beside this file were recorded from that settlement (commit 2de8121, before the slices
// and before snapshots were stored in chunks) on this seeded month, and what is stored now assembles to them.
// Tiny slices here, so that one community is cut into several while the demo district's two fit one each, and
// tiny chunks, so that every ranking spans several documents.
process.env.MONTH_SLICE_MEMBERS = '70' // read by the stats workers the emulator starts for this file
process.env.SNAPSHOT_CHUNK_ROWS = '4'

import sdk from 'wx-server-sdk'
import type { SettlementSummary } from '../../typings/stats'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { memberMonthId } from '../../cloudfunctions/_shared/participation'
import { type SliceDoc, invokeSlice, runSlice } from '../../cloudfunctions/stats/src/month-work'
import { settleMonth, settlementWork } from '../../cloudfunctions/stats/src/settle'
import { assembled } from '../../cloudfunctions/stats/src/snapshots'
import {
  type Counter,
  MONTH,
  addEvents,
  loadDistrict,
  writeCounters,
} from '../../emulator/scripts/bench-stats'
import { dataOf, runHere, useTestCloud } from '../support/cloud'
import { until } from '../support/until'

const cloud = useTestCloud()

const MEMBERS = 240
const APRIL = '2026-04-01T01:00:00+08:00'
const ADMIN = 'demo-district-admin'
const RUN = `settle_${MONTH}`

type Counted = { _id: string; score: number; counts: object; refused: object; applied?: object }

/** What a settlement writes for the month, each list in `_id` order. */
async function settledDocs() {
  const all = async <T extends { _id: string }>(collection: string, where: object) =>
    (await cloud.docs<T>(collection, where)).sort((a, b) => (a._id < b._id ? -1 : 1))
  const stored = await all<{ _id: string; rows?: unknown[] }>('ranking_snapshots', { month: MONTH })
  return {
    // As the readers assemble them (snapshots.ts), each document at most 4 rows.
    snapshots: [...assembled(stored as never).values()].sort((a, b) => (a._id < b._id ? -1 : 1)),
    largest: Math.max(...stored.map((d) => d.rows?.length ?? 0)),
    audits: await all('settlement_audits', { month: MONTH }),
    bulletins: (await all<{ _id: string }>('news', { kind: 'bulletin' })).filter((n) =>
      n._id.startsWith(`bulletin_${MONTH}_`),
    ),
    // Compact: what the repair may move on a counter, and how many entries it has applied.
    counters: (await all<Counted>('member_months', { month: MONTH })).map((c) => [
      c._id,
      c.score,
      c.counts,
      c.refused,
      Object.keys(c.applied ?? {}).length,
    ]),
    settlement: await all('settlements', { _id: MONTH }),
  }
}

/** The month as it was before any settlement: 240 members in 5 branches of one community beside the demo
 * district's 2 communities and 8 branches; 720 events, the last 6 half-written (in the ledger, on no counter),
 * and one counter a comment over its ledger (a difference no repair removes). */
async function seedMonth() {
  const store = cloud.app.store
  const written = ['ranking_snapshots', 'settlement_audits', 'settlements', 'month_runs']
  const stale = [...written, 'month_slices', 'news', 'member_months'].flatMap((c) =>
    [...store.col(c).docs.keys()]
      .filter((id) => String(id).includes(MONTH))
      .map((del) => ({ c, del })),
  )
  store.apply(stale as never)
  loadDistrict(cloud, MEMBERS)
  const counters = new Map<number, Counter>()
  addEvents(cloud, MEMBERS, 0, 720, counters, 6)
  writeCounters(cloud, counters)
  store.rebuildIndexes()
  await cloud.db
    .collection('member_months')
    .doc(memberMonthId(MONTH, memberIdOf('bench-7')))
    .update({ data: { counts: { comment: cloud.db.command.inc(1) } } })
}

const slices = () => cloud.docs<SliceDoc>('month_slices', { runId: RUN })

/** The district admin's settle, pressed again while slices are left (each call drives them for its budget). */
async function settleDone(now: string) {
  for (let press = 0; press < 10; press++) {
    const run = dataOf(await cloud.as(ADMIN, { now }).stats.settle({ month: MONTH }))
    if (run.summary) return { ...run, summary: run.summary }
  }
  throw new Error(`${MONTH} not settled after 10 presses`)
}

/** What the first settlement below wrote (the recorded documents), for the later ones to equal. */
let recorded: { summary: SettlementSummary | null; docs: Awaited<ReturnType<typeof settledDocs>> }

// Named as when the snapshots were recorded: two drivers at once settle the month in slices, each slice once.
test('settling a seeded month writes the recorded snapshots, audits, bulletins and counters', async () => {
  await seedMonth()
  const runs = await Promise.all([settleDone(APRIL), settleDone(APRIL)])
  expect(runs[0].summary).toMatchSnapshot('summary')
  expect(runs[1].summary).toEqual(runs[0].summary)
  for (const run of runs) expect(run.progress).toMatchObject({ state: 'done' })
  const done = await slices()
  expect(done.length).toBeGreaterThan(5)
  expect(runs[0].progress.slices).toEqual({ done: done.length, total: done.length })
  // A slice is claimed once: neither driver ran one the other held.
  expect(done.map((s) => [s.state, s.attempts])).toEqual(done.map(() => ['done', 1]))
  // The demo communities fit a slice each, which froze their ranking; c0's, cut into several, the assembly.
  const rankedBy = (s: SliceDoc) =>
    (s.result as { rankedCommunity?: string | null }).rankedCommunity
  expect(done.filter((s) => s.whole).map(rankedBy)).toEqual(
    done.filter((s) => s.whole).map((s) => s.communityId),
  )
  expect(done.filter(rankedBy)).toHaveLength(2)
  expect(done.filter((s) => s.communityId === 'c0').map((s) => [s.whole, rankedBy(s)])).toEqual(
    done.filter((s) => s.communityId === 'c0').map(() => [false, null]),
  )
  recorded = { summary: runs[0].summary, docs: await settledDocs() }
  const { largest, ...docs } = recorded.docs
  expect(docs).toMatchSnapshot('documents')
  expect(largest).toBe(4)
  // A ranking longer than 4 rows is its chunks and a header: the district's, b0…b4's members'.
  const stored = await cloud.docs<{ _id: string; of?: string }>('ranking_snapshots', {
    month: MONTH,
  })
  const long = docs.snapshots.filter((s) => s.rows.length > 4)
  expect(long.map((s) => s._id)).toEqual(
    expect.arrayContaining([`branches_${MONTH}_district`, `members_${MONTH}_b0`]),
  )
  for (const s of long)
    expect(stored.filter((d) => d.of === s._id)).toHaveLength(Math.ceil(s.rows.length / 4))
})

test('a slice whose invocation died midway is run again after its lease: the same documents', async () => {
  await seedMonth()
  runHere(cloud, { now: APRIL })
  // A zero budget plans the month and runs no slice.
  expect(await settleMonth(MONTH, 0)).toMatchObject({
    progress: { state: 'running', slices: { done: 0 } },
    summary: null,
  })
  const planned = await slices()
  const drifted = planned.find((s) => s.branchIds.includes('b0'))!
  // The slice's invocation dies posting its bulletins, after its audits and member rankings.
  const database = sdk.database.bind(sdk)
  const dies = jest.spyOn(sdk, 'database').mockImplementation((...args) => {
    const db = database(...args)
    const collection = db.collection.bind(db)
    db.collection = (name: string) => {
      const c = collection(name)
      if (name === 'news') c.add = () => Promise.reject(new Error('the invocation was killed'))
      return c
    }
    return db
  })
  await expect(runSlice(settlementWork, drifted._id)).rejects.toThrow('killed')
  dies.mockRestore()
  expect(await cloud.doc('month_slices', drifted._id)).toMatchObject({ state: 'running' })
  expect(await cloud.doc('settlement_audits', `${MONTH}_b0`)).toBeTruthy()
  expect(await cloud.doc('news', `bulletin_${MONTH}_b0`)).toBeUndefined()

  // Within its lease the slice is left alone; after it, the next driver runs it again. The progress shows
  // it held, then failed.
  const progress = async (now: string) =>
    dataOf(await cloud.as(ADMIN, { now }).stats.monthProgress({ month: MONTH })).settle
  expect(await progress('2026-04-01T01:00:30+08:00')).toMatchObject({ leased: 1, failed: 0 })
  expect(await progress('2026-04-01T01:02:00+08:00')).toMatchObject({ leased: 0, failed: 1 })
  runHere(cloud, { now: '2026-04-01T01:00:30+08:00' })
  expect(await runSlice(settlementWork, drifted._id)).toMatchObject({ ran: false })
  const after = await settleDone('2026-04-01T01:02:00+08:00')
  expect(after.progress.slices).toEqual({ done: planned.length, total: planned.length })
  expect(after.summary).toEqual(recorded.summary)
  expect(await cloud.doc('month_slices', drifted._id)).toMatchObject({ state: 'done', attempts: 2 })
  expect(await settledDocs()).toEqual(recorded.docs)
})

test('an already settled month answers its stored summary and changes nothing', async () => {
  const before = await settledDocs()
  const again = dataOf(
    await cloud.trigger<{ ok: true; data: { summary: SettlementSummary } }>(
      'stats',
      'settleMonth',
      APRIL,
    ),
  )
  expect(again.summary).toMatchObject({ already: true })
  expect(await settledDocs()).toEqual(before)
})

test('a driver starts no slice it could not wait for, and a slice it stopped waiting for runs on', async () => {
  await seedMonth()
  runHere(cloud, { now: APRIL })
  await settleMonth(MONTH, 0)
  // Less time than a first slice is allowed: nothing is started, the month is left to the next run.
  expect(await settleMonth(MONTH, 1_000)).toMatchObject({
    progress: { state: 'running', slices: { done: 0 } },
  })
  const planned = await slices()
  expect(planned.map((s) => [s.state, s.attempts])).toEqual(planned.map(() => ['todo', 0]))
  // A wait of 1 ms ends before the slice answers (the SDK's timeout), yet the slice's own invocation runs it.
  expect(await invokeSlice('settle', planned[0]._id, 1)).toBe(false)
  await until(
    async () => (await cloud.doc<SliceDoc>('month_slices', planned[0]._id))?.state === 'done',
    'the slice no one waited for',
  )
  const after = await settleDone(APRIL)
  expect(after.summary).toEqual(recorded.summary)
  expect(await settledDocs()).toEqual(recorded.docs)
})
