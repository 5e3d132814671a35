// 组织名册 and 覆盖情况 for a community admin (their community) and a district admin (the district, or one
// community): communities with their branches (open and retired), members and organisations covered; and
// the coverage figures recounted from the register on every read.
import { activeMemberCounts } from '../../../_shared/branches'
import { isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import type { OrgDoc, OrganizationDoc } from '../../../_shared/records'
import {
  coverageByCommunity,
  coverageFigures,
  quarterOf,
  registerOf,
  shouldFormOwn,
} from '../register'
import { ORGANIZATIONS, ORGS, scopeOf } from '../register-store'
import { shownOrganizations } from './organizations'

const GRANTS = ['communityAdmin', 'districtAdmin'] as const

/** The scope's communities and branches, and its organisations: one round of parallel reads. */
function readScope(communityId: string | null, fields?: Record<string, boolean>) {
  const db = getDb()
  const within = communityId ? { communityId } : {}
  return Promise.all([
    rows<OrgDoc>(
      db
        .collection(COLLECTIONS.orgs)
        .where({ ...within, level: db.command.in(['community', 'branch']) })
        .field({
          name: true,
          level: true,
          parentId: true,
          sort: true,
          branchType: true,
          retiredAt: true,
          retiredBy: true,
        })
        .limit(ORGS),
    ),
    rows<OrganizationDoc>(
      fields
        ? db.collection(COLLECTIONS.organizations).where(within).field(fields).limit(ORGANIZATIONS)
        : db.collection(COLLECTIONS.organizations).where(within).limit(ORGANIZATIONS),
    ),
  ])
}

export const register = defineAction('org', 'register', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const communityId = scopeOf(caller, input.communityId)
    const [[orgs, organizations], members] = await Promise.all([
      readScope(communityId, { branchId: true }),
      activeMemberCounts(communityId ? { communityId } : {}),
    ])
    const covered = new Map<string, number>()
    for (const o of organizations)
      if (o.branchId) covered.set(o.branchId, (covered.get(o.branchId) ?? 0) + 1)
    return {
      communities: registerOf(orgs, members, covered),
      manageCommunities: isDistrictAdmin(caller),
    }
  },
})

export const coverage = defineAction('org', 'coverage', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const communityId = scopeOf(caller, input.communityId)
    const [orgs, organizations] = await readScope(communityId)
    const now = nowDate()
    const communities = orgs
      .filter((o) => o.level === 'community' && !o.retiredAt)
      .sort((a, b) => a.sort - b.sort)
    return {
      quarter: quarterOf(now),
      total: coverageFigures(organizations, now),
      communities: coverageByCommunity(communities, organizations, now),
      flagged: await shownOrganizations(organizations.filter(shouldFormOwn), now),
    }
  },
})
