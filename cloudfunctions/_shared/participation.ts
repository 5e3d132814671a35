// Participation rules as plain functions: ids, scores, minimums and ranking order (unit-tested).
import {
  type Minimums,
  MINIMUM_RULES,
  PARTICIPATION_RULES,
  type RuleCounts,
  type RuleId,
} from '../../typings/participation'

/** One ledger entry per member, rule and natural reference (a day, a comment, a session…): counted once. */
export const ledgerEntryId = (memberId: string, rule: RuleId, ref: string) =>
  `${rule}_${memberId}_${ref}`.replace(/[^\w:-]/g, '-')

/** The entry that takes back an entry's units when its content is deleted (no rule is named `reversal`). */
export const reversalId = (entryId: string) => `reversal_${entryId}`

export const memberMonthId = (month: string, memberId: string) => `${month}_${memberId}`
/** A member's counter of a month in a branch other than the one their month began in (they moved mid-month):
 * points stay with the branch that earned them, so a moved member has one counter per branch that month. */
export const movedMemberMonthId = (month: string, memberId: string, branchId: string) =>
  `${month}_${memberId}_${branchId}`
/** The ids a member's counter of a month in `branchId` may have; the one whose branchId matches is theirs. */
export const memberMonthIdsIn = (month: string, memberId: string, branchId: string) => [
  memberMonthId(month, memberId),
  movedMemberMonthId(month, memberId, branchId),
]
export const branchMonthId = (month: string, branchId: string) => `${month}_${branchId}`

/** The calendar month after / before a `YYYY-MM` month (pure string arithmetic, no clock or zone). */
export function nextMonth(month: string): string {
  return shiftMonth(month, 1)
}
export function previousMonth(month: string): string {
  return shiftMonth(month, -1)
}
function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

export function pointsFor(rule: RuleId, units: number): number {
  return PARTICIPATION_RULES[rule].weight * units
}

export function scoreOf(counts: RuleCounts): number {
  return (Object.keys(counts) as RuleId[]).reduce((sum, r) => sum + pointsFor(r, counts[r] ?? 0), 0)
}

/** True when every enabled minimum (> 0) is met. */
export function meetsMinimums(counts: RuleCounts, minimums: Minimums): boolean {
  return MINIMUM_RULES.every((r) => (counts[r] ?? 0) >= minimums[r])
}

/** What is still missing towards each minimum (0 when met or disabled). */
export function shortfall(counts: RuleCounts, minimums: Minimums): Minimums {
  return Object.fromEntries(
    MINIMUM_RULES.map((r) => [r, Math.max(0, minimums[r] - (counts[r] ?? 0))]),
  ) as Minimums
}

export type RankRow = { memberId: string; score: number; reachedAt: Date | string }

/** Higher score first; equal scores: whoever reached it earlier; then member id. Never by name. */
export function rankOrder(a: RankRow, b: RankRow): number {
  return (
    b.score - a.score ||
    new Date(a.reachedAt).getTime() - new Date(b.reachedAt).getTime() ||
    (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0)
  )
}
