// The member lifecycle: a secretary records that a member left the register, and a member's history (branches,
// dates, who approved; their branch's merges and moves), readable by the member — also after leaving — and by the officers over their branch.
import { isCommunityAdminOf, isDistrictAdmin, isSecretaryOf } from '../../../_shared/caller'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, findVisible, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict } from '../../../_shared/errors'
import { residentIdOf } from '../../../_shared/identity'
import { orgNames } from '../../../_shared/org-names'
import { getDb } from '../../../_shared/cloud'
import type { MergeLog, MoveLog, ResidentDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import { type LifecycleMember, type TransferDoc, branchesOf, historyOf } from '../transfer'
import { assertActsFor, markMemberLeft, officerOf, oversees, transfers } from '../transfer-store'

export const markLeft = defineAction('member', 'markLeft', {
  audience: 'member',
  roles: ['secretary', 'communityAdmin', 'districtAdmin'],
  scope: ['secretary', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const member = await findVisible<LifecycleMember>(
      COLLECTIONS.members,
      input.memberId,
      '该党员',
      (m) =>
        !!m.branchId &&
        (isSecretaryOf(caller, m.branchId) ||
          isCommunityAdminOf(caller, m.communityId) ||
          isDistrictAdmin(caller)),
    )
    const branchId = member.branchId!
    await assertActsFor(caller, { branchId, communityId: member.communityId }, member._id)
    if (member.status !== 'active') throw conflict('该党员不是在册党员，无需办理')
    await assertTextSafe(caller.openid, 1, input.reason)
    await markMemberLeft(
      { ...member, branchId },
      { leftKind: input.kind, leftReason: input.reason, leftBy: officerOf(caller) },
    )
    return { memberId: member._id, status: 'left' as const }
  },
})

export const history = defineAction('member', 'history', {
  // A member who left keeps reading their own history.
  audience: 'anyone',
  scope: ['owner', 'secretary', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const member = await findVisible<LifecycleMember>(
      COLLECTIONS.members,
      input.memberId,
      '该党员',
      (m) =>
        caller.member?._id === m._id ||
        (!!m.branchId && oversees(caller, { branchId: m.branchId, communityId: m.communityId })),
    )
    // Merges and moves of their branch come from org_changes at read time rather than being written into each
    // moved member's record: a merge or move of a large branch writes nothing more per member, one cut short
    // needs no resuming for history, and changes made before history showed them show too.
    const changes = getDb().collection(COLLECTIONS.orgChanges)
    const [accepted, approver, resident, merges] = await Promise.all([
      rows<TransferDoc>(transfers().where({ memberId: member._id, state: 'accepted' }).limit(100)),
      member.approvedBy ? findById<LifecycleMember>(COLLECTIONS.members, member.approvedBy) : null,
      // A resident who became a member: their resident registration opens the history.
      findById<ResidentDoc>(COLLECTIONS.residents, residentIdOf(member.openid)),
      rows<MergeLog>(changes.where({ kind: 'merge', memberIds: member._id }).limit(100)),
    ])
    const been = branchesOf(member, accepted, merges)
    const moves = been.length
      ? await rows<MoveLog>(
          changes.where({ kind: 'move', branchId: getDb().command.in(been) }).limit(100),
        )
      : []
    const names = await orgNames([
      member.branchId,
      resident?.communityId,
      ...merges.flatMap((m) => [m.fromBranchId, m.intoBranchId]),
      ...moves.flatMap((m) => [m.branchId, m.fromCommunityId, m.toCommunityId]),
    ])
    const branchName = (member.branchId && names.get(member.branchId)) || ''
    return {
      memberId: member._id,
      name: member.name,
      status: member.status,
      branchName,
      entries: historyOf(
        member,
        branchName,
        accepted,
        approver?.name ?? '支部书记',
        resident
          ? {
              since: resident.createdAt,
              communityName: names.get(resident.communityId) ?? '',
            }
          : undefined,
        { merges, moves, names },
      ),
    }
  },
})
