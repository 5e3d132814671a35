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

/** Average rating to one decimal; null without ratings. */
export function averageRating(ratings: number[]): number | null {
  if (!ratings.length) return null
  return Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10
}
