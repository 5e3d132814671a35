// CSV of a month for community and district admins, in their scope: one row per member of a branch or a
// community, or one row per branch of a community or the district.
import type { StatsOutputs } from '../../../../typings/stats'
import { findBranch } from '../../../_shared/branches'
import { type Caller, isCommunityAdminOf, isDistrictAdmin } from '../../../_shared/caller'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied, invalid, notFound } from '../../../_shared/errors'
import { minimumsOf } from '../../../_shared/minimums'
import { meetsMinimums, rankOrder } from '../../../_shared/participation'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import { liveBranchTotals } from '../branch-totals'
import { RULE_HEADERS, countsColumns, groupBy, rankBranches, toCsv } from '../domain'
import { COUNTER_FIELDS, type CounterRow } from '../../../_shared/month-counters'
import { branchSnapshotId, branchesOf, pageAll } from '../store'
import { type BranchSnapshot, DISTRICT_SCOPE, currentMonth } from './ranking'

function assertScope(caller: Caller, communityId: string | null) {
  if (!isDistrictAdmin(caller) && !isCommunityAdminOf(caller, communityId))
    throw denied('只能导出您管理范围内的数据')
}

export const exportMonth = defineAction('stats', 'exportMonth', {
  audience: 'member',
  roles: ['communityAdmin', 'districtAdmin'],
  scope: ['communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const month = input.month ?? currentMonth()
    const ownCommunity = isDistrictAdmin(caller) ? null : (caller.member?.adminCommunityId ?? null)
    if (input.branchId) {
      if (input.rows === 'branches') throw invalid('按支部导出时请选择社区或全区')
      const branch = await findBranch(input.branchId)
      assertScope(caller, branch.communityId)
      return memberRows(month, [branch], { branchId: branch._id }, branch.name)
    }
    const communityId = input.communityId ?? ownCommunity
    if (communityId) {
      assertScope(caller, communityId)
      const community = await findById<OrgDoc>(COLLECTIONS.orgs, communityId)
      if (!community || community.level !== 'community') throw notFound('该社区')
      if (input.rows === 'branches') return branchRows(month, communityId, community.name)
      return memberRows(month, await branchesOf(communityId), { communityId }, community.name)
    }
    if (!isDistrictAdmin(caller)) throw denied('只能导出您管理范围内的数据')
    if (input.rows === 'members') throw invalid('全区按党员导出数据量过大，请选择社区或支部')
    return branchRows(month, null, '全区')
  },
})

async function memberRows(
  month: string,
  branches: OrgDoc[],
  scope: { branchId: string } | { communityId: string },
  scopeName: string,
): Promise<StatsOutputs['exportMonth']> {
  const [members, counters] = await Promise.all([
    pageAll<MemberDoc>(
      COLLECTIONS.members,
      { ...scope, status: 'active' },
      { name: true, branchId: true },
    ),
    pageAll<CounterRow>(COLLECTIONS.memberMonths, { ...scope, month }, COUNTER_FIELDS),
  ])
  const counterOf = new Map(counters.map((c) => [c.memberId, c]))
  const membersOf = groupBy(members, (m) => m.branchId)
  const rows: (string | number)[][] = []
  for (const branch of [...branches].sort((a, b) => a.sort - b.sort)) {
    const minimums = minimumsOf(branch)
    const ranked = (membersOf.get(branch._id) ?? [])
      .map(
        (m) =>
          counterOf.get(m._id) ?? {
            memberId: m._id,
            name: m.name,
            score: 0,
            counts: {},
            reachedAt: new Date(0),
          },
      )
      .sort(rankOrder)
    for (const c of ranked)
      rows.push([
        branch.name,
        c.name,
        c.score,
        ...countsColumns(c.counts),
        meetsMinimums(c.counts, minimums) ? '是' : '否',
      ])
  }
  return {
    month,
    filename: `${month}-${scopeName}-党员参与情况.csv`,
    rowCount: rows.length,
    csv: toCsv(['支部', '姓名', '积分', ...RULE_HEADERS, '达到最低要求'], rows),
  }
}

async function branchRows(
  month: string,
  communityId: string | null,
  scopeName: string,
): Promise<StatsOutputs['exportMonth']> {
  const snapshot =
    month < currentMonth()
      ? await findById<BranchSnapshot>(
          COLLECTIONS.snapshots,
          branchSnapshotId(month, communityId ?? DISTRICT_SCOPE),
        )
      : null
  const ranked = snapshot
    ? snapshot.rows
    : rankBranches(await liveBranchTotals(communityId, month), null)
  const rows = ranked.map((b) => [
    b.rank,
    b.name,
    b.branchType,
    b.activeMembers,
    b.metCount,
    `${Math.round(b.activeRate * 100)}%`,
    b.perMember,
    b.score,
    ...countsColumns(b.counts),
  ])
  return {
    month,
    filename: `${month}-${scopeName}-支部排名.csv`,
    rowCount: rows.length,
    csv: toCsv(
      [
        '排名',
        '支部',
        '类型',
        '在册党员',
        '达标人数',
        '达标率',
        '人均积分',
        '总积分',
        ...RULE_HEADERS,
      ],
      rows,
    ),
  }
}
