// A member's month on 首页, as plain functions over what the today action read: the branch's sessions and the
// member's marks on them, and the wishes they claimed.
import type dayjs from 'dayjs'
import type { CheckinOutputs, ClaimedWish, OpenSession } from '../../../typings/checkin'
import type { LeaveStatus, MySessionState, SessionType } from '../../../typings/orglife'
import { claimDueAt, isClaimOverdue } from '../../_shared/deadlines'
import { myStateOf, phaseOf } from '../../_shared/orglife-rules'

type Output = CheckinOutputs['today']

export type TodaySession = {
  _id: string
  type: SessionType
  topic: string
  opensAt: Date
  closesAt: Date
  status: 'scheduled' | 'closed' | 'cancelled'
}
export type TodayMark = {
  sessionId: string
  attendedAt: Date | null
  leave: { status: LeaveStatus } | null
}

/**
 * The month's sessions (opening in [start, end), not cancelled) tallied by the member's part in each (the
 * 组织生活 list's 我：… rule): signed in, excused, missed once closed without either, else still ahead; and the
 * sessions open now, whichever month they opened in, soonest closing first.
 */
export function orglifeOf(
  sessions: TodaySession[],
  marks: TodayMark[],
  window: { start: Date; end: Date },
  now: Date,
): Pick<Output, 'orglife' | 'openSessions'> {
  const markOf = new Map(marks.map((m) => [m.sessionId, m]))
  const signedIn = (s: TodaySession) => !!markOf.get(s._id)?.attendedAt
  const states = sessions
    .filter(
      (s) =>
        s.status !== 'cancelled' &&
        s.opensAt.getTime() >= window.start.getTime() &&
        s.opensAt.getTime() < window.end.getTime(),
    )
    .map((s) => myStateOf(phaseOf(s, now), markOf.get(s._id) ?? null))
  const count = (...of: MySessionState[]) => states.filter((st) => of.includes(st)).length
  const openSessions: OpenSession[] = sessions
    .filter((s) => phaseOf(s, now) === 'open')
    .sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime())
    .map((s) => ({
      id: s._id,
      type: s.type,
      topic: s.topic,
      closesAt: s.closesAt.toISOString(),
      signedIn: signedIn(s),
    }))
  return {
    orglife: {
      attended: count('attended'),
      excused: count('excused'),
      missed: count('absent'),
      ahead: count('leavePending', 'notSignedIn', 'upcoming'),
      total: states.length,
    },
    openSessions,
  }
}

/** Claimed wishes still to fulfil, soonest due first; overdue as the community's 待办 counts it. */
export function claimedWishesOf(
  wishes: { _id: string; title: string; claimedAt: Date | null }[],
  now: dayjs.Dayjs,
): ClaimedWish[] {
  return wishes
    .filter((w): w is typeof w & { claimedAt: Date } => !!w.claimedAt)
    .sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime())
    .map((w) => ({
      id: w._id,
      title: w.title,
      dueAt: claimDueAt(w.claimedAt).toISOString(),
      overdue: isClaimOverdue('已认领', w.claimedAt, now),
    }))
}
