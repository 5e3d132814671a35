import {
  activeMember,
  isCommunityAdminOf,
  isDistrictAdmin,
  isSecretaryOf,
  branchNamedOrOwn,
} from '../../../_shared/caller'
import { findBranch } from '../../../_shared/branches'
import { COLLECTIONS } from '../../../_shared/collections'
import { getDb } from '../../../_shared/cloud'
import { rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'
import type { MemberDoc } from '../../../_shared/records'
import { directoryOrder, maskPhone } from '../domain'

/** A branch's members: its own members see the active ones; the secretary also sees pending ones and full phones. */
export const directory = defineAction('member', 'directory', {
  audience: 'member',
  scope: ['branch', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const me = activeMember(caller)
    const branchId = branchNamedOrOwn(caller, input.branchId)
    const branch = await findBranch(branchId)
    const secretary = isSecretaryOf(caller, branchId)
    const mayRead =
      me.branchId === branchId ||
      isCommunityAdminOf(caller, branch.communityId) ||
      isDistrictAdmin(caller)
    if (!mayRead) throw denied('只能查看本支部的成员')
    const status = secretary ? input.status : 'active'
    if (!secretary && input.status && input.status !== 'active')
      throw denied('只有支部书记可以查看待审核成员')

    const found = await rows<MemberDoc>(
      getDb()
        .collection(COLLECTIONS.members)
        .where(status ? { branchId, status } : { branchId })
        .limit(1000),
    )
    return {
      branchId,
      branchName: branch.name,
      members: found.sort(directoryOrder).map((m) => ({
        id: m._id,
        name: m.name,
        phone: secretary ? m.phone : maskPhone(m.phone),
        status: m.status,
        roles: m.status === 'active' ? m.roles : [],
        joinedAt: (m.approvedAt ?? m.createdAt).toISOString(),
      })),
    }
  },
})
