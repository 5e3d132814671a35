import { withBranchLeases } from '../../../_shared/branch-offices'
import { isSecretaryOf } from '../../../_shared/caller'
import { COLLECTIONS } from '../../../_shared/collections'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { findById, findVisible, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid, notFound } from '../../../_shared/errors'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import { appointerRoleFor } from '../domain'

/** The member is no longer in the branch the officer saw them in (a transfer or merge since). */
const MOVED = '该党员的所在支部已变化，请刷新后重试'

/**
 * Grant or revoke a role; roles change atomically (addToSet / pull), never by rewriting the list. A branch
 * office is changed in the branch the officer saw the member in (`branchId`), never in one they have moved
 * to since. A branch has one secretary: appointing another is refused (CONFLICT) unless `replace` confirms
 * it, which then revokes the one in office.
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
    const db = getDb()
    const _ = db.command
    const members = db.collection(COLLECTIONS.members)
    const roles = target.roles.filter((r) => r !== input.role)
    const heldNow = input.grant ? [...roles, input.role] : roles
    const grantOrRevoke = (extra: Partial<MemberDoc> = {}) =>
      members.doc(target._id).update({
        data: {
          roles: input.grant ? _.addToSet(input.role) : _.pull(input.role),
          updatedAt: nowDate(),
          ...extra,
        },
      })

    if (input.role === 'communityAdmin') {
      const adminCommunityId = input.grant ? (input.communityId ?? target.communityId) : null
      if (input.grant) {
        const community = adminCommunityId
          ? await findById<OrgDoc>(COLLECTIONS.orgs, adminCommunityId)
          : null
        if (!community || community.level !== 'community') throw notFound('所选社区')
      }
      await grantOrRevoke({ adminCommunityId })
      return { memberId: target._id, roles: heldNow }
    }

    if (!target.branchId) throw invalid('该成员不属于任何支部')
    const { branchId, grant, role, replace } = input
    if (target.branchId !== branchId) throw conflict(MOVED)
    // A branch's offices change under its lease, as transfers and merges move its members.
    const incumbents = await withBranchLeases([branchId], async () => {
      // Read under the lease: whether the target is still in the branch (a transfer or merge may have moved
      // them since the read above), and the secretary in office — two appointments cannot both find it empty.
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
      if (!inBranch.some((m) => m._id === target._id)) throw conflict(MOVED)
      const replaced =
        grant && role === 'secretary'
          ? inBranch.filter((m) => m._id !== target._id && m.roles.includes('secretary'))
          : []
      if (replaced.length && !replace) {
        throw conflict(
          `该支部已有书记${replaced.map((m) => m.name).join('、')}，请确认由${target.name}接任`,
        )
      }
      await Promise.all(
        replaced.map((m) =>
          members.doc(m._id).update({ data: { roles: _.pull('secretary'), updatedAt: nowDate() } }),
        ),
      )
      await grantOrRevoke()
      return replaced
    })
    return {
      memberId: target._id,
      roles: heldNow,
      ...(incumbents.length ? { replacedId: incumbents[0]._id } : {}),
    }
  },
})
