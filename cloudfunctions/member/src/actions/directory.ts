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
import { now } from '../../../_shared/clock'
import { findVisible, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'
import type { MemberDoc } from '../../../_shared/records'
import { directoryOrder, maskPhone } from '../domain'

/** A branch's members, phones masked for everyone: its own members see the active ones; the secretary also
 * sees pending ones, and a full number only by asking for it (revealPhone). */
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
      mayReveal: secretary,
      members: found.sort(directoryOrder).map((m) => ({
        id: m._id,
        name: m.name,
        phone: maskPhone(m.phone),
        status: m.status,
        roles: m.status === 'active' ? m.roles : [],
        joinedAt: (m.approvedAt ?? m.createdAt).toISOString(),
      })),
    }
  },
})

/** One member's full number, for their own branch's secretary only (查看完整号码, or before calling); every
 * look is recorded (who, whom, when). Anyone else is answered as for a member who does not exist. */
export const revealPhone = defineAction('member', 'revealPhone', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, { memberId }) {
    const me = activeMember(caller)
    const member = await findVisible<MemberDoc>(
      COLLECTIONS.members,
      memberId,
      '该党员',
      (m) =>
        ['active', 'pending'].includes(m.status) &&
        !!m.branchId &&
        isSecretaryOf(caller, m.branchId),
    )
    await getDb()
      .collection(COLLECTIONS.phoneReveals)
      .add({ data: { memberId, branchId: member.branchId, by: me._id, at: now().toDate() } })
    return { memberId, phone: member.phone }
  },
})
