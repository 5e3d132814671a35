// 组织生活 rules more than one function reads: a session's phase and the 三会一课 cadence (orglife runs the
// sessions; todo gathers what is overdue). Times are instants; months and quarters are Shanghai calendar periods.
import dayjs from 'dayjs'
import type {
  CadenceItem,
  CadenceState,
  LeaveStatus,
  MySessionState,
  SessionPhase,
  SessionType,
} from '../../typings/orglife'
import { ZONE } from './clock'

export type Window = {
  status: 'scheduled' | 'closed' | 'cancelled'
  opensAt: Date
  closesAt: Date
}

/** A session past its closes-at is closed for every action, whether or not anyone has closed it yet. */
export function phaseOf(s: Window, now: Date): SessionPhase {
  if (s.status === 'cancelled') return 'cancelled'
  if (s.status === 'closed' || now.getTime() >= s.closesAt.getTime()) return 'closed'
  return now.getTime() < s.opensAt.getTime() ? 'upcoming' : 'open'
}

/** A member's mark on a session: signed in, and the leave they asked for. */
export type MemberMark = { attendedAt: Date | null; leave: { status: LeaveStatus } | null } | null

/**
 * A member's part in a session, as its frozen record counts it (attended, on approved leave, else absent once
 * closed); before it closes, what is still open to them. The 组织生活 list and 首页's month read it alike.
 */
export function myStateOf(phase: SessionPhase, mark: MemberMark): MySessionState {
  if (mark?.attendedAt) return 'attended'
  if (mark?.leave?.status === 'approved') return 'excused'
  if (phase === 'closed') return 'absent'
  if (mark?.leave?.status === 'pending') return 'leavePending'
  return phase === 'open' ? 'notSignedIn' : 'upcoming'
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
