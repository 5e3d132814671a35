// A branch's or a community's last 12 months: settled months from their frozen community snapshots (one read
// for all, chunks included), the current month live from the counters (one aggregation), read side by side.
import { TREND_MONTHS, type TrendPoint } from '../../../../typings/stats'
import { branchOverseenBy } from '../../../_shared/branches'
import {
  type Caller,
  branchNamedOrOwn,
  isCommunityAdminOf,
  isDistrictAdmin,
} from '../../../_shared/caller'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied, invalid, notFound } from '../../../_shared/errors'
import type { OrgDoc } from '../../../_shared/records'
import { liveBranchTotals } from '../branch-totals'
import { type BranchTotals, monthsEnding, scopeFigures } from '../domain'
import { readSnapshots } from '../snapshots'
import { branchSnapshotId } from '../store'
import { type BranchSnapshot, currentMonth } from './ranking'

/** The branch or community the trend is of, for whoever oversees it. */
async function trendScope(
  caller: Caller,
  input: { scope: 'branch' | 'community'; branchId?: string; communityId?: string },
) {
  if (input.scope === 'branch') {
    const branch = await branchOverseenBy(
      caller,
      branchNamedOrOwn(caller, input.branchId),
      '只有支部书记和管理员可以查看支部走势',
    )
    if (!branch.communityId) throw notFound('该支部')
    return { communityId: branch.communityId, branchId: branch._id, name: branch.name }
  }
  const communityId = input.communityId ?? caller.member?.adminCommunityId
  if (!communityId) throw invalid('请指定社区')
  if (!isCommunityAdminOf(caller, communityId) && !isDistrictAdmin(caller))
    throw denied('只能查看本社区的走势')
  const community = await findById<OrgDoc>(COLLECTIONS.orgs, communityId)
  if (!community || community.level !== 'community') throw notFound('该社区')
  return { communityId, branchId: null, name: community.name }
}

export const trend = defineAction('stats', 'trend', {
  audience: 'member',
  scope: {
    by: 'scope',
    cases: {
      branch: ['secretary', 'communityAdmin', 'districtAdmin'],
      community: ['communityAdmin', 'districtAdmin'],
    },
  },
  async run({ caller }, input) {
    const current = currentMonth()
    const month = input.month ?? current
    if (month > current) throw invalid('不能查看未来的月份')
    const { communityId, branchId, name } = await trendScope(caller, input)
    const months = monthsEnding(month, TREND_MONTHS)
    const past = months.filter((m) => m < current)
    const [snapshots, live] = await Promise.all([
      past.length
        ? readSnapshots<BranchSnapshot>(
            past.map((m) => branchSnapshotId(m, communityId)),
            { month: true },
          )
        : new Map<string, BranchSnapshot>(),
      months.includes(current) ? liveBranchTotals(communityId, current) : [],
    ])
    const settled = new Map([...snapshots.values()].map((s) => [s.month, s.rows]))
    const inScope = (list: BranchTotals[]) =>
      branchId ? list.filter((b) => b.branchId === branchId) : list
    const points: TrendPoint[] = months.map((m) => {
      const list = m === current ? live : settled.get(m)
      return { month: m, settled: m !== current && !!list, ...scopeFigures(inScope(list ?? [])) }
    })
    return { scope: input.scope, scopeId: branchId ?? communityId, name, points }
  },
})
