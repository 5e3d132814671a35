// 网上组织生活: sessions with a time window, statements, attendance and leave, the frozen record, 三会一课 cadence.
import { z } from 'zod'
import { DraftId, FileId, Id, Instant, type MediaStatus, text } from './common'

/** 三会一课 (the first four), 主题党日, 组织生活会, 民主评议党员. */
export const SESSION_TYPES = [
  'branchAssembly',
  'committee',
  'groupMeeting',
  'partyLecture',
  'themeDay',
  'lifeMeeting',
  'evaluation',
] as const
export type SessionType = (typeof SESSION_TYPES)[number]
export const SESSION_TYPE_LABELS: Record<SessionType, string> = {
  branchAssembly: '支部党员大会',
  committee: '支委会',
  groupMeeting: '党小组会',
  partyLecture: '党课',
  themeDay: '主题党日',
  lifeMeeting: '组织生活会',
  evaluation: '民主评议党员',
}

/** `closed` also covers a session past its closes-at that nobody has closed yet. */
export type SessionPhase = 'upcoming' | 'open' | 'closed' | 'cancelled'

const Topic = text({ label: '主题', min: 2, max: 50 })
const MaterialsInput = z
  .object({
    text: text({ label: '学习材料', max: 5000 }).default(''),
    links: z
      .array(
        z
          .object({
            title: text({ label: '链接标题', min: 1, max: 50 }),
            url: z
              .string()
              .trim()
              .regex(/^https:\/\/\S+$/, '链接须以 https:// 开头'),
          })
          .strict(),
      )
      .max(10, '最多 10 个链接')
      .default([]),
    /** Cloud storage file ids of uploaded images. */
    images: z.array(FileId).max(9, '最多 9 张图片').default([]),
  })
  .strict()

const SessionRef = z.object({ sessionId: Id }).strict()

export const orglifeInputs = {
  createSession: z
    .object({
      type: z.enum(SESSION_TYPES, { error: '请选择组织生活类型' }),
      topic: Topic,
      materials: MaterialsInput.default({ text: '', links: [], images: [] }),
      opensAt: Instant,
      closesAt: Instant,
    })
    .strict(),
  /** Only before the session opens; omitted fields stay as they are. */
  updateSession: z
    .object({
      sessionId: Id,
      type: z.enum(SESSION_TYPES, { error: '请选择组织生活类型' }).optional(),
      topic: Topic.optional(),
      materials: MaterialsInput.optional(),
      opensAt: Instant.optional(),
      closesAt: Instant.optional(),
    })
    .strict(),
  cancelSession: SessionRef,
  /** The caller's branch, or one named that they oversee (its community's admin, a district admin). */
  listSessions: z.object({ branchId: Id.optional() }).strict(),
  sessionDetail: SessionRef,
  attend: SessionRef,
  speak: z
    .object({
      sessionId: Id,
      text: text({ label: '发言内容', min: 1, max: 1000 }),
    })
    .strict(),
  requestLeave: z
    .object({
      sessionId: Id,
      reason: text({ label: '请假原因', min: 2, max: 100 }),
    })
    .strict(),
  decideLeave: z.object({ sessionId: Id, memberId: Id, approve: z.boolean() }).strict(),
  closeSession: z
    .object({
      sessionId: Id,
      minutes: text({ label: '会议纪要', max: 5000 }).default(''),
    })
    .strict(),
  record: SessionRef,
  /** A subscription message to each member not signed in (approved leave excepted), once per session each. */
  remindNotSignedIn: SessionRef,
  /** Minutes added to a frozen record: appended under it with date and author, never an edit of the original. */
  addAddendum: z
    .object({
      sessionId: Id,
      draftId: DraftId,
      text: text({ label: '补充纪要', min: 2, max: 2000 }),
    })
    .strict(),
  cadence: z.object({}).strict(),
  /** A community admin's own community; the district admin names one. */
  communityCadence: z.object({ communityId: Id.optional() }).strict(),
}

export type Materials = { text: string; links: { title: string; url: string }[]; images: string[] }

export type SessionSummary = {
  id: string
  type: SessionType
  topic: string
  opensAt: string
  closesAt: string
  phase: SessionPhase
}

/**
 * The caller's own part in a session: signed in, on approved leave, absent (it closed without either),
 * waiting on their leave request, not signed in while it is open, or not opened yet.
 */
export type MySessionState =
  'attended' | 'excused' | 'absent' | 'leavePending' | 'notSignedIn' | 'upcoming'

/** A session in the branch's list, with the caller's own part in it (null to a reader from outside the branch). */
export type ListedSession = SessionSummary & { mine: MySessionState | null }

export type Statement = { id: string; memberId: string; name: string; text: string; at: string }

