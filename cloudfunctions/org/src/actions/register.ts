// 组织名册 and 覆盖情况 for a community admin (their community) and a district admin (the district, or one
// community): communities with their branches and 党总支 (open and retired), members and organisations
// covered; and the coverage figures, counted by the database from the register on every read (whatever its
// size), with each community's 联合党总支 and what their branches cover.
import { activeMemberCounts } from '../../../_shared/branches'
import { isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { aggregate, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import type { OrgDoc, OrganizationDoc } from '../../../_shared/records'
import { COVERAGES, OWN_ORG_THRESHOLD } from '../../../../typings/register'
import {
  type Tally,
  coverageOf,
  generalCoverageOf,
  quarterOf,
  quarterStart,
  registerOf,
} from '../register'
import { ORGANIZATIONS, ORGS, scopeOf } from '../register-store'
import { shownOrganizations } from './organizations'

const GRANTS = ['communityAdmin', 'districtAdmin'] as const

/** The scope's communities, 党总支 and branches. */
function orgsOf(communityId: string | null) {
  const db = getDb()
  return rows<OrgDoc>(
    db
      .collection(COLLECTIONS.orgs)
      .where({
        ...(communityId ? { communityId } : {}),
        level: db.command.in(['community', 'generalBranch', 'branch']),
      })
      .field({
        name: true,
        level: true,
        parentId: true,
        sort: true,
        branchType: true,
        generalBranchId: true,
        retiredAt: true,
        retiredBy: true,
      })
      .limit(ORGS),
  )
}

const within = (communityId: string | null) => ({ $match: communityId ? { communityId } : {} })

/** Organisations covered per branch: one aggregation. */
async function coveredPerBranch(communityId: string | null) {
  const found = await aggregate<{ _id: string | null; n: number }>(COLLECTIONS.organizations, [
    within(communityId),
    { $group: { _id: '$branchId', n: { $sum: 1 } } },
    { $limit: ORGS },
  ])
  return new Map(found.flatMap((r) => (r._id ? [[r._id, r.n] as const] : [])))
}

const countIf = (cond: object) => ({ $sum: { $cond: [cond, 1, 0] } })

/** Each community's organisations counted as the register's rules count them (register.ts). */
async function talliesOf(communityId: string | null, now: Date): Promise<Tally[]> {
  const found = await aggregate<Omit<Tally, 'communityId'> & { _id: string }>(
    COLLECTIONS.organizations,
    [
      within(communityId),
      {
        $group: {
          _id: '$communityId',
          total: { $sum: 1 },
          ...Object.fromEntries(COVERAGES.map((c) => [c, countIf({ $eq: ['$coverage', c] })])),
          // shouldFormOwn and isStaleEntry.
          flagged: countIf({
            $and: [{ $gte: ['$partyMembers', OWN_ORG_THRESHOLD] }, { $ne: ['$coverage', 'own'] }],
          }),
          stale: countIf({ $lt: ['$updatedAt', quarterStart(now)] }),
        },
      },
      { $limit: ORGS },
    ],
  )
  return found.map(({ _id, ...t }) => ({ ...t, communityId: _id }))
}

export const register = defineAction('org', 'register', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const communityId = scopeOf(caller, input.communityId)
    const [orgs, covered, members] = await Promise.all([
      orgsOf(communityId),
      coveredPerBranch(communityId),
      activeMemberCounts(communityId ? { communityId } : {}),
    ])
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
    const now = nowDate()
    const db = getDb()
    const _ = db.command
    const [orgs, tallies, flagged, covered] = await Promise.all([
      orgsOf(communityId),
      talliesOf(communityId, now),
      rows<OrganizationDoc>(
        db
          .collection(COLLECTIONS.organizations)
          .where({
            ...(communityId ? { communityId } : {}),
            partyMembers: _.gte(OWN_ORG_THRESHOLD),
            coverage: _.neq('own'),
          })
          .limit(ORGANIZATIONS),
      ),
      coveredPerBranch(communityId),
    ])
    const communities = orgs
      .filter((o) => o.level === 'community' && !o.retiredAt)
      .sort((a, b) => a.sort - b.sort)
    const figures = coverageOf(communities, tallies)
    return {
      quarter: quarterOf(now),
      total: figures.total,
      // Each community's 联合党总支 with what their branches cover: the figures stay per community.
      communities: figures.communities.map((c) => ({
        ...c,
        generalBranches: generalCoverageOf(orgs, c.communityId, covered),
      })),
      flagged: await shownOrganizations(flagged, now),
    }
  },
})
