// 组织概况: every community and branch in one page, for a district admin (all, or one community) and a
// community admin (their own). Reads go out in one parallel batch; this month's totals are stats' own
// (counters, never the ledger), so the figures match the ranking.
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
import { type OverviewInput, overviewOf } from '../overview'

/** Org documents a district holds at most (as org.tree reads them). */
const ORGS = 1000

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
    const within = communityId ? { communityId } : {}
    const [district, orgs, secretaries, sessions, totals] = await Promise.all([
      readDistrict(),
      rows<OverviewInput['branches'][number] & Pick<OrgDoc, 'level'>>(
        db
          .collection(COLLECTIONS.orgs)
          .where({ ...within, level: _.in(['community', 'branch']) })
          .field({
            name: true,
            level: true,
            parentId: true,
            sort: true,
            branchType: true,
            lastNewsAt: true,
            createdAt: true,
          })
          .limit(ORGS),
      ),
      rows<Pick<MemberDoc, '_id' | 'name' | 'branchId'>>(
        db
          .collection(COLLECTIONS.members)
          .where({ ...within, status: 'active', roles: 'secretary' })
          .field({ name: true, branchId: true })
          .limit(ORGS),
      ),
      rows<CadenceSession & { branchId: string }>(
        db
          .collection(COLLECTIONS.orglifeSessions)
          .where({ ...within, opensAt: _.gte(cadenceSince(now)) })
          .field({ branchId: true, type: true, status: true, opensAt: true, closesAt: true })
          .limit(ORGS),
      ),
      liveBranchTotals(communityId, month),
    ])
    const ranked = rankBranches(totals, null)
    const communities = overviewOf({
      communities: orgs.filter((o) => o.level === 'community'),
      branches: orgs.filter((o) => o.level === 'branch'),
      ranked,
      secretaries: new Map(secretaries.map((s) => [s.branchId ?? '', s.name])),
      sessions,
      staleAfterDays: district.staleAfterDays,
      now,
    })
    const communityOf = new Map(
      communities.flatMap((c) => c.branches.map((b) => [b.id, c.name] as const)),
    )
    return {
      month,
      staleAfterDays: district.staleAfterDays,
      communities,
      bottom: bottomOf(ranked).map((r) => ({
        branchId: r.branchId,
        name: r.name,
        communityName: communityOf.get(r.branchId) ?? '',
        perMember: r.perMember,
      })),
    }
  },
})
