import { isSecretaryOf } from '../../../_shared/caller'
import { COLLECTIONS } from '../../../_shared/collections'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { findById, findVisible, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid, notFound } from '../../../_shared/errors'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import { appointerRoleFor } from '../domain'

/**
 * Grant or revoke a role; roles change atomically (addToSet / pull), never by rewriting the list. A branch has
 * one secretary: appointing another is refused (CONFLICT) unless `replace` confirms it, which then revokes
 * the one in office.
 */
/** How long an appointment may hold its branch's lease before another may take it (a crashed run's). */
const LEASE_MS = 30_000

/** The branch's secretary lease, taken by a conditional update; CONFLICT while another appointment holds it. */
async function takeSecretaryLease(branchId: string) {
  const db = getDb()
  const _ = db.command
  const at = nowDate().getTime()
  const taken = await updatedCount(
    db
      .collection(COLLECTIONS.orgs)
      .where(
        _.or([
          { _id: branchId, secretaryLeaseMs: _.exists(false) },
          { _id: branchId, secretaryLeaseMs: _.lt(at - LEASE_MS) },
        ]),
      )
      .update({ data: { secretaryLeaseMs: at } }),
  )
  if (!taken) throw conflict('该支部的书记正在由他人调整，请稍后刷新再试')
}

const releaseSecretaryLease = (branchId: string) =>
  getDb()
    .collection(COLLECTIONS.orgs)
    .doc(branchId)
    .update({ data: { secretaryLeaseMs: 0 } })

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
    const members = db.collection(COLLECTIONS.members)
    // One secretary per branch: the check below and the writes after it run under the branch's lease, so two
    // appointments at once cannot both find the office empty (or both replace the same incumbent).
    const leased = input.grant && input.role === 'secretary' ? target.branchId : null
    if (leased) await takeSecretaryLease(leased)
    let incumbents: Pick<MemberDoc, '_id' | 'name'>[] = []
    try {
      if (leased) {
        const inOffice = await rows<Pick<MemberDoc, '_id' | 'name'>>(
          members
            .where({ branchId: leased, status: 'active', roles: 'secretary' })
            .field({ name: true })
            .limit(10),
        )
        incumbents = inOffice.filter((m) => m._id !== target._id)
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
    } finally {
      if (leased) await releaseSecretaryLease(leased)
    }
    const roles = target.roles.filter((r) => r !== input.role)
    return {
      memberId: target._id,
      roles: input.grant ? [...roles, input.role] : roles,
      ...(incumbents.length ? { replacedId: incumbents[0]._id } : {}),
    }
  },
})
