// 组织生活 rules as plain functions: schedules, the speaking cap and attendance tallies. The session phase and
// the 三会一课 cadence live in _shared/orglife-rules.ts (the todo function reads them too).
import dayjs from 'dayjs'
import type { LeaveStatus, RollCall, SessionPhase, SessionType } from '../../../typings/orglife'
import { PARTICIPATION_RULES } from '../../../typings/participation'
import { ZONE } from '../../_shared/clock'

const DAY_MS = 24 * 3600 * 1000
export const MAX_SESSION_DAYS = 30

const REFUSALS: Record<Exclude<SessionPhase, 'open'>, string> = {
  upcoming: '会议尚未开始',
  closed: '会议已结束',
  cancelled: '会议已取消',
}

/** Why attending or speaking is refused in this phase, or null while the session is open. */
export function openRefusal(phase: SessionPhase): string | null {
  return phase === 'open' ? null : REFUSALS[phase]
}

/** Leave may be asked for (and decided) any time before the session closes. */
export function leaveRefusal(phase: SessionPhase): string | null {
  return phase === 'closed' || phase === 'cancelled' ? REFUSALS[phase] : null
}

/** Why a schedule is not acceptable, or null. */
export function scheduleProblem(opensAt: Date, closesAt: Date, now: Date): string | null {
  const length = closesAt.getTime() - opensAt.getTime()
  if (length <= 0) return '结束时间须晚于开始时间'
  if (closesAt.getTime() <= now.getTime()) return '结束时间须晚于现在'
  if (length > MAX_SESSION_DAYS * DAY_MS) return `一次组织生活最长 ${MAX_SESSION_DAYS} 天`
  if (opensAt.getTime() - now.getTime() > 365 * DAY_MS) return '开始时间最多提前一年安排'
  return null
}

/** The reminder goes one day before close, to sessions long enough for it to differ from the opening notice. */
export function remindAtFor(opensAt: Date, closesAt: Date): Date | null {
  return closesAt.getTime() - opensAt.getTime() > DAY_MS
    ? new Date(closesAt.getTime() - DAY_MS)
    : null
}

/** The k-th statement of a member in a session (1-based) counts in the ledger only up to the per-session cap. */
export function speakCounts(k: number): boolean {
  return k <= (PARTICIPATION_RULES.orglifeSpeak.perRefCap ?? Infinity)
}

/** A branch's session id: one per type and opening minute, so a repeated submission creates nothing new. */
export function sessionIdFor(branchId: string, type: SessionType, opensAt: Date): string {
  return `${branchId}_${type}_${dayjs(opensAt).tz(ZONE).format('YYYYMMDDHHmm')}`
}

export const recordIdFor = (sessionId: string) => `record_${sessionId}`
export const attendanceIdFor = (sessionId: string, memberId: string) => `${sessionId}_${memberId}`
/** One 提醒未签到 per member and session: the marker's id, inserted once. */
export const reminderIdFor = (sessionId: string, memberId: string) => `${sessionId}_${memberId}`
export const statementIdFor = (sessionId: string, memberId: string, k: number) =>
  `${sessionId}_${memberId}_${k}`

type Mark = { memberId: string; attendedAt: Date | null; leave: { status: LeaveStatus } | null }

/**
 * Splits the branch's active members into attended / on approved leave / absent. Marks of people who are no
 * longer active members do not count, so the three always add up to the active members.
 */
export function tallyAttendance<M extends { _id: string }, A extends Mark>(
  members: M[],
  marks: A[],
): { attended: M[]; onLeave: { member: M; mark: A }[]; absent: M[] } {
  const byMember = new Map(marks.map((m) => [m.memberId, m]))
  const out = { attended: [] as M[], onLeave: [] as { member: M; mark: A }[], absent: [] as M[] }
  for (const member of members) {
    const mark = byMember.get(member._id)
    if (mark?.attendedAt) out.attended.push(member)
    else if (mark?.leave?.status === 'approved') out.onLeave.push({ member, mark })
    else out.absent.push(member)
  }
  return out
}

/**
 * The secretary's roll call: who of the active members has not signed in (with their leave request, if any,
 * and whether they were reminded), and who is on approved leave.
 */
export function rollCall<A extends Mark>(
  members: { _id: string; name: string }[],
  marks: A[],
  reminded: ReadonlySet<string>,
): RollCall {
  const { onLeave, absent } = tallyAttendance(members, marks)
  const leaveOf = new Map(marks.map((m) => [m.memberId, m.leave?.status ?? null]))
  return {
    notSignedIn: absent.map((m) => {
      const leave = leaveOf.get(m._id)
      return {
        memberId: m._id,
        name: m.name,
        leave: leave === 'pending' || leave === 'refused' ? leave : null,
        reminded: reminded.has(m._id),
      }
    }),
    onLeave: onLeave.map(({ member }) => ({ memberId: member._id, name: member.name })),
  }
}

/** Who 提醒未签到 reaches: not signed in and not waiting on a leave request (the secretary decides that). */
export const toRemind = (roll: RollCall) =>
  roll.notSignedIn.filter((p) => p.leave !== 'pending' && !p.reminded)
