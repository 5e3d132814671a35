// 组织概况: every community and branch, for a district admin (all, or one community) and a community admin
// (their own), a page of whole communities at a time. Two rounds of parallel reads whatever the district's
// size: the org tree with this month's totals (stats' own, from the counters, so the figures match the
// ranking), then the page's secretaries and sessions.
import { isCommunityAdminOf, isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { monthOf, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { readDistrict } from '../../../_shared/district'
import { denied, invalid } from '../../../_shared/errors'
import { type CadenceSession, cadenceSince } from '../../../_shared/orglife-rules'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import { liveBranchTotals } from '../../../stats/src/branch-totals'
import { bottomOf, rankBranches } from '../../../stats/src/domain'
import { type OverviewInput, communityPage, overviewOf } from '../overview'

/** Org documents a district holds at most (as org.tree reads them). */
const ORGS = 1000

type Org = OverviewInput['branches'][number] & Pick<OrgDoc, 'level' | 'retiredAt'>

export const overview = defineAction('org', 'overview', {
  audience: 'member',
  roles: ['communityAdmin', 'districtAdmin'],
  scope: ['communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const communityId = isDistrictAdmin(caller)
      ? (input.communityId ?? null)
      : (input.communityId ?? caller.member?.adminCommunityId ?? null)
    if (!isDistrictAdmin(caller)) {
      if (!communityId) throw invalid('请指定社区')
      if (!isCommunityAdminOf(caller, communityId)) throw denied('只能查看本社区的支部')
    }
    const now = nowDate()
    const month = monthOf(now)
    const db = getDb()
    const _ = db.command
    const [district, orgs, totals] = await Promise.all([
      readDistrict(),
      rows<Org>(
        db
          .collection(COLLECTIONS.orgs)
          .where({
            ...(communityId ? { communityId } : {}),
            level: _.in(['community', 'generalBranch', 'branch']),
          })
          .field({
            name: true,
            level: true,
            parentId: true,
            sort: true,
            branchType: true,
            generalBranchId: true,
            lastNewsAt: true,
            createdAt: true,
            retiredAt: true,
          })
          .limit(ORGS),
      ),
      liveBranchTotals(communityId, month),
    ])
    const open = orgs.filter((o) => !o.retiredAt)
    const communities = open.filter((o) => o.level === 'community').sort((a, b) => a.sort - b.sort)
    const branches = open.filter((o) => o.level === 'branch')
    const found = communityPage(
      communities,
      (id) => branches.filter((b) => b.parentId === id).length,
      input.cursor,
    )
    if (!found) throw invalid('分页参数有误，请刷新后重试')
    const inPage = new Set(found.page.map((c) => c._id))
    const pageBranches = branches.filter((b) => inPage.has(b.parentId ?? ''))
    const branchIds = _.in(pageBranches.map((b) => b._id))
    const [secretaries, sessions] = pageBranches.length
      ? await Promise.all([
          rows<Pick<MemberDoc, '_id' | 'name' | 'branchId'>>(
            db
              .collection(COLLECTIONS.members)
              .where({ branchId: branchIds, status: 'active', roles: 'secretary' })
              .field({ name: true, branchId: true })
              .limit(ORGS),
          ),
          rows<CadenceSession & { branchId: string }>(
            db
              .collection(COLLECTIONS.orglifeSessions)
              .where({ branchId: branchIds, opensAt: _.gte(cadenceSince(now)) })
              .field({ branchId: true, type: true, status: true, opensAt: true, closesAt: true })
              .limit(ORGS),
          ),
        ])
      : [[], []]
    const ranked = rankBranches(totals, null)
    const communityName = new Map(communities.map((c) => [c._id, c.name]))
    const parentOf = new Map(branches.map((b) => [b._id, b.parentId ?? '']))
    return {
      month,
      staleAfterDays: district.staleAfterDays,
      communities: overviewOf({
        communities: found.page,
        branches: pageBranches,
        generalBranches: open.filter((o) => o.level === 'generalBranch'),
        ranked,
        secretaries: new Map(secretaries.map((s) => [s.branchId ?? '', s.name])),
        sessions,
        staleAfterDays: district.staleAfterDays,
        now,
      }),
      nextCursor: found.next,
      // 末位 over the whole scope, whichever page this is.
      bottom: bottomOf(ranked).map((r) => ({
        branchId: r.branchId,
        name: r.name,
        communityName: communityName.get(parentOf.get(r.branchId) ?? '') ?? '',
        perMember: r.perMember,
      })),
    }
  },
})
