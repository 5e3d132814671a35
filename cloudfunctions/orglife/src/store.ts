// Stored shapes of 组织生活, the scope check every session action starts with, and the views pages receive.
import type {
  LeaveStatus,
  Materials,
  MaterialsView,
  SessionSummary,
  SessionType,
  SessionWithMaterials,
  Statement,
} from '../../../typings/orglife'
import { activeMember, isSecretaryOf, type Caller } from '../../_shared/caller'
import { nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { findVisible } from '../../_shared/db'
import { denied } from '../../_shared/errors'
import {
  type MediaState,
  awaitsReview,
  mayReviewInCommunity,
  visibleImages,
} from '../../_shared/media'
import type { MemberDoc } from '../../_shared/records'
import { phaseOf } from '../../_shared/orglife-rules'

export type SessionDoc = {
  _id: string
  branchId: string
  communityId: string | null
  type: SessionType
  topic: string
  materials: Materials
  /** WeChat's check of the materials' images (_shared/media.ts); the frozen record's images follow it too. */
  media?: MediaState
  opensAt: Date
  closesAt: Date
  /** `scheduled` until someone (the secretary, the timer, a lazy reader) freezes the record. */
  status: 'scheduled' | 'closed' | 'cancelled'
  minutes: string | null
  /** Minutes appended after the record froze (orglife.addAddendum); absent until the first. */
  addenda?: AddendumDoc[]
  createdBy: string
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
  /** Subscription messages: when the opening notice went out; when the closing reminder is due / went out. */
  notifiedOpenAt: Date | null
  remindAt: Date | null
  remindedAt: Date | null
}

/** `id` is the page's draft id, so a retried send appends once. */
export type AddendumDoc = { id: string; text: string; at: Date; by: string; memberId: string }

/** One per member and session: created by attending or by asking for leave. */
export type AttendanceDoc = {
  _id: string
  sessionId: string
  branchId: string
  memberId: string
  name: string
  attendedAt: Date | null
  leave: {
    reason: string
    status: LeaveStatus
    requestedAt: Date
    decidedAt: Date | null
    decidedBy: string | null
  } | null
}

export type StatementDoc = {
  _id: string
  sessionId: string
  branchId: string
  memberId: string
  name: string
  text: string
  /** The member's k-th statement in this session. */
  k: number
  createdAt: Date
}

type Person = { memberId: string; name: string }

/** A 提醒未签到 sent: inserted once per session and member (reminderIdFor), before the message goes. */
export type ReminderDoc = {
  _id: string
  sessionId: string
  memberId: string
  at: Date
  by: string
}

/** Written once, with a deterministic id, when the session closes; nothing updates it afterwards. */
export type RecordDoc = {
  _id: string
  sessionId: string
  branchId: string
  branchName: string
  type: SessionType
  topic: string
  materials: Materials
  opensAt: Date
  closesAt: Date
  closedAt: Date
  closedBy: 'secretary' | 'auto'
  statements: Statement[]
  attended: Person[]
  onLeave: (Person & { reason: string })[]
  absent: Person[]
}

export type SessionAccess = {
  me: MemberDoc
  session: SessionDoc
  isSecretary: boolean
  /**
   * Oversees the session's branch from above: the community's admin or a district admin. They read the
   * session and its record, and decide its materials' images WeChat was unsure of.
   */
  isReviewer: boolean
  /** A member of the session's branch; otherwise an overseer, who reads and never takes part. */
  inBranch: boolean
  now: Date
}

/**
 * Loads a session the caller may see: members of its branch, and with `toRead` (reading, never taking part)
 * those who oversee it. Anyone else is answered as for a missing id (findVisible): session ids are
 * guessable, and a refusal would tell when another branch meets.
 */
export async function sessionFor(
  caller: Caller,
  sessionId: string,
  { toRead = false } = {},
): Promise<SessionAccess> {
  const me = activeMember(caller)
  const session = await findVisible<SessionDoc>(
    COLLECTIONS.orglifeSessions,
    sessionId,
    '该组织生活',
    (s) => s.branchId === me.branchId || mayReviewInCommunity(caller, s.communityId),
  )
  const inBranch = session.branchId === me.branchId
  if (!inBranch && !toRead) throw denied('只能参加本支部的组织生活')
  return {
    me,
    session,
    isSecretary: isSecretaryOf(caller, session.branchId),
    isReviewer: mayReviewInCommunity(caller, session.communityId),
    inBranch,
    now: nowDate(),
  }
}

/** The secretary of the session's branch, or PERMISSION_DENIED. */
export async function sessionForSecretary(caller: Caller, sessionId: string) {
  const access = await sessionFor(caller, sessionId)
  if (!access.isSecretary) throw denied('只有本支部书记可以进行此操作')
  return access
}

export const summaryOf = (s: SessionDoc, now: Date): SessionSummary => ({
  id: s._id,
  type: s.type,
  topic: s.topic,
  opensAt: s.opensAt.toISOString(),
  closesAt: s.closesAt.toISOString(),
  phase: phaseOf(s, now),
})

/**
 * The materials as a viewer sees them: images once WeChat's check passed, while it is pending to the branch
 * secretary, who stores them, and to a reviewer once they await a person.
 */
export const materialsView = (
  materials: Materials,
  media: MediaState | undefined,
  { isSecretary, isReviewer }: Pick<SessionAccess, 'isSecretary' | 'isReviewer'>,
): MaterialsView => ({
  materials: {
    ...materials,
    images: visibleImages(materials.images, media, { author: isSecretary, reviewer: isReviewer }),
  },
  mediaStatus: media?.status ?? 'none',
  awaitingReview: isReviewer && awaitsReview(media),
})

/** The session and its materials as the caller sees them; all a reviewer from outside the branch gets. */
export const withMaterials = (access: SessionAccess): SessionWithMaterials => ({
  ...summaryOf(access.session, access.now),
  ...materialsView(access.session.materials, access.session.media, access),
})

export const statementOf = (s: StatementDoc): Statement => ({
  id: s._id,
  memberId: s.memberId,
  name: s.name,
  text: s.text,
  at: s.createdAt.toISOString(),
})
