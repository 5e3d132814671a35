// 各支部党费收缴 for the community admin (their community's branches) and the district admin (every branch, or
// one community): one aggregation over the active members, grouped, whatever the number of branches.
import { isDistrictAdmin, ownCommunityAsAdmin } from '../../../_shared/caller'
import { monthOf, now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { aggregate, pageAll } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { fixedFenOf, paymentId } from '../../../_shared/dues-rules'
import { invalid } from '../../../_shared/errors'
import type { OrgDoc } from '../../../_shared/records'
import { type MemberGroup, tallyBranches } from '../collection'

/** The payment's id around the member's id (paymentId's own form), for the join. */
const paymentIdAround = (month: string) => paymentId('\u0000', month).split('\u0000')

export const byBranch = defineAction('dues', 'byBranch', {
  audience: 'member',
  roles: ['districtAdmin', 'communityAdmin'],
  scope: ['districtAdmin', 'ownCommunity'],
  async run({ caller }, input) {
    const communityId = isDistrictAdmin(caller)
      ? input.communityId
      : ownCommunityAsAdmin(caller, '只有区管理员或社区管理员可以查看各支部党费收缴')
    if (input.communityId && input.communityId !== communityId)
      throw invalid('只能查看本社区的支部')
    const thisMonth = monthOf(now())
    const month = input.month ?? thisMonth
    if (month > thisMonth) throw invalid('只能查看本月及以前的月份')
    const within = communityId ? { communityId } : {}
    const [before, after] = paymentIdAround(month)
    const [branches, groups] = await Promise.all([
      // Every open branch, whatever the district's size (a retired one has no members left to owe).
      pageAll<Pick<OrgDoc, '_id' | 'name' | 'duesFixedFen'>>(
        COLLECTIONS.orgs,
        { level: 'branch', retiredAt: null, ...within },
        { name: true, duesFixedFen: true },
      ),
      aggregate<MemberGroup>(COLLECTIONS.members, [
        { $match: { ...within, status: 'active' } },
        { $project: { branchId: 1, paymentId: { $concat: [before, '$_id', after] } } },
        {
          $lookup: {
            from: COLLECTIONS.duesProfiles,
            localField: '_id',
            foreignField: '_id',
            as: 'profile',
          },
        },
        {
          $lookup: {
            from: COLLECTIONS.duesPayments,
            localField: 'paymentId',
            foreignField: '_id',
            as: 'payment',
          },
        },
        {
          $project: {
            branchId: 1,
            paid: { $gt: [{ $size: '$payment' }, 0] },
            p: { $arrayElemAt: ['$profile', 0] },
          },
        },
        {
          $project: {
            branchId: 1,
            paid: 1,
            declared: { $ne: [{ $ifNull: ['$p.declared', null] }, null] },
            // basisIn in the pipeline: the latest confirmed base from this month or before.
            basis: {
              $reduce: {
                input: {
                  $filter: {
                    input: { $ifNull: ['$p.history', []] },
                    as: 'h',
                    cond: { $lte: ['$$h.from', month] },
                  },
                },
                initialValue: null,
                in: {
                  $cond: [
                    {
                      $or: [{ $eq: ['$$value', null] }, { $gte: ['$$this.from', '$$value.from'] }],
                    },
                    '$$this',
                    '$$value',
                  ],
                },
              },
            },
          },
        },
        {
          $group: {
            _id: {
              branchId: '$branchId',
              paid: '$paid',
              declared: '$declared',
              kind: '$basis.kind',
              baseFen: '$basis.baseFen',
            },
            n: { $sum: 1 },
          },
        },
        { $limit: 100_000 },
      ]),
    ])
    return {
      month,
      branches: tallyBranches(
        branches.map((b) => ({ _id: b._id, name: b.name, fixedFen: fixedFenOf(b) })),
        groups,
        month,
      ),
    }
  },
})
