import type { Me } from '../../../../typings/member'
import { COLLECTIONS } from '../../../_shared/collections'
import { getDb } from '../../../_shared/cloud'
import { rows } from '../../../_shared/db'
import type { Caller } from '../../../_shared/caller'
import type { OrgDoc } from '../../../_shared/records'

/** Names of the given orgs in one round trip. */
export async function orgNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))]
  if (!wanted.length) return new Map()
  const _ = getDb().command
  const docs = await rows<Pick<OrgDoc, '_id' | 'name'>>(
    getDb()
      .collection(COLLECTIONS.orgs)
      .where({ _id: _.in(wanted) })
      .field({ name: true }),
  )
  return new Map(docs.map((d) => [d._id, d.name]))
}

/** The caller as the pages see themselves. */
export async function describe(caller: Caller): Promise<Me> {
  const { member, resident } = caller
  if (member?.branchId) {
    const names = await orgNames([member.branchId, member.communityId])
    return {
      kind: 'member',
      id: member._id,
      name: member.name,
      phone: member.phone,
      status: member.status,
      roles: member.status === 'active' ? [...caller.roles] : [],
      branchId: member.branchId,
      branchName: names.get(member.branchId) ?? '',
      communityId: member.communityId ?? '',
      communityName: (member.communityId && names.get(member.communityId)) || '',
      ...(member.rejectReason ? { rejectReason: member.rejectReason } : {}),
    }
  }
  if (member || caller.roles.size) {
    return {
      kind: 'admin',
      id: member?._id ?? '',
      name: member?.name ?? '管理员',
      roles: [...caller.roles],
    }
  }
  if (resident) {
    const names = await orgNames([resident.communityId])
    return {
      kind: 'resident',
      id: resident._id,
      name: resident.name,
      phone: resident.phone,
      communityId: resident.communityId,
      communityName: names.get(resident.communityId) ?? '',
    }
  }
  return { kind: 'guest' }
}
