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
import { ROLE_LABELS, type Role } from '../../../typings/member'
import type { MemberDoc, MergeLog, MoveLog } from '../../_shared/records'

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
  /** The branch offices (支部书记, 信息员) the member held in the branch left, ended by the move. */
  officesLeft?: Role[]
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

/** The merges and moves of branches member.history reads (org_changes). */
export type BranchChanges = {
  /** Merges that moved this member (their id is in the log). */
  merges: Pick<
    MergeLog,
    'at' | 'fromBranchId' | 'intoBranchId' | 'by' | 'offices' | 'secretaryKept'
  >[]
  /** Moves of any branch the member was ever in; movesOf keeps those made while they were in it. */
  moves: Pick<MoveLog, 'at' | 'branchId' | 'fromCommunityId' | 'toCommunityId' | 'by'>[]
  /** Names of the branches and communities they name. */
  names: ReadonlyMap<string, string>
}

type BranchStep = { at: number; from: string; to: string; fromName: string }

/** When the member changed branch (accepted transfers, merges), oldest first. */
function stepsOf(
  accepted: TransferDoc[],
  merges: BranchChanges['merges'],
  name: (id: string) => string = () => '',
): BranchStep[] {
  return [
    ...accepted.map((t) => ({
      at: +new Date(t.accepted!.at),
      from: t.from.branchId,
      to: t.to.branchId,
      fromName: t.from.branchName,
    })),
    ...merges.map((m) => ({
      at: +new Date(m.at),
      from: m.fromBranchId,
      to: m.intoBranchId,
      fromName: name(m.fromBranchId),
    })),
  ].sort((a, b) => a.at - b.at)
}

/** The branch ids a member has been in: those a move of which may have moved them. */
export const branchesOf = (
  member: Pick<MemberDoc, 'branchId'>,
  accepted: TransferDoc[],
  merges: BranchChanges['merges'],
) => [
  ...new Set(
    [member.branchId, ...stepsOf(accepted, merges).flatMap((s) => [s.from, s.to])].filter(
      (id): id is string => !!id,
    ),
  ),
]

/** The moves of their branch made while the member was in it (from registering until leaving). */
export function movesOf(
  member: LifecycleMember,
  accepted: TransferDoc[],
  { merges, moves }: Pick<BranchChanges, 'merges' | 'moves'>,
): BranchChanges['moves'] {
  const steps = stepsOf(accepted, merges)
  const branchAt = (t: number) => steps.find((s) => s.at > t)?.from ?? member.branchId
  const since = +new Date(member.createdAt)
  const until = member.leftAt ? +new Date(member.leftAt) : Infinity
  return moves.filter((m) => {
    const t = +new Date(m.at)
    return t >= since && t < until && branchAt(t) === m.branchId
  })
}

/** The offices a member held in the branch they left and what became of them, for their history. */
export const officeNote = (held: readonly Role[] | undefined, after: string) =>
  held?.length ? { office: `原任${held.map((r) => ROLE_LABELS[r]).join('、')}，${after}` } : {}

/** What a merge did to the offices `memberId` held in the branch merged (recorded with the merge). */
function mergeOffice(m: BranchChanges['merges'][number], memberId: string) {
  const held = m.offices?.find((o) => o.memberId === memberId)?.roles
  return officeNote(held, m.secretaryKept === memberId ? '合并后任本支部书记' : '合并后为普通党员')
}

/**
 * A member's history, oldest first: joining (the branch they were in when approved; and where they were a
 * resident before, if they were), each accepted transfer, each merge or move of their branch that moved them
 * (with who decided it; a transfer or merge with the branch offices it ended or carried on), and leaving.
 */
export function historyOf(
  member: LifecycleMember,
  branchName: string,
  accepted: TransferDoc[],
  approverName: string,
  resident?: { since: Date; communityName: string },
  changes: BranchChanges = { merges: [], moves: [], names: new Map() },
): HistoryEntry[] {
  if (member.status !== 'active' && member.status !== 'left') return []
  const moves = [...accepted].sort((a, b) => +new Date(a.accepted!.at) - +new Date(b.accepted!.at))
  const name = (id: string) => changes.names.get(id) ?? ''
  const joinedAt = member.approvedAt ?? member.createdAt
  // The branch they joined: the one the first change after joining took them from.
  const firstAfter = stepsOf(accepted, changes.merges, name).find((s) => s.at > +new Date(joinedAt))
  const entries: HistoryEntry[] = [
    {
      kind: 'joined' as const,
      at: iso(joinedAt),
      branchName: firstAfter?.fromName ?? branchName,
      by: approverName,
      ...(resident
        ? { resident: { communityName: resident.communityName, since: iso(resident.since) } }
        : {}),
    },
    ...moves.map((t): HistoryEntry => ({
      kind: 'transferred',
      at: iso(t.accepted!.at),
      fromBranchName: t.from.branchName,
      branchName: t.to.branchName,
      releasedBy: t.released?.name ?? '',
      by: t.accepted!.name,
      ...officeNote(t.officesLeft, '不随组织关系转接'),
    })),
    ...changes.merges.map((m): HistoryEntry => ({
      kind: 'merged',
      at: iso(m.at),
      fromBranchName: name(m.fromBranchId),
      branchName: name(m.intoBranchId),
      by: m.by.name,
      ...mergeOffice(m, member._id),
    })),
    ...movesOf(member, accepted, changes).map((m): HistoryEntry => ({
      kind: 'moved',
      at: iso(m.at),
      branchName: name(m.branchId),
      fromCommunityName: name(m.fromCommunityId),
      communityName: name(m.toCommunityId),
      by: m.by.name,
    })),
  ].sort((a, b) => +new Date(a.at) - +new Date(b.at))
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
