// 组织生活 rules as plain functions: the session window, schedules, the speaking cap, attendance tallies and
// the 三会一课 cadence. Times are instants; months and quarters are Shanghai calendar periods.
import dayjs from 'dayjs'
import type {
  CadenceItem,
  CadenceState,
  LeaveStatus,
  SessionPhase,
  SessionType,
} from '../../../typings/orglife'
import { PARTICIPATION_RULES } from '../../../typings/participation'
import { ZONE } from '../../_shared/clock'

export type Window = {
  status: 'scheduled' | 'closed' | 'cancelled'
  opensAt: Date
  closesAt: Date
}

const DAY_MS = 24 * 3600 * 1000
export const MAX_SESSION_DAYS = 30

/** A session past its closes-at is closed for every action, whether or not anyone has closed it yet. */
export function phaseOf(s: Window, now: Date): SessionPhase {
  if (s.status === 'cancelled') return 'cancelled'
  if (s.status === 'closed' || now.getTime() >= s.closesAt.getTime()) return 'closed'
  return now.getTime() < s.opensAt.getTime() ? 'upcoming' : 'open'
}

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

/** 三会一课: 支委会 and 党小组会 every month, 支部党员大会 and 党课 every quarter. */
export const CADENCE: { type: SessionType; period: 'month' | 'quarter' }[] = [
  { type: 'committee', period: 'month' },
  { type: 'groupMeeting', period: 'month' },
  { type: 'branchAssembly', period: 'quarter' },
  { type: 'partyLecture', period: 'quarter' },
]

export type Period = { label: string; start: Date; end: Date }

/** The Shanghai month or quarter holding `at`, `offset` periods away (-1: the previous one). */
export function periodOf(at: Date, kind: 'month' | 'quarter', offset = 0): Period {
  const local = dayjs(at).tz(ZONE)
  const months = kind === 'month' ? 1 : 3
  const firstMonth = kind === 'month' ? local.month() : Math.floor(local.month() / 3) * 3
  const start = local
    .startOf('month')
    .month(firstMonth)
    .add(offset * months, 'month')
  const end = start.add(months, 'month')
  const label =
    kind === 'month'
      ? start.format('YYYY-MM')
      : `${start.format('YYYY')}-Q${Math.floor(start.month() / 3) + 1}`
  return { label, start: start.toDate(), end: end.toDate() }
}

/** The earliest instant cadence looks at: the start of the previous quarter (which covers the previous month). */
export const cadenceSince = (now: Date) => periodOf(now, 'quarter', -1).start

export type CadenceSession = Window & { type: SessionType }

const within = (s: CadenceSession, p: Period) =>
  s.opensAt.getTime() >= p.start.getTime() && s.opensAt.getTime() < p.end.getTime()

/** A branch's 三会一课 this period and whether the previous period went without; sessions count where they open. */
export function cadenceOf(sessions: CadenceSession[], now: Date): CadenceItem[] {
  return CADENCE.map(({ type, period }) => {
    const held = sessions.filter((s) => s.type === type && s.status !== 'cancelled')
    const current = periodOf(now, period)
    const previous = periodOf(now, period, -1)
    const phases = held.filter((s) => within(s, current)).map((s) => phaseOf(s, now))
    const state: CadenceState = phases.includes('closed')
      ? 'held'
      : phases.length
        ? 'scheduled'
        : 'due'
    return {
      type,
      period,
      periodLabel: current.label,
      state,
      overdue: !held.some((s) => within(s, previous)),
      previousLabel: previous.label,
    }
  })
}
