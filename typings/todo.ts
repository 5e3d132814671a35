// 待办: what waits for a branch secretary or 信息员, a community admin or a district admin, gathered for
// one page in one call.
import { z } from 'zod'

export const SECRETARY_TODO_KINDS = [
  'registrations',
  /** 组织关系接转 to release (leaving the branch) or accept (joining it). */
  'transfers',
  'messages',
  'appeals',
  'newsMediaReview',
  'appealMediaReview',
  'leaves',
  'cadence',
  'belowMinimum',
  /** Members who have not finished this month's 网上党校 items. */
  'studyDue',
  /** 党费 bases declared and waiting for the secretary's confirmation. */
  'duesDeclarations',
  /** From the 25th: members who have not paid this month's 党费. */
  'duesUnpaid',
  'staleBranches',
] as const
/** The 信息员's (a branch's information officer): the branch site's kinds, which the secretary also has. */
export const INFO_OFFICER_TODO_KINDS = [
  'messages',
  'staleBranches',
] as const satisfies readonly (typeof SECRETARY_TODO_KINDS)[number][]
/** What the branch's members owe (study, 党费): listed for the secretary to see, never counted as their 待办. */
export const MEMBERS_OWE_KINDS = ['studyDue', 'duesUnpaid'] as const satisfies readonly TodoKind[]
export const COMMUNITY_TODO_KINDS = [
  /** 组织关系接转 waiting at the community's branches that have no secretary. */
  'transfers',
  /** The community's branches without a secretary, for the admin to propose one. */
  'unstaffedBranches',
  'wishReviews',
  'overdueClaims',
  /** Wishes fulfilled over 7 days ago the resident has not confirmed (电话回访后代为确认). */
  'unconfirmedWishes',
  'serviceConfirmations',
  'overdueReports',
  'appeals',
  'newsMediaReview',
  'appealMediaReview',
  'wishMediaReview',
  'sessionMediaReview',
  /** 网上党校 items of the community's branches whose images wait for a person (interact.reviewMedia). */
  'studyMediaReview',
  'branchCadence',
  'staleBranches',
] as const
/** The district's (区委组织部): unstaffed branches and communities, quiet sites, appeals the communities let
 * run over time, lagging 三会一课, and last month while it is not settled. */
export const DISTRICT_TODO_KINDS = [
  'unstaffed',
  'staleBranches',
  'overdueAppeals',
  'branchCadence',
  /** 网上党校 items pushed to every branch whose images wait for a person. */
  'studyMediaReview',
  'unsettled',
] as const
export type TodoKind =
  | (typeof SECRETARY_TODO_KINDS)[number]
  | (typeof COMMUNITY_TODO_KINDS)[number]
  | (typeof DISTRICT_TODO_KINDS)[number]

export type TodoItem = {
  /** Unique within its section. */
  id: string
  /** What the page opens for it: a session id for a leave request, a wish id, a branch id… */
  ref: string
  title: string
  note: string
  overdue: boolean
}

export type TodoSection = {
  kind: TodoKind
  /** How many wait; when `capped`, at least this many (the page shows `99+`). */
  count: number
  /** The caller's own to act on, so counted in `total`; false for what members owe (MEMBERS_OWE_KINDS). */
  own: boolean
  capped: boolean
  overdueCount: number
  /** The first few, most urgent first. */
  items: TodoItem[]
}

export const todoInputs = {
  secretary: z.object({}).strict(),
  community: z.object({}).strict(),
  infoOfficer: z.object({}).strict(),
  district: z.object({}).strict(),
}

export type TodoOutputs = {
  secretary: {
    branchId: string
    branchName: string
    month: string
    /** The secretary's own open actions (the 首页 badge): members below the minimums count once, as one
     * 一键提醒 until it is pressed today; what members owe (MEMBERS_OWE_KINDS) does not count. */
    total: number
    /** Members below this month's minimums, and how many of them were reminded today (一键提醒). */
    belowMinimum: { below: number; remindedToday: number }
    /** Always every kind, in SECRETARY_TODO_KINDS order; belowMinimum holds one summary line. */
    sections: TodoSection[]
  }
  community: {
    communityId: string
    communityName: string
    total: number
    /** Always every kind, in COMMUNITY_TODO_KINDS order. */
    sections: TodoSection[]
  }
  infoOfficer: {
    branchId: string
    branchName: string
    /** Days without news before the branch's site is 长期未更新 (the district's setting). */
    staleAfterDays: number
    total: number
    /** Always every kind, in INFO_OFFICER_TODO_KINDS order. */
    sections: TodoSection[]
  }
  district: {
    districtId: string
    districtName: string
    /** Days without news before a branch is 长期未更新 (the district's setting). */
    staleAfterDays: number
    total: number
    /** Always every kind, in DISTRICT_TODO_KINDS order. */
    sections: TodoSection[]
  }
}
