// The district admin's member search (任免): active members by a fragment of their name or phone, newest
// first, a page at a time, phones masked as in any directory.
import type { MemberHit } from '../../../../typings/member'
import { isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'
import { orgNames } from '../../../_shared/org-names'
import { newestFirst } from '../../../_shared/paging'
import type { MemberDoc } from '../../../_shared/records'
import { maskPhone, searchFilter } from '../domain'

const SEARCH_PAGE = 20

export type Found = Pick<
  MemberDoc,
  '_id' | 'name' | 'phone' | 'roles' | 'branchId' | 'communityId' | 'adminCommunityId' | 'createdAt'
>

export const search = defineAction('member', 'search', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['districtAdmin'],
  async run({ caller }, input) {
    if (!isDistrictAdmin(caller)) throw denied('只有区委组织部管理员可以搜索党员')
    const db = getDb()
    const { field, pattern } = searchFilter(input.query)
    const page = await newestFirst<Found>(
      COLLECTIONS.members,
      { status: 'active', [field]: db.RegExp({ regexp: pattern, options: 'i' }) },
      {
        cursor: input.cursor,
        limit: SEARCH_PAGE,
        field: {
          name: true,
          phone: true,
          roles: true,
          branchId: true,
          communityId: true,
          adminCommunityId: true,
          createdAt: true,
        },
      },
    )
    return { items: await hitsOf(page.items), nextCursor: page.nextCursor }
  },
})

/** Found members as rows to appoint from: org names, and each one's branch secretary if someone else. */
export async function hitsOf(found: Found[]): Promise<MemberHit[]> {
  const db = getDb()
  const branchIds = [...new Set(found.flatMap((m) => (m.branchId ? [m.branchId] : [])))]
  const [names, secretaries] = await Promise.all([
    orgNames(found.flatMap((m) => [m.branchId, m.communityId, m.adminCommunityId])),
    branchIds.length
      ? rows<Pick<MemberDoc, '_id' | 'name' | 'branchId'>>(
          db
            .collection(COLLECTIONS.members)
            .where({ branchId: db.command.in(branchIds), status: 'active', roles: 'secretary' })
            .field({ name: true, branchId: true })
            .limit(1000),
        )
      : [],
  ])
  const name = (id: string | null | undefined) => (id && names.get(id)) || ''
  return found.map((m): MemberHit => {
    const secretary = secretaries.find((s) => s.branchId === m.branchId && s._id !== m._id)
    return {
      id: m._id,
      name: m.name,
      phone: maskPhone(m.phone),
      roles: m.roles,
      branchId: m.branchId ?? '',
      branchName: name(m.branchId),
      communityId: m.communityId ?? '',
      communityName: name(m.communityId),
      adminCommunityId: m.adminCommunityId ?? '',
      adminCommunityName: name(m.adminCommunityId),
      branchSecretary: secretary ? { id: secretary._id, name: secretary.name } : null,
    }
  })
}
