// A month's counters are opened ahead of the month (stats' openMonth trigger for everyone, approval for a new
// member), so that the ledger only ever moves existing documents: wx-server-sdk has no upsert that takes `_.inc`,
// and creating a counter on first use costs the write path extra round trips.
import dayjs from 'dayjs'
import type { RuleCounts } from '../../typings/participation'
import { ZONE } from './clock'
import { COLLECTIONS } from './collections'
import { addIfAbsent, rows, updatedCount } from './db'
import { getDb } from './cloud'
import { branchMonthId, memberMonthId, memberMonthIdsIn, movedMemberMonthId } from './participation'
import type { MemberDoc } from './records'

export type CounterOwner = Pick<MemberDoc, '_id' | 'name' | 'branchId' | 'communityId'>

/** Which tally a ledger entry's units went to (counts or refused). */
export type Applied = 'counted' | 'refused'

export type MemberMonthDoc = {
  _id: string
  memberId: string
  name: string
  branchId: string | null
  communityId: string | null
  month: string
  score: number
  /** Counted units per rule. */
  counts: RuleCounts
  /** Counted units per day of the month ('DD') and rule: what the daily caps are checked against. */
  days: Record<string, RuleCounts>
  /** Units recorded in the ledger but refused by a cap: counts + refused = the month's ledger, rule by rule. */
  refused: RuleCounts
  /** Ledger entry id → the tally it went to, set by the same update that moved the tally: an entry is applied
   * at most once, settlement finds the ones never applied, and a reversal knows which tally to take back from. */
  applied: Record<string, Applied>
  /** When the score was last raised (ranking ties: whoever reached it first); the month's start until then. */
  reachedAt: Date
  /** Its member moved to another branch or left: out of the branch's member ranking and minimums from then on,
   * while its points stay in the branch's totals. */
  closed?: boolean
}

export type BranchMonthDoc = {
  _id: string
  branchId: string
  communityId: string | null
  month: string
  score: number
  counts: RuleCounts
}

/** The first instant of a Shanghai calendar month. */
export const monthStart = (month: string) => dayjs.tz(`${month}-01 00:00`, ZONE).toDate()

export const emptyMemberMonth = (
  member: CounterOwner,
  month: string,
  id = memberMonthId(month, member._id),
): MemberMonthDoc => ({
  _id: id,
  memberId: member._id,
  name: member.name,
  branchId: member.branchId,
  communityId: member.communityId,
  month,
  score: 0,
  counts: {},
  days: {},
  refused: {},
  applied: {},
  reachedAt: monthStart(month),
})

export const emptyBranchMonth = (
  branch: { _id: string; communityId?: string | null },
  month: string,
): BranchMonthDoc => ({
  _id: branchMonthId(month, branch._id),
  branchId: branch._id,
  communityId: branch.communityId ?? null,
  month,
  score: 0,
  counts: {},
})

/** Opens a member's counters for these months in their branch, and their branch's. A month's counter that
 * exists at 0 follows the member's branch (re-registered, or moved); one with counts stays with the branch it
 * counted in, and the member gets a second counter of that month in their new branch. Reopens a closed one. */
export async function openMemberMonths(member: CounterOwner, months: string[]): Promise<void> {
  const branchId = member.branchId
  const counters = getDb().collection(COLLECTIONS.memberMonths)
  const _ = getDb().command
  const fields = { name: member.name, branchId, communityId: member.communityId, closed: false }
  const openMember = async (month: string) => {
    if (await addIfAbsent(COLLECTIONS.memberMonths, emptyMemberMonth(member, month))) return
    const base = memberMonthId(month, member._id)
    const followed = await updatedCount(
      counters
        .where(_.and([{ _id: base }, _.or([{ branchId }, { score: 0 }])]))
        .update({ data: fields }),
    )
    if (followed || !branchId) return
    const moved = movedMemberMonthId(month, member._id, branchId)
    if (await addIfAbsent(COLLECTIONS.memberMonths, emptyMemberMonth(member, month, moved))) return
    await counters.doc(moved).update({ data: fields })
  }
  const openBranch = (month: string) =>
    branchId
      ? addIfAbsent(
          COLLECTIONS.branchMonths,
          emptyBranchMonth({ _id: branchId, communityId: member.communityId }, month),
        )
      : null
  await Promise.all(months.flatMap((month) => [openMember(month), openBranch(month)]))
}

/** A member's counter as rankings and lists read it. */
export type CounterRow = {
  _id: string
  memberId: string
  name: string
  branchId: string
  communityId: string
  score: number
  counts: RuleCounts
  reachedAt: Date
  closed?: boolean
}

/** Counters without the per-day breakdown, refusals or applied marks, which no ranking or list needs. */
export const COUNTER_FIELDS = {
  memberId: true,
  name: true,
  branchId: true,
  communityId: true,
  score: true,
  counts: true,
  reachedAt: true,
  closed: true,
}

/** One branch's member counters of a month, of its members still there (not closed): one read (a branch has
 * at most 1,000 members). */
export function branchCounters(branchId: string, month: string): Promise<CounterRow[]> {
  return rows<CounterRow>(
    getDb()
      .collection(COLLECTIONS.memberMonths)
      .where({ branchId, month, closed: getDb().command.neq(true) })
      .field(COUNTER_FIELDS)
      .limit(1000),
  )
}

/** A member's counter of a month in a branch (the one their month began in, or the one they moved to). */
export async function counterIn<T extends { _id: string }>(
  month: string,
  memberId: string,
  branchId: string,
): Promise<T | null> {
  const found = await rows<T>(
    getDb()
      .collection(COLLECTIONS.memberMonths)
      .where({ _id: getDb().command.in(memberMonthIdsIn(month, memberId, branchId)), branchId })
      .limit(2),
  )
  return found[0] ?? null
}

/** Closes a member's counters from `month` on (in `branchId` only, when given): they moved away or left. */
export function closeMemberMonths(memberId: string, month: string, branchId?: string) {
  const _ = getDb().command
  return getDb()
    .collection(COLLECTIONS.memberMonths)
    .where({ memberId, month: _.gte(month), ...(branchId ? { branchId } : {}) })
    .update({ data: { closed: true } })
}
