// Opening a month: every branch's and every active member's counters are created at 0 before the month
// begins, so that from its first minute each ledger write moves existing counters (3 round trips at most).
// The trigger (every 10 minutes from 02:00 to 02:50) opens the current month (a safety net after an outage
// or a first deployment) and, from the 25th, the next. Resumable: the cursor is saved after every page, so a
// run that spends its time budget (or dies) leaves the rest to the next run; an opened month costs one read.
// Members approved later open their own counters (member.approve).
import type { MonthOpening } from '../../../typings/stats'
import { getDb } from '../../_shared/cloud'
import { nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { findById, insertOnce, rows } from '../../_shared/db'
import { emptyBranchMonth, emptyMemberMonth } from '../../_shared/month-counters'
import { nextMonth } from '../../_shared/participation'
import { stopAfter } from '../../_shared/timer'
import type { MemberDoc } from '../../_shared/records'
import { PAGE, branchesOf } from './store'

type OpeningDoc = {
  _id: string
  /** The last member `_id` whose counter exists; members are opened in `_id` order. */
  cursor: string | null
  done: boolean
  members: number
  branches: number
  updatedAt: Date
}

/** A run stops starting new pages after this (CloudBase's limit is 60 s); the next run resumes. */
export const OPEN_BUDGET_MS = 40_000

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

/** Opens a month's counters until done or until `stop()` says the run's time is up (checked between pages). */
export async function openMonth(month: string, stop: () => boolean): Promise<MonthOpening> {
  const marker = await findById<OpeningDoc>(COLLECTIONS.monthOpenings, month)
  if (marker?.done)
    return { month, done: true, already: true, members: marker.members, branches: marker.branches }
  const db = getDb()
  const _ = db.command
  const state: OpeningDoc = marker ?? {
    _id: month,
    cursor: null,
    done: false,
    members: 0,
    branches: 0,
    updatedAt: nowDate(),
  }
  const save = async () => {
    const { _id, ...data } = { ...state, updatedAt: nowDate() }
    await db.collection(COLLECTIONS.monthOpenings).doc(_id).set({ data })
    return {
      month,
      done: state.done,
      already: false,
      members: state.members,
      branches: state.branches,
    }
  }

  if (state.cursor === null) {
    const branches = await branchesOf(null)
    state.branches += await insertMissing(
      COLLECTIONS.branchMonths,
      branches.map((b) => emptyBranchMonth(b, month)),
    )
  }
  for (;;) {
    if (stop()) return save()
    const page = await rows<Pick<MemberDoc, '_id' | 'name' | 'branchId' | 'communityId'>>(
      db
        .collection(COLLECTIONS.members)
        .where(
          state.cursor === null
            ? { status: 'active' }
            : { status: 'active', _id: _.gt(state.cursor) },
        )
        .orderBy('_id', 'asc')
        .field({ name: true, branchId: true, communityId: true })
        .limit(PAGE),
    )
    // Staff without a branch take part in nothing that is counted per branch.
    const inBranches = page.filter((m) => m.branchId)
    state.members += await insertMissing(
      COLLECTIONS.memberMonths,
      inBranches.map((m) => emptyMemberMonth(m, month)),
    )
    if (page.length < PAGE) break
    state.cursor = page[page.length - 1]._id
    await save()
  }
  state.done = true
  return save()
}

/** The trigger's run: the current month, and from the 25th (Shanghai) also the next. */
export async function openMonthsDue(today: { month: string; day: number }, budgetMs: number) {
  const stop = stopAfter(budgetMs)
  const opened = [await openMonth(today.month, stop)]
  if (today.day >= OPEN_NEXT_FROM_DAY && opened[0].done)
    opened.push(await openMonth(nextMonth(today.month), stop))
  return opened
}

/** Whether any branch's counters exist for `month` (opened ahead, on approval or on first use). */
export async function monthWasOpened(month: string): Promise<boolean> {
  const found = await rows<{ _id: string }>(
    getDb().collection(COLLECTIONS.branchMonths).where({ month }).field({ _id: true }).limit(1),
  )
  return found.length > 0
}
