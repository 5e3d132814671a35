// Branch totals of a month from the counters (never the ledger): the branches, their active members, and one
// aggregate of member_months that sums scores and counts and counts who met the branch's minimums.
import {
  DEFAULT_MINIMUMS,
  MINIMUM_RULES,
  RULE_IDS,
  type RuleCounts,
} from '../../../typings/participation'
import { activeMemberCounts } from '../../_shared/branches'
import { COLLECTIONS } from '../../_shared/collections'
import { minimumsOf } from '../../_shared/minimums'
import type { OrgDoc } from '../../_shared/records'
import { type BranchTotals, metCountOf } from './domain'
import { aggregate } from '../../_shared/db'
import { branchesOf } from './store'

/** `counts.<rule>` reaches the branch's minimum; only branches that changed a default need a $switch case. */
function minimumMet(branches: OrgDoc[], rule: (typeof MINIMUM_RULES)[number]) {
  const cases = branches
    .filter((b) => minimumsOf(b)[rule] !== DEFAULT_MINIMUMS[rule])
    .map((b) => ({ case: { $eq: ['$branchId', b._id] }, then: minimumsOf(b)[rule] }))
  const minimum = cases.length
    ? { $switch: { branches: cases, default: DEFAULT_MINIMUMS[rule] } }
    : DEFAULT_MINIMUMS[rule]
  return { $gte: [{ $ifNull: [`$counts.${rule}`, 0] }, minimum] }
}

type Grouped = { _id: string; score: number; n: number; met: number } & Record<string, number>

export async function liveBranchTotals(
  communityId: string | null,
  month: string,
): Promise<BranchTotals[]> {
  const [branches, active] = await Promise.all([
    branchesOf(communityId),
    activeMemberCounts(communityId ? { communityId } : {}),
  ])
  const sums = Object.fromEntries(RULE_IDS.map((r) => [r, { $sum: `$counts.${r}` }]))
  const grouped = await aggregate<Grouped>(COLLECTIONS.memberMonths, [
    { $match: communityId ? { communityId, month } : { month } },
    {
      $group: {
        _id: '$branchId',
        score: { $sum: '$score' },
        n: { $sum: 1 },
        met: {
          $sum: {
            $cond: [{ $and: MINIMUM_RULES.map((r) => minimumMet(branches, r)) }, 1, 0],
          },
        },
        ...sums,
      },
    },
    { $limit: 100_000 },
  ])
  const byBranch = new Map(grouped.map((g) => [g._id, g]))
  return branches
    .filter((b) => (active.get(b._id) ?? 0) > 0)
    .map((b) => {
      const g = byBranch.get(b._id)
      const activeMembers = active.get(b._id) ?? 0
      const counts: RuleCounts = {}
      for (const r of RULE_IDS) if (g?.[r]) counts[r] = g[r]
      return {
        branchId: b._id,
        name: b.name,
        branchType: b.branchType ?? '',
        activeMembers,
        metCount: metCountOf({
          metWithCounter: g?.met ?? 0,
          withCounter: g?.n ?? 0,
          activeMembers,
          minimums: minimumsOf(b),
        }),
        score: g?.score ?? 0,
        counts,
      }
    })
}
