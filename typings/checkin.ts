// 党员报到: one check-in per member per Shanghai day, the month's calendar, and the branch's minimums.
import { z } from 'zod'
import { Id, MonthString } from './common'
import type { Minimums, RuleCounts } from './participation'

const Minimum = z.number().int('请填写整数').min(0, '最低要求不能为负数').max(31, '每月最多 31 次')

export const checkinInputs = {
  checkIn: z.object({}).strict(),
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

export type CheckinOutputs = {
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
}
