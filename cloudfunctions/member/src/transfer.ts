// 组织关系接转 and leaving as plain functions: the transfer's state machine, who acts at which step, how a
// stored transfer is shown, and a member's history from their record and accepted transfers.
import type {
  HistoryEntry,
  LeaveKind,
  Officer,
  PartyStanding,
  Transfer,
  TransferSide,
  TransferState,
} from '../../../typings/transfer'
import {
  LEAVE_KIND_LABELS,
  PARTY_STANDING_LABELS,
  TRANSFER_STATE_LABELS,
} from '../../../typings/transfer'
import type { MemberDoc } from '../../_shared/records'

type Step = Officer & { at: Date }

export type TransferDoc = {
  _id: string
  memberId: string
  /** Whom each step is told (never in a reply). */
  openid?: string
  name: string
  standing: PartyStanding
  duesPaidUntil: string
  reason: string
  from: TransferSide
  to: TransferSide
  state: TransferState
  createdAt: Date
  updatedAt: Date
  released: Step | null
  accepted: Step | null
  refused: (Step & { reason: string }) | null
  /** When it stopped being pending (accepted, refused, withdrawn, cancelled). */
  closedAt: Date | null
}

/** What the member record holds about transfers and leaving, besides MemberDoc. */
export type Lifecycle = {
  /** The member's latest transfer; it is in flight while that transfer is pending. */
  transferId?: string
  approvedBy?: string
  leftAt?: Date
  leftKind?: LeaveKind
  leftReason?: string
  leftBy?: Officer
}
export type LifecycleMember = MemberDoc & Lifecycle

export type TransferEvent = 'release' | 'accept' | 'refuse' | 'withdraw' | 'cancel'

const MOVES: Record<TransferEvent, Partial<Record<TransferState, TransferState>>> = {
  release: { requested: 'released' },
  accept: { released: 'accepted' },
  refuse: { requested: 'refused', released: 'refused' },
  withdraw: { requested: 'withdrawn', released: 'withdrawn' },
  // The member left while it was pending, or just as it was accepted (the acceptance could not move them).
  cancel: { requested: 'cancelled', released: 'cancelled', accepted: 'cancelled' },
}

/** The state `event` leads to from `state`, or null when it does not apply there. */
export function nextState(state: TransferState, event: TransferEvent): TransferState | null {
  return MOVES[event][state] ?? null
}

export const isPending = (state: TransferState) => state === 'requested' || state === 'released'

/** The side whose officers act now: the branch being left until it releases, then the branch joined. */
export function actingSide(state: TransferState): 'from' | 'to' | null {
  if (state === 'requested') return 'from'
  if (state === 'released') return 'to'
  return null
}

/** Why a transfer cannot be requested (to `toBranchId`, dues paid until `duesPaidUntil`), or null. */
export function requestRefusal(
  fromBranchId: string,
  request: { toBranchId: string; duesPaidUntil: string },
  thisMonth: string,
): string | null {
  if (fromBranchId === request.toBranchId) return '不能转接到您现在所在的支部'
  if (request.duesPaidUntil > thisMonth) return '党费交至的月份不能晚于本月'
  return null
}

/** The id of a member's next transfer after `previous` (their latest, if any): `<memberId>-t<n>`, numbered. */
export function nextTransferId(memberId: string, previous: string | undefined): string {
  const n = Number(previous?.split('-t').pop() ?? 0)
  return `${memberId}-t${(Number.isInteger(n) ? n : 0) + 1}`
}

const iso = (d: Date | string) => new Date(d).toISOString()
const stepOf = <T extends Step>(s: T | null) => (s ? { ...s, at: iso(s.at) } : null)

export function toTransfer(t: TransferDoc): Transfer {
  return {
    id: t._id,
    memberId: t.memberId,
    name: t.name,
    standing: t.standing,
    standingText: PARTY_STANDING_LABELS[t.standing],
    duesPaidUntil: t.duesPaidUntil,
    reason: t.reason,
    from: t.from,
    to: t.to,
    state: t.state,
    stateText: TRANSFER_STATE_LABELS[t.state],
    createdAt: iso(t.createdAt),
    released: stepOf(t.released),
    accepted: stepOf(t.accepted),
    refused: stepOf(t.refused),
    closedAt: t.closedAt ? iso(t.closedAt) : null,
  }
}

/**
 * A member's history, oldest first: joining (their first branch: where the first accepted transfer came from,
 * else where they are; and where they were a resident before, if they were), each accepted transfer, and leaving.
 */
export function historyOf(
  member: LifecycleMember,
  branchName: string,
  accepted: TransferDoc[],
  approverName: string,
  resident?: { since: Date; communityName: string },
): HistoryEntry[] {
  const moves = [...accepted].sort((a, b) => +new Date(a.accepted!.at) - +new Date(b.accepted!.at))
  const entries: HistoryEntry[] = []
  if (member.status === 'active' || member.status === 'left') {
    entries.push({
      kind: 'joined',
      at: iso(member.approvedAt ?? member.createdAt),
      branchName: moves[0]?.from.branchName ?? branchName,
      by: approverName,
      ...(resident
        ? { resident: { communityName: resident.communityName, since: iso(resident.since) } }
        : {}),
    })
  }
  for (const t of moves)
    entries.push({
      kind: 'transferred',
      at: iso(t.accepted!.at),
      fromBranchName: t.from.branchName,
      branchName: t.to.branchName,
      releasedBy: t.released?.name ?? '',
      by: t.accepted!.name,
    })
  if (member.status === 'left' && member.leftAt && member.leftKind)
    entries.push({
      kind: 'left',
      at: iso(member.leftAt),
      branchName,
      leaveKind: member.leftKind,
      leaveKindText: LEAVE_KIND_LABELS[member.leftKind],
      reason: member.leftReason ?? '',
      by: member.leftBy?.name ?? '',
    })
  return entries
}
