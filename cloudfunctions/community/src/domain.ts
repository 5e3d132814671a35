// 在职党员社区报到 rules as plain functions: the half-year report cycle, when a service is open, ids.
import { createHash } from 'crypto'
import dayjs from 'dayjs'
import type { ReportState } from '../../../typings/community'
import { ZONE } from '../../_shared/clock'

/** A report holds for half a year; a member reports again before it lapses. */
export const REPORT_MONTHS = 6
/** Within this many days of lapsing a report shows as due soon. */
export const DUE_SOON_DAYS = 30

export function reportDueAt(reportedAt: dayjs.Dayjs): Date {
  return reportedAt.tz(ZONE).add(REPORT_MONTHS, 'month').toDate()
}

export function reportState(dueAt: Date | null, now: dayjs.Dayjs): ReportState {
  if (!dueAt) return 'none'
  const due = dayjs(dueAt)
  if (!now.isBefore(due)) return 'overdue'
  return now.add(DUE_SOON_DAYS, 'day').isBefore(due) ? 'current' : 'dueSoon'
}

/**
 * Reporting to the same community while the report is in force (not yet due soon) edits it: what it says
 * changes, not its half-year, and the history gets no new line (the page's 修改报到信息).
 */
export const editsReport = (
  current: { communityId: string; dueAt: Date } | null,
  communityId: string,
  now: dayjs.Dayjs,
): boolean =>
  !!current && current.communityId === communityId && reportState(current.dueAt, now) === 'current'

/** Reports lapsing before this instant are due soon or overdue (the community's reminder list). */
export const dueSoonUntil = (now: dayjs.Dayjs): Date => now.add(DUE_SOON_DAYS, 'day').toDate()

/** A member is reminded at most once in this many days, however often the admin taps 提醒. */
export const REMIND_EVERY_DAYS = 7

/** Only a report that is due soon or overdue is worth a reminder. */
export const remindable = (state: ReportState) => state === 'dueSoon' || state === 'overdue'

/** Whether a reminder went out less than REMIND_EVERY_DAYS ago (then none goes out again). */
export const remindedRecently = (lastMs: number | null, now: dayjs.Dayjs) =>
  lastMs !== null && now.valueOf() - lastMs < REMIND_EVERY_DAYS * 24 * 3600 * 1000

/**
 * Why a service post may not change (edit or cancel) now, or null: it was cancelled, its day is over, or the
 * community has begun confirming its hours (the ledger holds them on the post's day).
 */
export function postChangeRefusal(
  post: { date: string; cancelled?: boolean },
  confirmed: number,
  now: dayjs.Dayjs,
): string | null {
  if (post.cancelled) return '该服务岗位已取消'
  if (!signupOpen(post.date, now)) return '服务日期已过，不能再修改或取消'
  if (confirmed > 0) return '已确认过服务时长，不能再修改或取消'
  return null
}

/** Members whose report lapsed or who never reported, for the branch secretary and the community. */
export function needsReport(state: ReportState): boolean {
  return state === 'none' || state === 'overdue'
}

const today = (now: dayjs.Dayjs) => now.tz(ZONE).format('YYYY-MM-DD')

/** Sign-up and withdrawal stay open until the service's day is over (Shanghai). */
export function signupOpen(date: string, now: dayjs.Dayjs): boolean {
  return today(now) <= date
}

/** Hours are confirmed once the service's day has begun. */
export function serviceHeld(date: string, now: dayjs.Dayjs): boolean {
  return today(now) >= date
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24)

/** The same post submitted twice (same community, day and title) is one post. */
export const servicePostIdOf = (communityId: string, date: string, title: string) =>
  `s${digest(`${communityId}|${date}|${title}`)}`

/** One sign-up per member per service: a second tap is a duplicate id, never a second slot. */
export const signupIdOf = (serviceId: string, memberId: string) => `${serviceId}_${memberId}`

/** The months of the half-year (Jan–Jun or Jul–Dec) that holds `month` (`YYYY-MM`), in order. */
export function halfYearMonths(month: string): string[] {
  const [year, m] = month.split('-').map(Number)
  const first = m <= 6 ? 1 : 7
  return Array.from({ length: 6 }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`)
}

/** Average rating to one decimal; null without ratings. */
export function averageRating(ratings: number[]): number | null {
  if (!ratings.length) return null
  return Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10
}

/**
 * When each report of a member's history (oldest first) ended: at their next report to another community (they
 * moved home); null for reports that still hold where they are.
 */
export function reportEnds(history: { reportedAt: Date; communityId: string }[]): (Date | null)[] {
  return history.map(
    (h, i) =>
      history.slice(i + 1).find((later) => later.communityId !== h.communityId)?.reportedAt ?? null,
  )
}
