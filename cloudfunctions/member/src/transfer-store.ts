// What the transfer and leaving actions share: who sees a transfer, who acts for a branch, a step taken as a
// conditional update (two officers acting at once: one wins), and moving a member's month to a new branch.
import type { Officer } from '../../../typings/transfer'
import {
  type Caller,
  isCommunityAdminOf,
  isDistrictAdmin,
  isSecretaryOf,
} from '../../_shared/caller'
import { BRANCH_OFFICES, branchOffices } from '../../_shared/branch-offices'
import { getDb } from '../../_shared/cloud'
import { monthOf, nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { count, findVisible, rows, updatedCount } from '../../_shared/db'
import { conflict, denied } from '../../_shared/errors'
import { closeMemberMonths, openMemberMonths } from '../../_shared/month-counters'
import { notify, noticeTime } from '../../_shared/notify'
import type { MemberDoc } from '../../_shared/records'
import { nextMonth } from '../../_shared/participation'
import { type LifecycleMember, type TransferDoc, type TransferEvent, nextState } from './transfer'

export const transfers = () => getDb().collection(COLLECTIONS.transfers)

/** The caller as the officer named on a step. */
export const officerOf = (caller: Caller): Officer => ({
  id: caller.member?._id ?? caller.openid,
  name: caller.member?.name ?? '管理员',
})

/** Whether the caller oversees a branch: its secretary, its community's admin, a district admin. */
export const oversees = (
  caller: Caller,
  branch: { branchId: string; communityId: string | null },
) =>
  isSecretaryOf(caller, branch.branchId) ||
  isCommunityAdminOf(caller, branch.communityId) ||
  isDistrictAdmin(caller)

/** A transfer its member and both branches' officers may see; to anyone else it does not exist. */
export const visibleTransfer = (caller: Caller, id: string) =>
  findVisible<TransferDoc>(
    COLLECTIONS.transfers,
    id,
    '该转接申请',
    (t) => caller.member?._id === t.memberId || oversees(caller, t.from) || oversees(caller, t.to),
  )

/**
 * The caller acts for a branch at a step concerning `memberId` (their transfer, their leaving): its secretary;
 * its community's admin or a district admin only when the branch has no other secretary (else CONFLICT: the
 * secretary does it). Nobody acts on their own: a secretary's own step falls to the admins above.
 */
export async function assertActsFor(
  caller: Caller,
  branch: { branchId: string; communityId: string | null },
  memberId: string,
) {
  if (caller.member?._id === memberId) throw denied('不能为自己办理，请由上级组织办理')
  if (isSecretaryOf(caller, branch.branchId)) return
  if (!isCommunityAdminOf(caller, branch.communityId) && !isDistrictAdmin(caller))
    throw denied('只有该支部书记可以办理')
  const _ = getDb().command
  const secretaries = await count(
    getDb()
      .collection(COLLECTIONS.members)
      .where({
        branchId: branch.branchId,
        status: 'active',
        roles: 'secretary',
        _id: _.neq(memberId),
      }),
  )
  if (secretaries) throw conflict('该支部有书记，请由支部书记办理')
}

/** Takes a step if the transfer is still where `t` found it: of two officers acting at once, one wins. */
export async function step(
  t: TransferDoc,
  event: TransferEvent,
  data: Partial<TransferDoc>,
): Promise<TransferDoc> {
  const state = nextState(t.state, event)
  if (!state) throw conflict('该转接申请已办理，请刷新后查看')
  const now = nowDate()
  const closes = state !== 'released'
  const changes = { ...data, state, updatedAt: now, ...(closes ? { closedAt: now } : {}) }
  const moved = await updatedCount(
    transfers().where({ _id: t._id, state: t.state }).update({ data: changes }),
  )
  if (!moved) throw conflict('该转接申请已被他人办理，请刷新后查看')
  return { ...t, ...changes }
}

/**
 * Moves an accepted transfer's member to the branch they join (only from the branch they leave, while active
 * and this transfer is theirs), and moves their month: their counter there is closed (its points stay with that
 * branch) and one is opened in the new branch. Their offices in the branch they left (支部书记, 信息员) end:
 * they arrive as a member, and the transfer records what they held for their history. Run holding the lease of
 * the branch they leave (withBranchLeases), so an appointment there cannot land on them as they go.
 */
export async function moveMember(t: TransferDoc): Promise<boolean> {
  const db = getDb()
  const _ = db.command
  const leaving = {
    _id: t.memberId,
    status: 'active',
    branchId: t.from.branchId,
    transferId: t._id,
  }
  const [member] = await rows<Pick<MemberDoc, '_id' | 'roles'>>(
    db.collection(COLLECTIONS.members).where(leaving).field({ roles: true }).limit(1),
  )
  if (!member) return false
  const officesLeft = branchOffices(member.roles)
  if (officesLeft.length) await transfers().doc(t._id).update({ data: { officesLeft } })
  const moved = await updatedCount(
    db
      .collection(COLLECTIONS.members)
      .where(leaving)
      .update({
        data: {
          branchId: t.to.branchId,
          communityId: t.to.communityId,
          roles: _.pullAll(BRANCH_OFFICES),
          updatedAt: nowDate(),
        },
      }),
  )
  if (!moved) return false
  const month = monthOf(nowDate())
  await openMemberMonths(
    { _id: t.memberId, name: t.name, branchId: t.to.branchId, communityId: t.to.communityId },
    [month, nextMonth(month)],
  )
  await closeMemberMonths(t.memberId, month, t.from.branchId)
  return true
}

const STEP_RESULTS = { released: '同意转出', accepted: '已接收', refused: '未通过' } as const

/** Tells the member a step was taken on their transfer (审核结果通知); a failure to send changes nothing. */
export async function tellMember(t: TransferDoc, result: keyof typeof STEP_RESULTS) {
  if (!t.openid) return
  const note =
    result === 'refused'
      ? (t.refused?.reason ?? '')
      : result === 'released'
        ? `等待${t.to.branchName}接收`
        : `已转入${t.to.branchName}`
  await notify('memberReviewed', t.openid, 'member/transfer/index', {
    result: STEP_RESULTS[result],
    item: '组织关系接转',
    note,
    at: noticeTime(nowDate()),
  })
}

/** A member leaves the register: from active in their branch only, with the kind, reason and officer. */
export async function markMemberLeft(
  member: LifecycleMember & { branchId: string },
  leaving: Pick<LifecycleMember, 'leftKind' | 'leftReason' | 'leftBy'>,
) {
  const now = nowDate()
  const db = getDb()
  const left = await updatedCount(
    db
      .collection(COLLECTIONS.members)
      .where({ _id: member._id, status: 'active', branchId: member.branchId })
      .update({ data: { status: 'left', leftAt: now, ...leaving, updatedAt: now } }),
  )
  if (!left) throw conflict('该党员的状态已变化，请刷新后再试')
  // A transfer in flight ends with them; their counters leave the rankings and minimums from now on.
  if (member.transferId)
    await transfers()
      .where({ _id: member.transferId, state: db.command.in(['requested', 'released']) })
      .update({ data: { state: 'cancelled', updatedAt: now, closedAt: now } })
  await closeMemberMonths(member._id, monthOf(now))
}
