// A month's settlement or opening as a work queue of slices, so that no invocation grows with the district.
// The first driver (a timer run or the district admin's action) plans the slices — a community, or a page of
// its branches bounded by active members — and writes them with a run document (month_runs: state, slices
// done / total, the progress stats.monthProgress shows). A driver then runs each slice as its own invocation of
// this function (cloud.callFunction, a few at once) until its time budget ends; the trigger's next run carries
// on. A slice is claimed with a lease (a conditional update), so concurrent drivers never run one twice, and
// its writes are insert-once, so a slice whose invocation died is simply run again once its lease has passed.
// When every slice is done, the last driver assembles the month's result from the slices' results.
import type { MonthProgress, WorkKind } from '../../../typings/stats'
import { getCloud, getDb } from '../../_shared/cloud'
import { nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent, findById, insertOnce, rows, updatedCount } from '../../_shared/db'
import type { OrgDoc } from '../../_shared/records'
import { PAGE, mapLimit, pageAll } from './store'

/** Active members a slice covers at most (a branch is never split); MONTH_SLICE_MEMBERS overrides it. */
export const SLICE_MEMBERS = Number(process.env.MONTH_SLICE_MEMBERS) || 2000
/** Branches a slice covers at most, whatever their size. */
export const SLICE_BRANCHES = 100
/** A driver's invocation ends within this (the month's assembly aside), whatever the platform's speed: it
 * starts a slice only while one as slow as its slowest so far still fits, and waits for a slice's answer no
 * longer than it has left (a slice it stopped waiting for runs on in its own invocation, under its lease). */
export const DRIVE_LIMIT_MS = 15_000
/** The least wait worth starting a slice for, before any slice of this invocation has answered. */
const FIRST_SLICE_MS = 2_000
/** Slices one driver runs at once, each its own instance on the platform; MONTH_SLICE_FANOUT overrides it
 * (the emulator runs 4 workers a function, so more calls would wait in its queue inside the budget). */
export const FANOUT = Number(process.env.MONTH_SLICE_FANOUT) || 8
/** A claimed slice may be claimed again after this: its invocation (60 s at most) has ended by then. */
export const LEASE_MS = 90_000
/** Slices' results read a request: a settled slice's are ~30 KB (100 branches' totals). */
const RESULTS_PAGE = 50
/** How often a driver looks again while every open slice is claimed by another driver. */
const POLL_MS = 300

export type RunDoc = {
  _id: string
  kind: WorkKind
  month: string
  state: 'planning' | 'running' | 'done'
  total: number
  done: number
  /** When the run was planned: a settlement's settledAt. */
  at: Date
  finishedAt: Date | null
}

export type SliceDoc<R = unknown> = {
  _id: string
  runId: string
  kind: WorkKind
  month: string
  n: number
  /** The run's `at`, so that a slice needs no other read to know it. */
  at: Date
  communityId: string | null
  branchIds: string[]
  members: number
  /** The slice holds all of its community's branches. */
  whole?: boolean
  state: 'todo' | 'running' | 'done'
  leaseUntil: Date | null
  attempts: number
  /** Work saved by a slice that stopped midway (opening: its member cursor and counts so far). */
  partial?: R & { cursor: string | null }
  result?: R
  /** Wall time of the invocation that finished the slice. */
  ms?: number
}

export const runIdOf = (kind: WorkKind, month: string) => `${kind}_${month}`
const sliceIdOf = (runId: string, n: number) => `${runId}_${String(n).padStart(5, '0')}`

/** Branches cut into slices: never across communities, each at most SLICE_MEMBERS active members (unless one
 * branch alone has more) and SLICE_BRANCHES branches, in the order given. `whole`: the slice holds all of its
 * community's branches (so it alone can rank them). */
export function planSlices(
  branches: Pick<OrgDoc, '_id' | 'communityId'>[],
  active: Map<string, number>,
  limits = { members: SLICE_MEMBERS, branches: SLICE_BRANCHES },
) {
  const slices: { communityId: string | null; branchIds: string[]; members: number }[] = []
  const open = new Map<string | null, (typeof slices)[number]>()
  const perCommunity = new Map<string | null, number>()
  for (const b of branches) {
    const communityId = b.communityId ?? null
    const members = active.get(b._id) ?? 0
    let slice = open.get(communityId)
    if (
      !slice ||
      slice.branchIds.length >= limits.branches ||
      (slice.branchIds.length && slice.members + members > limits.members)
    ) {
      slice = { communityId, branchIds: [], members: 0 }
      slices.push(slice)
      open.set(communityId, slice)
      perCommunity.set(communityId, (perCommunity.get(communityId) ?? 0) + 1)
    }
    slice.branchIds.push(b._id)
    slice.members += members
  }
  return slices.map((s) => ({
    ...s,
    whole: s.communityId !== null && perCommunity.get(s.communityId) === 1,
  }))
}

