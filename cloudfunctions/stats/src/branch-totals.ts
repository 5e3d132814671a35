// Branch totals of a month from the counters (never the ledger), in one aggregation over the scope's branches:
// each branch joins its active members and its member counters of the month, whose group sums scores and
// counts and counts who met that branch's own minimums. One round trip, whatever the number of branches.
import {
  DEFAULT_MINIMUMS,
  MINIMUM_RULES,
  RULE_IDS,
  type Minimums,
  type RuleCounts,
} from '../../../typings/participation'
import { COLLECTIONS } from '../../_shared/collections'
import { aggregate } from '../../_shared/db'
import { minimumsOf } from '../../_shared/minimums'
import type { BranchType } from '../../../typings/org'
import { type BranchTotals, metCountOf } from './domain'

type Totals = { score: number; n: number; met: number } & Partial<Record<string, number>>

type Joined = {
  _id: string
  name: string
  branchType?: BranchType
  minimums?: Partial<Minimums>
  active: number
  totals: Totals[]
}

/** `counts.<rule>` reaches the minimum the joined branch set (`$$minimums`), else the default. */
const minimumMet = (rule: (typeof MINIMUM_RULES)[number]) => ({
  $gte: [
    { $ifNull: [`$counts.${rule}`, 0] },
    { $ifNull: [`$$minimums.${rule}`, DEFAULT_MINIMUMS[rule]] },
  ],
})

export async function liveBranchTotals(
  communityId: string | null,
  month: string,
): Promise<BranchTotals[]> {
  const sums = Object.fromEntries(RULE_IDS.map((r) => [r, { $sum: `$counts.${r}` }]))
  const joined = await aggregate<Joined>(COLLECTIONS.orgs, [
    { $match: communityId ? { level: 'branch', communityId } : { level: 'branch' } },
    {
      $lookup: { from: COLLECTIONS.members, localField: '_id', foreignField: 'branchId', as: 'm' },
    },
    {
      $lookup: {
        from: COLLECTIONS.memberMonths,
        let: { branchId: '$_id', minimums: '$minimums' },
        pipeline: [
          {
            $match: {
              $expr: { $and: [{ $eq: ['$branchId', '$$branchId'] }, { $eq: ['$month', month] }] },
            },
          },
          {
            $group: {
              _id: null,
              score: { $sum: '$score' },
              n: { $sum: 1 },
              met: { $sum: { $cond: [{ $and: MINIMUM_RULES.map(minimumMet) }, 1, 0] } },
              ...sums,
            },
          },
        ],
        as: 'totals',
      },
    },
    {
      $project: {
        name: 1,
        branchType: 1,
        minimums: 1,
        totals: 1,
        active: {
          $size: { $filter: { input: '$m', as: 'x', cond: { $eq: ['$$x.status', 'active'] } } },
        },
      },
    },
    { $limit: 100_000 },
  ])
  return joined
    .filter((b) => b.active > 0)
    .map((b) => {
      const g = b.totals[0]
      const counts: RuleCounts = {}
      for (const r of RULE_IDS) if (g?.[r]) counts[r] = g[r]
      return {
        branchId: b._id,
        name: b.name,
        branchType: b.branchType ?? '',
        activeMembers: b.active,
        metCount: metCountOf({
          metWithCounter: g?.met ?? 0,
          withCounter: g?.n ?? 0,
          activeMembers: b.active,
          minimums: minimumsOf(b),
        }),
        score: g?.score ?? 0,
        counts,
      }
    })
}
