// Branch totals of a month from the counters (never the ledger), in one aggregation: the scope's active members,
// each joined to their own counter of the month (by its id) and to their branch (by id), grouped by branch.
// One round trip whatever the number of branches, and only equality joins, which an index (or the emulator's
// hash join) serves. A member who moved this month counts, live and settled, in the branch they are in now
// with what they earned there; what they earned before stays in the ledger and the branch counter they left.
import { DEFAULT_MINIMUMS, MINIMUM_RULES, RULE_IDS } from '../../../typings/participation'
import type { BranchType } from '../../../typings/org'
import type { RuleCounts } from '../../../typings/participation'
import { COLLECTIONS } from '../../_shared/collections'
import { aggregate } from '../../_shared/db'
import { memberMonthId } from '../../_shared/participation'
import type { BranchTotals } from './domain'

type Grouped = {
  _id: string | null
  level?: string
  name: string
  branchType?: BranchType
  active: number
  met: number
  score: number
} & Partial<Record<string, number>>

/** The joined document's field: a join gives a list of at most one. */
const joined = (path: string) => ({ $arrayElemAt: [`$${path}`, 0] })

/** The member's counts reach every minimum of their branch, a missing count or minimum as 0 / the default. */
const metAll = {
  $and: MINIMUM_RULES.map((r) => ({
    $gte: [
      { $ifNull: [joined(`c.counts.${r}`), 0] },
      { $ifNull: [joined(`b.minimums.${r}`), DEFAULT_MINIMUMS[r]] },
    ],
  })),
}

export async function liveBranchTotals(
  communityId: string | null,
  month: string,
): Promise<BranchTotals[]> {
  const sums = Object.fromEntries(RULE_IDS.map((r) => [r, { $sum: joined(`c.counts.${r}`) }]))
  const grouped = await aggregate<Grouped>(COLLECTIONS.members, [
    { $match: communityId ? { communityId, status: 'active' } : { status: 'active' } },
    // A member who moved this month has a counter in each branch (memberMonthIdsIn): both ids are joined, and
    // the open one of the branch they are in now counts.
    {
      $project: {
        branchId: 1,
        counterId: { $concat: [memberMonthId(month, ''), '$_id'] },
        movedId: { $concat: [memberMonthId(month, ''), '$_id', '_', '$branchId'] },
      },
    },
    {
      $lookup: {
        from: COLLECTIONS.memberMonths,
        localField: 'counterId',
        foreignField: '_id',
        as: 'first',
      },
    },
    {
      $lookup: {
        from: COLLECTIONS.memberMonths,
        localField: 'movedId',
        foreignField: '_id',
        as: 'moved',
      },
    },
    {
      $project: {
        branchId: 1,
        c: {
          $filter: {
            input: { $concatArrays: ['$first', '$moved'] },
            as: 'x',
            cond: {
              $and: [{ $eq: ['$$x.branchId', '$branchId'] }, { $ne: ['$$x.closed', true] }],
            },
          },
        },
      },
    },
    { $lookup: { from: COLLECTIONS.orgs, localField: 'branchId', foreignField: '_id', as: 'b' } },
    {
      $group: {
        _id: '$branchId',
        level: { $first: joined('b.level') },
        name: { $first: joined('b.name') },
        branchType: { $first: joined('b.branchType') },
        active: { $sum: 1 },
        met: { $sum: { $cond: [metAll, 1, 0] } },
        score: { $sum: joined('c.score') },
        ...sums,
      },
    },
    { $limit: 100_000 },
  ])
  return grouped
    .filter((g): g is Grouped & { _id: string } => !!g._id && g.level === 'branch')
    .map((g) => {
      const counts: RuleCounts = {}
      for (const r of RULE_IDS) if (g[r]) counts[r] = g[r]
      return {
        branchId: g._id,
        name: g.name,
        branchType: g.branchType ?? '',
        activeMembers: g.active,
        metCount: g.met,
        score: g.score,
        counts,
      }
    })
}