/** What a kind of month work does: its plan, one slice, and the month's result from every slice's. */
export type Work<R> = {
  kind: WorkKind
  plan: () => Promise<ReturnType<typeof planSlices>>
  /** Runs a claimed slice; null when it stopped midway (its `partial` saved) and should be claimed again. */
  slice: (
    slice: SliceDoc<R>,
    save: (partial: SliceDoc<R>['partial']) => Promise<void>,
  ) => Promise<R | null>
  finish: (run: RunDoc, results: R[]) => Promise<void>
}

/** Plans the run: its document first (state planning, its `at` the one every slice carries), then the slices,
 * then the count that makes them a plan. Drivers planning at once, or again after a planner died, write the
 * same slice ids (insert-once) under the same `at`. */
async function planRun<R>(work: Work<R>, month: string): Promise<RunDoc> {
  const runId = runIdOf(work.kind, month)
  await addIfAbsent<RunDoc>(COLLECTIONS.monthRuns, {
    _id: runId,
    kind: work.kind,
    month,
    state: 'planning',
    total: 0,
    done: 0,
    at: nowDate(),
    finishedAt: null,
  })
  const run = (await findById<RunDoc>(COLLECTIONS.monthRuns, runId))!
  if (run.state !== 'planning') return run
  const planned = await work.plan()
  await insertOnce(
    COLLECTIONS.monthSlices,
    planned.map((p, n) => ({
      _id: sliceIdOf(runId, n),
      runId,
      kind: work.kind,
      month,
      n,
      at: run.at,
      ...p,
      state: 'todo',
      leaseUntil: null,
      attempts: 0,
    })),
    100,
  )
  await getDb()
    .collection(COLLECTIONS.monthRuns)
    .where({ _id: runId, state: 'planning' })
    .update({ data: { state: 'running', total: planned.length } })
  return { ...run, state: 'running', total: planned.length }
}

/**
 * Drives a month's work for up to `limitMs`: plans it if nobody has, runs the open slices (each its own
 * invocation), waits for slices other drivers hold, and assembles the result once every slice is done.
 */
export async function drive<R>(work: Work<R>, month: string, limitMs: number): Promise<RunDoc> {
  const runId = runIdOf(work.kind, month)
  const endAt = Date.now() + limitMs // planning counts too
  const left = () => endAt - Date.now()
  // How long the slowest slice this invocation ran took: on a slow platform fewer slices are started.
  let slowest = FIRST_SLICE_MS
  const fits = () => left() >= slowest
  const found = await findById<RunDoc>(COLLECTIONS.monthRuns, runId)
  const run = !found || found.state === 'planning' ? await planRun(work, month) : found
  if (run.state === 'done') return run
  const _ = getDb().command
  for (;;) {
    const open = await rows<Pick<SliceDoc, '_id' | 'state' | 'leaseUntil'>>(
      getDb()
        .collection(COLLECTIONS.monthSlices)
        .where({ runId, state: _.neq('done') })
        .orderBy('_id', 'asc')
        .field({ state: true, leaseUntil: true })
        .limit(PAGE),
    )
    if (!open.length) break
    if (!fits()) return run
    const now = nowDate().getTime()
    const free = open.filter((s) => s.state === 'todo' || leaseOver(s.leaseUntil, now))
    if (!free.length) await new Promise((r) => setTimeout(r, POLL_MS))
    await mapLimit(free, FANOUT, async (s) => {
      if (!fits()) return
      const t0 = Date.now()
      if (await invokeSlice(work.kind, s._id, left())) slowest = Math.max(slowest, Date.now() - t0)
    })
  }
  const results = await pageAll<SliceDoc<R>>(
    COLLECTIONS.monthSlices,
    { runId },
    { result: true },
    RESULTS_PAGE,
  )
  // Only a whole plan is assembled (a planner may still be writing slices).
  if (results.length !== run.total) return run
  await work.finish(
    run,
    results.map((s) => s.result as R),
  )
  const finishedAt = nowDate()
  await getDb()
    .collection(COLLECTIONS.monthRuns)
    .doc(runId)
    .update({ data: { state: 'done', done: run.total, finishedAt } })
  return { ...run, state: 'done', done: run.total, finishedAt }
}

const leaseOver = (leaseUntil: Date | string | null, now: number) =>
  !leaseUntil || new Date(leaseUntil).getTime() <= now