export type LeaveStatus = 'pending' | 'approved' | 'refused'
export type MyAttendance =
  | { mark: 'none' }
  | { mark: 'attended'; at: string }
  | { mark: 'leave'; status: LeaveStatus; reason: string }

export type LeaveRequest = {
  memberId: string
  name: string
  reason: string
  status: LeaveStatus
  requestedAt: string
}

export type Person = { memberId: string; name: string }

/** The secretary's roll call while a session is open: the branch's active members who have not signed in. */
export type RollCall = {
  /** Not signed in and not on approved leave; `leave` when they asked and were not (yet) approved. */
  notSignedIn: (Person & { leave: Exclude<LeaveStatus, 'approved'> | null; reminded: boolean })[]
  /** On approved leave, shown apart and never reminded. */
  onLeave: Person[]
}

/** Minutes a secretary appended to a frozen record. */
export type Addendum = { id: string; text: string; at: string; by: string }

/** The materials as the caller sees them; images as in SessionRecord. */
export type MaterialsView = Pick<SessionRecord, 'materials' | 'mediaStatus' | 'awaitingReview'>

/**
 * A session and its materials; all a reviewer from outside the branch reads while the images await their
 * decision, nothing of the meeting itself (statements, attendance, leave, minutes).
 */
export type SessionWithMaterials = SessionSummary & MaterialsView

export type SessionRecord = SessionSummary & {
  branchName: string
  /**
   * Images show once WeChat's image check passed; to the branch secretary also while it is pending, and to
   * whoever may decide them once they await a person's decision.
   */
  materials: Materials
  mediaStatus: MediaStatus
  /** WeChat was unsure of the images and the caller may decide them (interact.reviewMedia, 'sessionMaterials'). */
  awaitingReview: boolean
  closedAt: string
  closedBy: 'secretary' | 'auto'
  /** Added by the secretary when closing (or once afterwards when the session closed by itself). */
  minutes: string
  /** Added afterwards, oldest first; the minutes above never change. */
  addenda: Addendum[]
  statements: Statement[]
  attended: Person[]
  /** The reason only for the branch secretary and the member on leave (the privacy guide says so). */
  onLeave: (Person & { reason?: string })[]
  absent: Person[]
  /** attended + onLeave + absent = the branch's active members when the record was frozen. */
  counts: { attended: number; onLeave: number; absent: number; total: number }
}

/** held: one has closed this period; scheduled: one is planned or open; due: none yet. */
export type CadenceState = 'held' | 'scheduled' | 'due'
export type CadenceItem = {
  type: SessionType
  period: 'month' | 'quarter'
  /** `2026-03` or `2026-Q1` (Shanghai). */
  periodLabel: string
  state: CadenceState
  /** The previous month / quarter ended without one. */
  overdue: boolean
  previousLabel: string
}

export type OrglifeOutputs = {
  createSession: { session: SessionSummary }
  updateSession: { session: SessionSummary }
  cancelSession: { session: SessionSummary }
  listSessions: {
    branchName: string
    isSecretary: boolean
    open: ListedSession[]
    upcoming: ListedSession[]
    /** The most recent first. */
    closed: ListedSession[]
  }
  sessionDetail: {
    /** The caller belongs to the session's branch; otherwise they oversee it, and read without taking part. */
    inBranch: boolean
    session: SessionWithMaterials & { minutes: string }
    isSecretary: boolean
    /** In the order spoken; the latest 200. */
    statements: Statement[]
    mine: MyAttendance
    attendedCount: number
    /** The secretary's leave queue (empty for everyone else). */
    leaves: LeaveRequest[]
    /** The secretary's, while the session is open; null for everyone else. */
    roll: RollCall | null
  }
  attend: { already: boolean; counted: boolean }
  speak: { statement: Statement; counted: boolean }
  requestLeave: { status: LeaveStatus }
  decideLeave: { memberId: string; status: LeaveStatus }
  closeSession: { record: SessionRecord }
  /** Its branch's members and those who oversee it (inBranch false) read the record. */
  record: { inBranch: boolean; isSecretary: boolean; record: SessionRecord }
  /** reminded now; delivered: of those, the messages WeChat took (a member who has not turned on
   * notifications gets none); skipped: not signed in but reminded before, or waiting on their leave request. */
  remindNotSignedIn: { reminded: number; delivered: number; skipped: number }
  addAddendum: { record: SessionRecord }
  cadence: { branchId: string; branchName: string; items: CadenceItem[]; overdueCount: number }
  communityCadence: {
    communityId: string
    communityName: string
    /** Overdue branches first. */
    branches: { branchId: string; branchName: string; overdue: SessionType[]; due: SessionType[] }[]
  }
}
