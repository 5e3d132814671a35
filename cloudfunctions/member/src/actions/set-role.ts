import { isBranchOffice, withBranchLeases } from '../../../_shared/branch-offices'
import { isSecretaryOf } from '../../../_shared/caller'
import { COLLECTIONS } from '../../../_shared/collections'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { findById, findVisible, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid, notFound } from '../../../_shared/errors'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import { appointerRoleFor } from '../domain'

/**
 * Grant or revoke a role; roles change atomically (addToSet / pull), never by rewriting the list. A branch has
 * one secretary: appointing another is refused (CONFLICT) unless `replace` confirms it, which then revokes
 * the one in office.
 */
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
    if (isBranchOffice(input.role) && !target.branchId) {
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
    const members = db.collection(COLLECTIONS.members)
    const change = async (branchId: string | null) => {
      let incumbents: Pick<MemberDoc, '_id' | 'name' | 'roles'>[] = []
      if (branchId) {
        // Read under the branch's lease: whether the target is still in the branch (a transfer or merge may
        // have moved them since), and the secretary in office — two appointments cannot both find it empty.
        const inBranch = await rows<Pick<MemberDoc, '_id' | 'name' | 'roles'>>(
          members
            .where(
              _.or([
                { branchId, status: 'active', roles: 'secretary' },
                { _id: target._id, branchId, status: 'active' },
              ]),
            )
            .field({ name: true, roles: true })
            .limit(10),
        )
        if (!inBranch.some((m) => m._id === target._id))
          throw conflict('该成员的所在支部刚有变化，请刷新后再试')
        if (input.grant && input.role === 'secretary')
          incumbents = inBranch.filter((m) => m._id !== target._id && m.roles.includes('secretary'))
      }
      if (incumbents.length && !input.replace) {
        throw conflict(
          `该支部已有书记${incumbents.map((m) => m.name).join('、')}，请确认由${target.name}接任`,
        )
      }
      await Promise.all(
        incumbents.map((m) =>
          members.doc(m._id).update({ data: { roles: _.pull('secretary'), updatedAt: nowDate() } }),
        ),
      )
      await members.doc(target._id).update({
        data: {
          roles: input.grant ? _.addToSet(input.role) : _.pull(input.role),
          updatedAt: nowDate(),
          ...(adminCommunityId !== undefined ? { adminCommunityId } : {}),
        },
      })
      return incumbents
    }
    // A branch's offices change under its lease, as transfers and merges move its members.
    const leased = isBranchOffice(input.role) ? target.branchId : null
    const incumbents = leased
      ? await withBranchLeases([leased], () => change(leased))
      : await change(null)
    const roles = target.roles.filter((r) => r !== input.role)
    return {
      memberId: target._id,
      roles: input.grant ? [...roles, input.role] : roles,
      ...(incumbents.length ? { replacedId: incumbents[0]._id } : {}),
    }
  },
})
