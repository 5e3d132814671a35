// 任免's starting point for the district admin: the branches without a secretary and the communities without
// an admin, exactly as the district's 待办 counts them (todo's `staffed`), in district order; and, for a
// community picked among them, its active members to appoint as its admin (its secretaries first).
import { isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { COLLECTIONS } from '../../../_shared/collections'
import { aggregate, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied, notFound } from '../../../_shared/errors'
import type { OrgDoc } from '../../../_shared/records'
import { GROUPS } from '../../../todo/src/domain'
import { staffed } from '../../../todo/src/staffed'
import { directoryOrder } from '../domain'
import { type Found, hitsOf } from './search'

type Org = Pick<OrgDoc, '_id' | 'name' | 'level' | 'parentId' | 'sort'>

const bySort = (a: { sort: number }, b: { sort: number }) => a.sort - b.sort
const secretariesFirst = (a: Found, b: Found) =>
  Number(b.roles.includes('secretary')) - Number(a.roles.includes('secretary')) ||
  directoryOrder({ ...a, status: 'active' }, { ...b, status: 'active' })

export const vacancies = defineAction('member', 'vacancies', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['districtAdmin'],
  async run({ caller }, input) {
    if (!isDistrictAdmin(caller)) throw denied('只有区委组织部管理员可以任免')
    const db = getDb()
    const _ = db.command
    const [orgs, secretaryOf, adminOf, members] = await Promise.all([
      aggregate<Org>(COLLECTIONS.orgs, [
        // Retired communities and branches (org register) need no one.
        { $match: { level: _.in(['community', 'branch']), retiredAt: null } },
        { $project: { name: 1, level: 1, parentId: 1, sort: 1 } },
        { $limit: GROUPS },
      ]),
      staffed('secretary', 'branchId'),
      staffed('communityAdmin', 'adminCommunityId'),
      input.communityId
        ? rows<Found>(
            db
              .collection(COLLECTIONS.members)
              .where({ communityId: input.communityId, status: 'active' })
              .field({
                name: true,
                phone: true,
                roles: true,
                branchId: true,
                communityId: true,
                adminCommunityId: true,
                createdAt: true,
              })
              .limit(1000),
          )
        : [],
    ])
    const communities = orgs.filter((o) => o.level === 'community').sort(bySort)
    if (input.communityId && !communities.some((c) => c._id === input.communityId))
      throw notFound('所选社区')
    const name = new Map(communities.map((c) => [c._id, c.name]))
    const branches = orgs.filter((o) => o.level === 'branch' && !secretaryOf.has(o._id))
    return {
      // Branches in district order: by community, then within it.
      branches: communities.flatMap((c) =>
        branches
          .filter((b) => b.parentId === c._id)
          .sort(bySort)
          .map((b) => ({ id: b._id, name: b.name, communityName: name.get(c._id) ?? '' })),
      ),
      communities: communities
        .filter((c) => !adminOf.has(c._id))
        .map((c) => ({ id: c._id, name: c.name })),
      candidates: await hitsOf(members.sort(secretariesFirst)),
    }
  },
})
