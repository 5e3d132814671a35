// What the checkin actions share: the caller's own branch and a member's counter of a month.
import type { RuleCounts } from '../../../typings/participation'
import { type Caller, activeMember } from '../../_shared/caller'
import { COLLECTIONS } from '../../_shared/collections'
import { findById } from '../../_shared/db'
import { denied } from '../../_shared/errors'
import { memberMonthId } from '../../_shared/participation'
import type { MemberDoc } from '../../_shared/records'

export type MemberMonth = { memberId: string; score: number; counts: RuleCounts }

export function ownBranch(caller: Caller): MemberDoc & { branchId: string } {
  const member = activeMember(caller)
  if (!member.branchId) throw denied('您不属于任何支部')
  return { ...member, branchId: member.branchId }
}

export const counterOf = (month: string, memberId: string) =>
  findById<MemberMonth>(COLLECTIONS.memberMonths, memberMonthId(month, memberId))
