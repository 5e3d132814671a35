// Who the caller is, as the pages see themselves: a member, an admin, a resident or a guest.
import type { Me } from '../../../../typings/member'
import type { Caller } from '../../../_shared/caller'
import { defineAction } from '../../../_shared/dispatcher'
import { orgNames } from '../../../_shared/org-names'

export const me = defineAction('member', 'me', {
  audience: 'anyone',
  scope: ['self'],
  run: async ({ caller }) => ({ me: await describe(caller) }),
})

/** The caller as the pages see themselves. */
export async function describe(caller: Caller): Promise<Me> {
  const { member, resident } = caller
  if (member?.branchId) {
    const names = await orgNames([member.branchId, member.communityId, resident?.communityId])
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
      // A resident who registered as a member is both.
      ...(resident
        ? {
            resident: {
              communityId: resident.communityId,
              communityName: names.get(resident.communityId) ?? '',
            },
          }
        : {}),
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
