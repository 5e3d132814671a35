// Opening a month: every branch's and every active member's counters are created at 0 before the month
// begins, so that from its first minute each ledger write moves existing counters (3 round trips at most).
// The trigger (every minute from 02:00 to 02:59) opens the current month (a safety net after an outage
// or a first deployment) and, from the 25th, the next. The work runs in slices (month-work.ts: a community or
// a page of its branches, each its own invocation); a slice saves its member cursor after every page, so one
// stopped midway resumes there. An opened month costs one read. Members approved later open their own
// counters (member.approve).
import type { MonthOpening } from '../../../typings/stats'
import { activeMemberCounts } from '../../_shared/branches'
import { getDb } from '../../_shared/cloud'
import { nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent, findById, insertOnce, rows } from '../../_shared/db'
import { emptyBranchMonth, emptyMemberMonth } from '../../_shared/month-counters'
import { nextMonth } from '../../_shared/participation'
import type { MemberDoc } from '../../_shared/records'
import { stopAfter } from '../../_shared/timer'
import { type SliceDoc, type Work, drive, planSlices } from './month-work'
import { PAGE, branchesOf, pageAll } from './store'

/** The month's marker, written when every slice is done: counters created, members and branches. */
type OpeningDoc = { _id: string; done: true; members: number; branches: number; updatedAt: Date }
type Opened = { members: number; branches: number }

/** A slice stops starting member pages after this and is claimed again by the driver's next call. */
export const SLICE_BUDGET_MS = 15_000

/** Day of the month from which the next month is opened. */
export const OPEN_NEXT_FROM_DAY = 25

/** Inserts the documents whose ids are not there yet: one read per 1000, then batched inserts. */
async function insertMissing(collection: string, docs: { _id: string }[]): Promise<number> {
  const _ = getDb().command
  const found = new Set<string>()
  for (let i = 0; i < docs.length; i += PAGE) {
    const ids = docs.slice(i, i + PAGE).map((d) => d._id)
    const existing = await rows<{ _id: string }>(
      getDb()
        .collection(collection)
        .where({ _id: _.in(ids) })
        .field({ _id: true })
        .limit(PAGE),
    )
    for (const d of existing) found.add(d._id)
  }
  return insertOnce(
    collection,
    docs.filter((d) => !found.has(d._id)),
    500,
  )
}

/** Opens a slice's branch counters, then its active members' a page at a time, saving the cursor after each
 * page; null when `stop()` said the time is up (the slice is claimed again and resumes at the cursor). */
export async function openSlice(
  slice: SliceDoc<Opened>,
  save: (partial: Opened & { cursor: string | null }) => Promise<void>,
  stop: () => boolean,
): Promise<Opened | null> {
  const db = getDb()
  const _ = db.command
  const { month } = slice
  const state = slice.partial ?? { cursor: null, members: 0, branches: 0 }
  if (state.cursor === null && !state.branches)
    state.branches = await insertMissing(
      COLLECTIONS.branchMonths,
      slice.branchIds.map((_id) =>
        emptyBranchMonth({ _id, communityId: slice.communityId }, month),
      ),
    )
  for (;;) {
    const page = await rows<Pick<MemberDoc, '_id' | 'name' | 'branchId' | 'communityId'>>(
      db
        .collection(COLLECTIONS.members)
        .where({
          branchId: _.in(slice.branchIds),
          status: 'active',
          ...(state.cursor === null ? {} : { _id: _.gt(state.cursor) }),
        })
        .orderBy('_id', 'asc')
        .field({ name: true, branchId: true, communityId: true })
        .limit(PAGE),
    )
    state.members += await insertMissing(
      COLLECTIONS.memberMonths,
      page.map((m) => emptyMemberMonth(m, month)),
    )
    if (page.length < PAGE) return { members: state.members, branches: state.branches }
    state.cursor = page[page.length - 1]._id
    await save(state)
    if (stop()) return null
  }
}

/** Opening a month as month work: a slice per community or page of its branches. */
export const openingWork: Work<Opened> = {
  kind: 'open',
  plan: async () => {
    const [branches, active] = await Promise.all([branchesOf(null), activeMemberCounts()])
    return planSlices(branches, active)
  },
  slice: (slice, save) => openSlice(slice, save, stopAfter(SLICE_BUDGET_MS)),
  finish: async (run, results) => {
    const sum = (f: (o: Opened) => number) => results.reduce((n, o) => n + f(o), 0)
    await addIfAbsent<OpeningDoc>(COLLECTIONS.monthOpenings, {
      _id: run.month,
      done: true,
      members: sum((o) => o.members),
      branches: sum((o) => o.branches),
      updatedAt: nowDate(),
    })
  },
}

/** Opens `month` for up to `limitMs`; the trigger's next run (or the admin's next press) carries on. */
export async function openMonth(month: string, limitMs: number): Promise<MonthOpening> {
  const marker = await findById<OpeningDoc>(COLLECTIONS.monthOpenings, month)
  if (marker?.done)
    return { month, done: true, already: true, members: marker.members, branches: marker.branches }
  const run = await drive(openingWork, month, limitMs)
  if (run.state === 'done') {
    const opened = await findById<OpeningDoc>(COLLECTIONS.monthOpenings, month)
    return {
      month,
      done: true,
      already: false,
      members: opened?.members ?? 0,
      branches: opened?.branches ?? 0,
    }
  }
  const done = await pageAll<SliceDoc<Opened>>(
    COLLECTIONS.monthSlices,
    { runId: run._id, state: 'done' },
    { result: true },
  )
  const sum = (f: (o: Opened) => number) =>
    done.reduce((n, s) => n + (s.result ? f(s.result) : 0), 0)
  return {
    month,
    done: false,
    already: false,
    members: sum((o) => o.members),
    branches: sum((o) => o.branches),
  }
}

/** The trigger's run: the current month, and from the 25th (Shanghai) also the next. */
export async function openMonthsDue(today: { month: string; day: number }, limitMs: number) {
  const t0 = Date.now()
  const opened = [await openMonth(today.month, limitMs)]
  if (today.day >= OPEN_NEXT_FROM_DAY && opened[0].done)
    opened.push(await openMonth(nextMonth(today.month), Math.max(0, limitMs - (Date.now() - t0))))
  return opened
}

/** Whether any branch's counters exist for `month` (opened ahead, on approval or on first use). */
export async function monthWasOpened(month: string): Promise<boolean> {
  const found = await rows<{ _id: string }>(
    getDb().collection(COLLECTIONS.branchMonths).where({ month }).field({ _id: true }).limit(1),
  )
  return found.length > 0
}
