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

const ServiceFields = z.object({
  title: text({ label: '标题', min: 2, max: 40 }),
  description: text({ label: '说明', max: 300 }).default(''),
  kind: z.enum(SERVICE_KINDS, { error: '请选择岗位或活动' }),
  category: z.enum(WILLINGNESS, { error: '请选择服务类别' }),
  date: CalendarDay,
  time: text({ label: '时间', max: 30 }).default(''),
  place: text({ label: '地点', min: 2, max: 60 }),
  slots: z.number().int().min(1, '名额至少 1 个').max(200, '名额最多 200 个'),
})

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
      /** Moving home: the member confirms that the report to another community ends (CONFLICT without). */
      move: z.boolean().optional(),
    })
    .strict(),
  postService: ServiceFields.strict(),
  /** The whole post as it should read; only while it may change (postChangeRefusal). */
  editService: ServiceFields.extend({ serviceId: Id }).strict(),
  /** The post stays, marked cancelled; members who signed up are told. */
  cancelService: z
    .object({ serviceId: Id, reason: text({ label: '取消原因', min: 2, max: 60 }) })
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
  roster: z
    .object({
      month: MonthString.optional(),
      /** halfYear: hours over the half-year (Jan–Jun or Jul–Dec) that holds `month`, as reports run. */
      period: z.enum(['month', 'halfYear']).default('month'),
    })
    .strict(),
  overdue: z.object({}).strict(),
  /** A subscription message asking a member whose report is due or overdue to report again. */
  remindReport: z.object({ memberId: Id }).strict(),
  /** A branch's members' reports and feedback cards over the half-year that holds `month`, for its officers. */
  branchRecord: z.object({ branchId: Id.optional(), month: MonthString.optional() }).strict(),
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
  /** Cancelled by the community: it stays listed, and nobody may sign up, withdraw or be confirmed. */
  cancelled: boolean
  cancelReason: string | null
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
  /** The community cancelled the service. */
  cancelled: boolean
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
  /** Community scope only: when the community last sent a reminder (community.remindReport). */
  remindedAt?: string | null
}

export type CommunityOutputs = {
  report: {
    report: ReportView
    /** The community whose report this one ended (the member moved home), else null. */
    movedFrom: { communityId: string; communityName: string } | null
    /** Sign-ups for services still ahead in other communities, withdrawn (their slots given back). */
    withdrawn: { serviceId: string; title: string; date: string }[]
  }
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
    /** Newest first; `endedAt`: when the member reported to another community (moved home). */
    history: { reportedAt: string; communityName: string; area: string; endedAt: string | null }[]
    services: ServiceRecord[]
    totalHours: number
  }
  roster: {
    communityId: string
    month: string
    /** The months whose confirmed hours are counted. */
    months: string[]
    members: {
      memberId: string
      name: string
      area: string
      skills: string
      willingness: Willingness[]
      state: ReportState
      hours: number
      services: number
      /** Average feedback-card rating over `months`, one decimal; null without cards. */
      rating: number | null
    }[]
  }
  overdue: { scope: 'branch' | 'community'; scopeId: string; members: OverdueMember[] }
  editService: { service: ServicePost }
  cancelService: { service: ServicePost; notified: number }
  remindReport: {
    memberId: string
    /** False when this member was reminded within REMIND_EVERY_DAYS: nothing was sent again. */
    sent: boolean
    /** WeChat took the message (false when the member has not subscribed to it). */
    delivered: boolean
    remindedAt: string
  }
  branchRecord: {
    branchId: string
    /** The months whose confirmed services are counted: the half-year holding the month asked for. */
    months: string[]
    /** One per active member of the branch. */
    members: {
      memberId: string
      /** As of now, wherever the member reported. */
      state: ReportState
      communityName: string | null
      hours: number
      services: number
      /** The latest feedback card of the half-year: its rating (1–5) and 评语 ('' is null). */
      rating: number | null
      comment: string | null
    }[]
  }
}
