// Reads of the month: my counts, a branch's member ranking, branches ranked. Counters or snapshots only:
// a settled month is read from its snapshot, the current month from the counters, never from the ledger.
import type { RankedBranch } from '../../../../typings/stats'
import {
  type Caller,
  activeMember,
  isCommunityAdminOf,
  isDistrictAdmin,
  branchNamedOrOwn,
} from '../../../_shared/caller'
import { findBranch } from '../../../_shared/branches'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied, invalid } from '../../../_shared/errors'
import { minimumsOf } from '../../../_shared/minimums'
import { meetsMinimums, shortfall } from '../../../_shared/participation'
import type { OrgDoc } from '../../../_shared/records'
import { DEFAULT_TOP, type ScoreRow, bottomOf, rankBranches, rankMembers } from '../domain'
import { liveBranchTotals } from '../branch-totals'
import { branchCounters } from '../../../_shared/month-counters'
import { type Snapshot, pageOf, readPage, readSnapshot } from '../snapshots'
import { branchSnapshotId, memberSnapshotId } from '../store'

export const DISTRICT_SCOPE = 'district'

export type MemberSnapshot = Snapshot<ScoreRow & { met: boolean }>
export type BranchSnapshot = Snapshot<RankedBranch>

export const currentMonth = () => now().format('YYYY-MM')

/** A month before the current one may have a snapshot; the current month never does. */
export const mayBeSettled = (month: string) => month < currentMonth()

/** The branch whose members' details the caller may read: their own, or any in their admin scope. */
async function readableBranch(caller: Caller, branchId: string | undefined) {
  const id = branchNamedOrOwn(caller, branchId)
  if (id === caller.member?.branchId) return id
  const branch = await findBranch(id)
  if (!isCommunityAdminOf(caller, branch.communityId) && !isDistrictAdmin(caller))
    throw denied('只能查看本支部的成员排行')
  return id
}

export const myMonth = defineAction('stats', 'myMonth', {
  audience: 'member',
  scope: ['ownBranch'],
  async run({ caller }, input) {
    const me = activeMember(caller)
    if (!me.branchId) throw denied('您不在任何支部，没有个人的月度统计')
    const month = input.month ?? currentMonth()
    const [branch, counters] = await Promise.all([
      findById<OrgDoc>(COLLECTIONS.orgs, me.branchId),
      branchCounters(me.branchId, month),
    ])
    const minimums = minimumsOf(branch)
    const mine = counters.find((c) => c.memberId === me._id)
    const counts = mine?.counts ?? {}
    const ranking = rankMembers(counters, 0, me._id)
    return {
      month,
      score: mine?.score ?? 0,
      counts,
      minimums,
      shortfall: shortfall(counts, minimums),
      metAll: meetsMinimums(counts, minimums),
      rank: ranking.mine?.rank ?? null,
      ranked: ranking.ranked,
    }
  },
})

export const memberRanking = defineAction('stats', 'memberRanking', {
  audience: 'member',
  scope: ['branch', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const branchId = await readableBranch(caller, input.branchId)
    const month = input.month ?? currentMonth()
    const snapshot = mayBeSettled(month)
      ? await readSnapshot<MemberSnapshot>(memberSnapshotId(month, branchId))
      : null
    const rows = snapshot ? snapshot.rows : await branchCounters(branchId, month)
    return {
      branchId,
      month,
      settled: !!snapshot,
      ...rankMembers(rows, input.top ?? DEFAULT_TOP, caller.member?._id ?? null),
    }
  },
})

export const branchRanking = defineAction('stats', 'branchRanking', {
  audience: 'member',
  scope: {
    by: 'scope',
    cases: {
      community: ['community', 'communityAdmin', 'districtAdmin'],
      district: ['districtAdmin'],
    },
  },
  async run({ caller }, input) {
    const me = activeMember(caller)
    const ownCommunity = input.communityId ?? me.communityId ?? me.adminCommunityId ?? null
    // A district admin who names no community and has none of their own sees the district.
    const scope =
      input.scope ?? (!ownCommunity && isDistrictAdmin(caller) ? 'district' : 'community')
    const month = input.month ?? currentMonth()
    let communityId: string | null = null
    if (scope === 'district' && !isDistrictAdmin(caller))
      throw denied('只有区委组织部可以查看全区的支部排行')
    if (scope === 'community') {
      communityId = ownCommunity
      if (!communityId) throw invalid('请指定社区')
      const mayRead =
        me.communityId === communityId ||
        isCommunityAdminOf(caller, communityId) ||
        isDistrictAdmin(caller)
      if (!mayRead) throw denied('只能查看本社区的支部排行')
    }
    const scopeId = communityId ?? DISTRICT_SCOPE
    // A page of the ranking: from a settled month's snapshot, the header and one chunk in one round trip.
    const page = input.page ?? 1
    const settled = mayBeSettled(month)
      ? await readPage<RankedBranch>(branchSnapshotId(month, scopeId), page - 1)
      : null
    const { rows, count, size } =
      settled ?? pageOf(rankBranches(await liveBranchTotals(communityId, month), null), page - 1)
    const branches = rows.map((b) => ({ ...b, mine: b.branchId === me.branchId }))
    return {
      scope,
      scopeId,
      month,
      settled: !!settled,
      branches,
      bottom: bottomOf(branches, count, (page - 1) * size),
      page,
      pages: Math.max(1, Math.ceil(count / size)),
      total: count,
    }
  },
})