/** The timer event that runs one slice: the trigger of its kind, named by the platform, plus the slice. */
export const SLICE_TRIGGER: Record<WorkKind, string> = { settle: 'settleMonth', open: 'openMonth' }

/**
 * Runs one slice in an invocation of its own, waiting at most `waitMs` for its answer; whether it answered. A
 * failed call leaves the slice to its lease; one not waited for goes on (the SDK's `timeout`, which its
 * typings leave out, only ends the wait).
 */
export async function invokeSlice(
  kind: WorkKind,
  sliceId: string,
  waitMs: number,
): Promise<boolean> {
  try {
    await getCloud().callFunction({
      name: 'stats',
      data: { Type: 'Timer', TriggerName: SLICE_TRIGGER[kind], slice: sliceId },
      timeout: Math.max(waitMs, 1),
    } as Parameters<ReturnType<typeof getCloud>['callFunction']>[0])
    return true
  } catch (err) {
    console.error(
      `[stats] slice ${sliceId} not answered in ${waitMs} ms:`,
      (err as { errMsg?: string }).errMsg ?? err,
    )
    return false
  }
}

/** The slice a timer event names, when a driver sent it (a platform timer names none). */
export const sliceOf = (event: unknown): string | null => {
  const slice = (event as { slice?: unknown } | null)?.slice
  return typeof slice === 'string' ? slice : null
}

/**
 * One slice's invocation: claims it (a free slice, or one whose lease has passed), runs it and marks it done
 * with its result. Another driver's claim, or a slice done already, makes this a no-op.
 */
export async function runSlice<R>(work: Work<R>, sliceId: string) {
  const t0 = Date.now()
  const db = getDb()
  const _ = db.command
  const now = nowDate()
  const claimed = await updatedCount(
    db
      .collection(COLLECTIONS.monthSlices)
      .where(
        _.or([
          { _id: sliceId, kind: work.kind, state: 'todo' },
          { _id: sliceId, kind: work.kind, state: 'running', leaseUntil: _.lte(now) },
        ]),
      )
      .update({
        data: {
          state: 'running',
          leaseUntil: new Date(now.getTime() + LEASE_MS),
          attempts: _.inc(1),
        },
      }),
  )
  if (!claimed) return { slice: sliceId, ran: false, done: false }
  const slice = (await findById<SliceDoc<R>>(COLLECTIONS.monthSlices, sliceId))!
  const save = async (partial: SliceDoc<R>['partial']) => {
    await db
      .collection(COLLECTIONS.monthSlices)
      .doc(sliceId)
      .update({ data: { partial: _.set(partial) } })
  }
  const result = await work.slice(slice, save)
  if (result === null) {
    await db
      .collection(COLLECTIONS.monthSlices)
      .doc(sliceId)
      .update({ data: { state: 'todo', leaseUntil: null } })
    return { slice: sliceId, ran: true, done: false }
  }
  const finished = await updatedCount(
    db
      .collection(COLLECTIONS.monthSlices)
      .where({ _id: sliceId, state: 'running' })
      .update({
        data: { state: 'done', result: _.set(result), leaseUntil: null, ms: Date.now() - t0 },
      }),
  )
  if (finished)
    await db
      .collection(COLLECTIONS.monthRuns)
      .doc(slice.runId)
      .update({ data: { done: _.inc(1) } })
  return { slice: sliceId, ran: true, done: true }
}

/** A month's run of one kind as the district admin sees it: while it runs, also its claimed slices (a
 * claim whose lease has passed is an invocation that died). */
export async function progressOf(kind: WorkKind, month: string): Promise<MonthProgress> {
  const runId = runIdOf(kind, month)
  const run = await findById<RunDoc>(COLLECTIONS.monthRuns, runId)
  const claimed =
    run && run.state !== 'done'
      ? await rows<Pick<SliceDoc, '_id' | 'leaseUntil'>>(
          getDb()
            .collection(COLLECTIONS.monthSlices)
            .where({ runId, state: 'running' })
            .field({ leaseUntil: true })
            .limit(PAGE),
        )
      : []
  const now = nowDate().getTime()
  const failed = claimed.filter((s) => leaseOver(s.leaseUntil, now)).length
  return {
    kind,
    month,
    state: !run ? 'none' : run.state === 'done' ? 'done' : 'running',
    slices: { done: run?.done ?? 0, total: run?.total ?? 0 },
    leased: claimed.length - failed,
    failed,
    startedAt: run ? new Date(run.at).toISOString() : null,
    finishedAt: run?.finishedAt ? new Date(run.finishedAt).toISOString() : null,
  }
}
