// 三会一课 on schedule: the secretary's own branch, and a community admin's overview of overdue branches.
import { isCommunityAdminOf, isDistrictAdmin, ownBranchAsSecretary } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied, invalid, notFound } from '../../../_shared/errors'
import type { OrgDoc } from '../../../_shared/records'
import { type CadenceSession, cadenceOf, cadenceSince } from '../../../_shared/orglife-rules'
import type { SessionDoc } from '../store'

/** The sessions cadence needs (types, windows), from the start of the previous quarter. */
function recentSessions(where: { branchId: string } | { communityId: string }, now: Date) {
  const _ = getDb().command
  return rows<CadenceSession & Pick<SessionDoc, 'branchId'>>(
    getDb()
      .collection(COLLECTIONS.orglifeSessions)
      .where({ ...where, opensAt: _.gte(cadenceSince(now)) })
      .field({ branchId: true, type: true, status: true, opensAt: true, closesAt: true })
      .limit(1000),
  )
}

export const cadence = defineAction('orglife', 'cadence', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['ownBranch'],
  async run({ caller }) {
    const me = ownBranchAsSecretary(caller, '只有支部书记可以查看三会一课进度')
    const now = nowDate()
    const [branch, sessions] = await Promise.all([
      findById<OrgDoc>(COLLECTIONS.orgs, me.branchId),
      recentSessions({ branchId: me.branchId }, now),
    ])
    const items = cadenceOf(sessions, now)
    return {
      branchId: me.branchId,
      branchName: branch?.name ?? '',
      items,
      overdueCount: items.filter((i) => i.overdue).length,
    }
  },
})

export const communityCadence = defineAction('orglife', 'communityCadence', {
  audience: 'member',
  roles: ['communityAdmin', 'districtAdmin'],
  scope: ['communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const communityId = input.communityId ?? caller.member?.adminCommunityId
    if (!communityId) throw invalid('请指定社区')
    if (!isCommunityAdminOf(caller, communityId) && !isDistrictAdmin(caller))
      throw denied('只能查看本社区的支部')
    const now = nowDate()
    const [community, branches, sessions] = await Promise.all([
      findById<OrgDoc>(COLLECTIONS.orgs, communityId),
      rows<OrgDoc>(
        getDb()
          .collection(COLLECTIONS.orgs)
          // Retired branches (org register) meet no more.
          .where({ parentId: communityId, level: 'branch', retiredAt: null })
          .limit(1000),
      ),
      recentSessions({ communityId }, now),
    ])
    if (!community || community.level !== 'community') throw notFound('该社区')
    const rowsOut = branches
      .sort((a, b) => a.sort - b.sort)
      .map((branch) => {
        const items = cadenceOf(
          sessions.filter((s) => s.branchId === branch._id),
          now,
        )
        return {
          branchId: branch._id,
          branchName: branch.name,
          overdue: items.filter((i) => i.overdue).map((i) => i.type),
          due: items.filter((i) => i.state === 'due').map((i) => i.type),
        }
      })
    return {
      communityId,
      communityName: community.name,
      // Stable sort: overdue branches first, each group in the community's own order.
      branches: rowsOut.sort((a, b) => Number(b.overdue.length > 0) - Number(a.overdue.length > 0)),
    }
  },
})
