// 在职党员社区报到: members report to the community where they live, take its service posts, and the
// community confirms the hours served with a feedback card (服务信息反馈卡).
import { z } from 'zod'
import { CalendarDay, Id, MonthString, text } from './common'

export const WILLINGNESS = ['便民服务', '爱心帮扶', '文体艺术'] as const
export type Willingness = (typeof WILLINGNESS)[number]
export const SERVICE_KINDS = ['公益岗位', '志愿活动'] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]

/** none: never reported; current; dueSoon: within 30 days of the half-year; overdue. */
export type ReportState = 'none' | 'current' | 'dueSoon' | 'overdue'

export const communityInputs = {
  report: z
    .object({
      /** The community where the member lives, not necessarily their branch's. */
      communityId: Id,
      area: text({ label: '小区或网格', min: 2, max: 40 }),
      skills: text({ label: '特长爱好', max: 100 }).default(''),
      willingness: z
        .array(z.enum(WILLINGNESS))
        .min(1, '请至少选择一项服务意愿')
        .max(WILLINGNESS.length),
    })
    .strict(),
  postService: z
    .object({
      title: text({ label: '标题', min: 2, max: 40 }),
      description: text({ label: '说明', max: 300 }).default(''),
      kind: z.enum(SERVICE_KINDS, { error: '请选择岗位或活动' }),
      category: z.enum(WILLINGNESS, { error: '请选择服务类别' }),
      date: CalendarDay,
      time: text({ label: '时间', max: 30 }).default(''),
      place: text({ label: '地点', min: 2, max: 60 }),
      slots: z.number().int().min(1, '名额至少 1 个').max(200, '名额最多 200 个'),
    })
    .strict(),
  services: z
    .object({
      /** Defaults to the community the caller reported to (a community admin: theirs). */
      communityId: Id.optional(),
      /** upcoming: today and later; past: before today, newest first (for confirmation). */
      when: z.enum(['upcoming', 'past']).default('upcoming'),
    })
    .strict(),
  signup: z.object({ serviceId: Id }).strict(),
  withdraw: z.object({ serviceId: Id }).strict(),
  confirmService: z
    .object({
      serviceId: Id,
      cards: z
        .array(
          z
            .object({
              memberId: Id,
              hours: z
                .number()
                .min(0.5, '服务时长至少 0.5 小时')
                .max(12, '服务时长最多 12 小时')
                .multipleOf(0.5, '服务时长以半小时计'),
              rating: z.number().int().min(1, '请打 1 到 5 分').max(5, '请打 1 到 5 分'),
              comment: text({ label: '评语', max: 100 }).default(''),
            })
            .strict(),
        )
        .min(1, '请至少填写一张反馈卡')
        .max(200),
    })
    .strict(),
  myRecord: z.object({}).strict(),
  roster: z.object({ month: MonthString.optional() }).strict(),
  overdue: z.object({}).strict(),
}

export type ReportView = {
  communityId: string
  communityName: string
  area: string
  skills: string
  willingness: Willingness[]
  reportedAt: string
  dueAt: string
  state: ReportState
}

export type SignupStatus = 'signed' | 'confirmed'

export type ServicePost = {
  id: string
  communityId: string
  title: string
  description: string
  kind: ServiceKind
  category: Willingness
  date: string
  time: string
  place: string
  slots: number
  signedUp: number
  /** The caller's own sign-up, if any. */
  mine: SignupStatus | null
  /** Only for the community admin: who signed up. */
  signups?: { memberId: string; name: string; status: SignupStatus; hours: number | null }[]
}

export type ServiceRecord = {
  serviceId: string
  title: string
  date: string
  place: string
  status: SignupStatus
  hours: number | null
  /** The feedback card, once the community confirmed the service. */
  rating: number | null
  comment: string | null
}

export type OverdueMember = {
  memberId: string
  name: string
  branchId: string | null
  state: ReportState
  dueAt: string | null
}

export type CommunityOutputs = {
  report: { report: ReportView }
  postService: { service: ServicePost }
  services: { communityId: string; services: ServicePost[] }
  signup: { service: ServicePost }
  withdraw: { service: ServicePost }
  confirmService: {
    serviceId: string
    confirmed: { memberId: string; hours: number; counted: boolean }[]
    /** Members whose card was already confirmed earlier; nothing changed for them. */
    already: string[]
  }
  myRecord: {
    report: ReportView | null
    history: { reportedAt: string; communityName: string; area: string }[]
    services: ServiceRecord[]
    totalHours: number
  }
  roster: {
    communityId: string
    month: string
    members: {
      memberId: string
      name: string
      area: string
      willingness: Willingness[]
      state: ReportState
      hours: number
      services: number
      /** Average feedback-card rating this month, one decimal; null without cards. */
      rating: number | null
    }[]
  }
  overdue: { scope: 'branch' | 'community'; scopeId: string; members: OverdueMember[] }
}
