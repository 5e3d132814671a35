// 组织关系接转 and the member lifecycle: a member's transfer between branches of the district (released by the
// branch they leave, accepted by the branch they join), leaving the register, and a member's history.
import { z } from 'zod'
import { Id, MonthString, text } from './common'

/** requested → released → accepted; refused or withdrawn on the way; cancelled when the member left meanwhile. */
export const TRANSFER_STATES = [
  'requested',
  'released',
  'accepted',
  'refused',
  'withdrawn',
  'cancelled',
] as const
export type TransferState = (typeof TRANSFER_STATES)[number]
export const TRANSFER_STATE_LABELS: Record<TransferState, string> = {
  requested: '待转出支部同意',
  released: '待接收支部接收',
  accepted: '已转入',
  refused: '未通过',
  withdrawn: '已撤回',
  cancelled: '已取消',
}

/** 党员身份 on the 介绍信. */
export const PARTY_STANDINGS = ['full', 'probationary'] as const
export type PartyStanding = (typeof PARTY_STANDINGS)[number]
export const PARTY_STANDING_LABELS: Record<PartyStanding, string> = {
  full: '正式党员',
  probationary: '预备党员',
}

/** Why a member left the district's register. */
export const LEAVE_KINDS = ['movedOut', 'suspended', 'expelled', 'deceased'] as const
export type LeaveKind = (typeof LEAVE_KINDS)[number]
export const LEAVE_KIND_LABELS: Record<LeaveKind, string> = {
  movedOut: '转出本区',
  suspended: '停止党籍',
  expelled: '出党',
  deceased: '去世',
}

export type TransferSide = { branchId: string; branchName: string; communityId: string }
export type Officer = { id: string; name: string }

/** A transfer as every page shows it: the 介绍信 fields and each step taken. */
export type Transfer = {
  id: string
  memberId: string
  /** 介绍信: 姓名, 党员身份, 党费交至. */
  name: string
  standing: PartyStanding
  /** PARTY_STANDING_LABELS and TRANSFER_STATE_LABELS, for the pages (the labels are values of the contract). */
  standingText: string
  duesPaidUntil: string
  reason: string
  from: TransferSide
  to: TransferSide
  state: TransferState
  stateText: string
  createdAt: string
  released: (Officer & { at: string }) | null
  accepted: (Officer & { at: string }) | null
  refused: (Officer & { at: string; reason: string }) | null
  closedAt: string | null
}

export type HistoryEntry =
  | {
      kind: 'joined'
      at: string
      branchName: string
      by: string
      /** A resident who became a member: their community and when they registered there (that side stays). */
      resident?: { communityName: string; since: string }
    }
  | {
      kind: 'transferred'
      at: string
      fromBranchName: string
      branchName: string
      releasedBy: string
      by: string
      /** The branch offices (支部书记, 信息员) they held in the branch left and what became of them. */
      office?: string
    }
  /** Their branch was merged into another (org.mergeBranches): they moved with it. */
  | {
      kind: 'merged'
      at: string
      fromBranchName: string
      branchName: string
      by: string
      office?: string
    }
  /** Their branch moved to another community (org.moveBranch). */
  | {
      kind: 'moved'
      at: string
      branchName: string
      fromCommunityName: string
      communityName: string
      by: string
    }
  | {
      kind: 'left'
      at: string
      branchName: string
      leaveKind: LeaveKind
      leaveKindText: string
      reason: string
      by: string
    }

const Reason = text({ label: '原因', min: 2, max: 100 })

export const transferInputs = {
  /** The caller asks to move to another branch of the district. */
  requestTransfer: z
    .object({
      toBranchId: Id,
      reason: Reason,
      standing: z.enum(PARTY_STANDINGS, '请选择党员身份'),
      duesPaidUntil: MonthString,
    })
    .strict(),
  withdrawTransfer: z.object({ transferId: Id }).strict(),
  /** The secretary of the branch the member leaves agrees (转出). */
  releaseTransfer: z.object({ transferId: Id }).strict(),
  /** The secretary of the branch the member joins takes them in (转入). */
  acceptTransfer: z.object({ transferId: Id }).strict(),
  /** Either side says no, with a reason. */
  refuseTransfer: z.object({ transferId: Id, reason: Reason }).strict(),
  /** The caller's own transfers, the one in flight first. */
  myTransfers: z.object({}).strict(),
  /** Transfers waiting for a branch's officers: to release (leaving it) and to accept (joining it). */
  transferQueue: z.object({ branchId: Id.optional() }).strict(),
  /** A member's branches, dates and who approved them. */
  history: z.object({ memberId: Id }).strict(),
  /** A secretary records that a member left the register (转出本区, 停止党籍…). */
  markLeft: z
    .object({
      memberId: Id,
      kind: z.enum(LEAVE_KINDS, '请选择离开的类型'),
      reason: Reason,
    })
    .strict(),
}

export type TransferOutputs = {
  requestTransfer: { transfer: Transfer }
  withdrawTransfer: { transfer: Transfer }
  releaseTransfer: { transfer: Transfer }
  acceptTransfer: { transfer: Transfer }
  refuseTransfer: { transfer: Transfer }
  myTransfers: { current: Transfer | null; past: Transfer[] }
  transferQueue: {
    branchId: string
    branchName: string
    toRelease: Transfer[]
    toAccept: Transfer[]
  }
  history: {
    memberId: string
    name: string
    status: 'pending' | 'active' | 'rejected' | 'left'
    branchName: string
    entries: HistoryEntry[]
  }
  markLeft: { memberId: string; status: 'left' }
}
