// What the checkin actions share: the caller's own branch and a member's counter of a month.
import type { RuleCounts } from '../../../typings/participation'
import { type Caller, activeMember } from '../../_shared/caller'
import { denied } from '../../_shared/errors'
import { counterIn } from '../../_shared/month-counters'
import type { MemberDoc } from '../../_shared/records'

export type MemberMonth = { memberId: string; score: number; counts: RuleCounts }

export function ownBranch(caller: Caller): MemberDoc & { branchId: string } {
  const member = activeMember(caller)
  if (!member.branchId) throw denied('您不属于任何支部')
  return { ...member, branchId: member.branchId }
}

/** The caller's own records to read: an active member's, or those of a member who left (in their last branch). */
export function ownRecords(caller: Caller): MemberDoc & { branchId: string } {
  const member = caller.member
  if (member?.status === 'left' && member.branchId) return { ...member, branchId: member.branchId }
  return ownBranch(caller)
}

/** A member's counter of a month in their branch (a member who moved that month has one per branch). */
export const counterOf = (month: string, member: { _id: string; branchId: string }) =>
  counterIn<MemberMonth & { _id: string }>(month, member._id, member.branchId)
