import { isSecretaryOf } from '../../../_shared/caller'
import { COLLECTIONS } from '../../../_shared/collections'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { findById, findVisible } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid, notFound } from '../../../_shared/errors'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import { appointerRoleFor } from '../domain'

/** Grant or revoke a role; roles change atomically (addToSet / pull), never by rewriting the list. */
export const setRole = defineAction('member', 'setRole', {
  audience: 'member',
  roles: ['districtAdmin', 'secretary'],
  // The district appoints secretaries and community admins anywhere; a secretary, their branch's 信息员.
  scope: {
    by: 'role',
    cases: {
      infoOfficer: ['secretary'],
      secretary: ['districtAdmin'],
      communityAdmin: ['districtAdmin'],
    },
  },
  async run({ caller }, input) {
    if (!caller.roles.has(appointerRoleFor(input.role))) throw denied('您没有任命该职务的权限')
    // A secretary appoints 信息员 in their own branch only; other branches' members answer as missing ones.
    const target = await findVisible<MemberDoc>(
      COLLECTIONS.members,
      input.memberId,
      '该成员',
      (m) => input.role !== 'infoOfficer' || (!!m.branchId && isSecretaryOf(caller, m.branchId)),
    )
    if (target.status !== 'active') throw conflict('该成员尚未通过审核')
    if ((input.role === 'secretary' || input.role === 'infoOfficer') && !target.branchId) {
      throw invalid('该成员不属于任何支部')
    }
    let adminCommunityId: string | null | undefined
    if (input.role === 'communityAdmin') {
      adminCommunityId = input.grant ? (input.communityId ?? target.communityId) : null
      if (input.grant) {
        const community = adminCommunityId
          ? await findById<OrgDoc>(COLLECTIONS.orgs, adminCommunityId)
          : null
        if (!community || community.level !== 'community') throw notFound('所选社区')
      }
    }
    const db = getDb()
    const _ = db.command
    await db
      .collection(COLLECTIONS.members)
      .doc(target._id)
      .update({
        data: {
          roles: input.grant ? _.addToSet(input.role) : _.pull(input.role),
          updatedAt: nowDate(),
          ...(adminCommunityId !== undefined ? { adminCommunityId } : {}),
        },
      })
    const roles = target.roles.filter((r) => r !== input.role)
    return { memberId: target._id, roles: input.grant ? [...roles, input.role] : roles }
  },
})
