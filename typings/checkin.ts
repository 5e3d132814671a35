// 党员报到: one check-in per member per Shanghai day, the month's calendar, and the branch's minimums.
import { z } from 'zod'
import { Id, MonthString } from './common'
import type { SessionType } from './orglife'
import type { Minimums, RuleCounts } from './participation'

const Minimum = z.number().int('请填写整数').min(0, '最低要求不能为负数').max(31, '每月最多 31 次')

export const checkinInputs = {
  checkIn: z.object({}).strict(),
  /** A member's 首页: what this month still asks of them, in one call. */
  today: z.object({}).strict(),
  myMonth: z.object({ month: MonthString.optional() }).strict(),
  branchMonth: z.object({ branchId: Id.optional(), month: MonthString.optional() }).strict(),
  settings: z.object({ branchId: Id.optional() }).strict(),
  updateSettings: z
    .object({
      // Study is optional: a page that sets only 报到 and 留言 leaves the study minimum as it was.
      minimums: z
        .object({ checkin: Minimum, comment: Minimum, study: Minimum.optional() })
        .strict(),
    })
    .strict(),
  /** The secretary's members below this month's minimums, the furthest short first. */
  belowMinimum: z.object({}).strict(),
  /** 一键提醒: a subscription message to each member below the minimums, at most one a day each. */
  remindBelow: z.object({}).strict(),
}

export type BelowMinimumMember = {
  id: string
  name: string
  /** `还差 报到 2 次 · 留言 5 条`. */
  missing: string
  remindedToday: boolean
}

export type Progress = {
  /** Counted units per rule this month. */
  counts: RuleCounts
  minimums: Minimums
  /** Still missing towards each minimum (0 when met or disabled). */
  shortfall: Minimums
  metAll: boolean
  /** One row per minimum, labelled, for the page's progress bars. */
  items: { rule: keyof Minimums; label: string; count: number; minimum: number; missing: number }[]
}

/** A session of the member's branch open now, and whether they have signed in. */
export type OpenSession = {
  id: string
  type: SessionType
  topic: string
  closesAt: string
  signedIn: boolean
}

/** A 微心愿 the member claimed and has not fulfilled yet; due CLAIM_DAYS after the claim. */
export type ClaimedWish = { id: string; title: string; dueAt: string; overdue: boolean }

export type CheckinOutputs = {
  today: {
    today: string
    month: string
    checkedInToday: boolean
    progress: Progress
    /** The branch's sessions opening this month (not cancelled), by the member's part in each: signed in, on
     * approved leave, missed (closed without either), and still ahead (not closed, neither yet). */
    orglife: { attended: number; excused: number; missed: number; ahead: number; total: number }
    /** This month's required 网上党校 items (the secretary's 待办 rule): done, required, the first still to do. */
    study: { done: number; required: number; nextItemId: string | null }
    /** This month's 党费 as the dues rules decide it (amountFen when owed); null when the month owes nothing. */
    dues: { state: 'paid' | 'owed' | 'unconfirmed' | 'undeclared'; amountFen: number } | null
    /** Soonest closing first. */
    openSessions: OpenSession[]
    /** Soonest due first. */
    claimedWishes: ClaimedWish[]
  }
  checkIn: {
    day: string
    /** True when today's check-in already existed; nothing was counted again. */
    already: boolean
    monthCount: number
    progress: Progress
  }
  myMonth: {
    month: string
    today: string
    checkedInDays: string[]
    score: number
    progress: Progress
    /** The caller is this branch's secretary (the page offers the branch's month view). */
    isSecretary: boolean
  }
  branchMonth: {
    branchId: string
    branchName: string
    month: string
    minimums: Minimums
    /** Below-minimum members first, then by score. */
    members: {
      id: string
      name: string
      score: number
      counts: RuleCounts
      shortfall: Minimums
      metAll: boolean
    }[]
    belowCount: number
  }
  settings: { branchId: string; minimums: Minimums }
  updateSettings: { branchId: string; minimums: Minimums }
  belowMinimum: {
    branchId: string
    branchName: string
    month: string
    minimums: Minimums
    members: BelowMinimumMember[]
    remindedToday: number
  }
  remindBelow: {
    below: number
    /** Reminded by this press (each member's day claimed once, whoever pressed). */
    reminded: number
    /** Of those, the messages WeChat took (a member who has not subscribed gets none). */
    delivered: number
    /** Already reminded earlier today. */
    already: number
  }
}
