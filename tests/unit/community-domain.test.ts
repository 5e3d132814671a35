import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import {
  averageRating,
  editsReport,
  needsReport,
  reportDueAt,
  reportState,
  serviceHeld,
  signupIdOf,
  signupOpen,
} from '../../cloudfunctions/community/src/domain'

dayjs.extend(utc)
dayjs.extend(timezone)
const sh = (iso: string) => dayjs(iso).tz('Asia/Shanghai')

describe('the half-year report cycle', () => {
  const reported = sh('2026-12-01T10:00:00+08:00')
  const due = reportDueAt(reported)

  test('a report is due again six calendar months later, in Shanghai', () => {
    expect(due.toISOString()).toBe('2027-06-01T02:00:00.000Z')
    expect(reportDueAt(sh('2026-08-31T09:00:00+08:00')).toISOString()).toBe(
      '2027-02-28T01:00:00.000Z',
    )
  })

  test('current, then due soon in the last 30 days, then overdue from the due instant', () => {
    expect(reportState(due, sh('2027-05-01T09:00:00+08:00'))).toBe('current')
    expect(reportState(due, sh('2027-05-03T10:00:00+08:00'))).toBe('dueSoon')
    expect(reportState(due, sh('2027-06-01T09:59:59+08:00'))).toBe('dueSoon')
    expect(reportState(due, sh('2027-06-01T10:00:00+08:00'))).toBe('overdue')
    expect(reportState(null, reported)).toBe('none')
  })

  test('the never-reported and the overdue must report; due soon need not yet', () => {
    expect(needsReport('none')).toBe(true)
    expect(needsReport('overdue')).toBe(true)
    expect(needsReport('dueSoon')).toBe(false)
    expect(needsReport('current')).toBe(false)
  })
})

test('reporting to the same community while the report is in force edits it; due soon or elsewhere renews', () => {
  const current = {
    communityId: 'community-jiangsu',
    dueAt: reportDueAt(sh('2026-12-01T10:00:00+08:00')),
  }
  expect(editsReport(current, 'community-jiangsu', sh('2027-04-30T10:00:00+08:00'))).toBe(true)
  expect(editsReport(current, 'community-jiangsu', sh('2027-05-15T10:00:00+08:00'))).toBe(false)
  expect(editsReport(current, 'community-xinhua', sh('2027-01-15T10:00:00+08:00'))).toBe(false)
  expect(editsReport(null, 'community-jiangsu', sh('2027-01-15T10:00:00+08:00'))).toBe(false)
})

describe('service days (Shanghai)', () => {
  test('sign-up stays open through the service day and closes at midnight Shanghai', () => {
    expect(signupOpen('2026-12-05', sh('2026-12-05T23:59:00+08:00'))).toBe(true)
    // 2026-12-05T16:30Z is already 12-06 00:30 in Shanghai.
    expect(signupOpen('2026-12-05', dayjs('2026-12-05T16:30:00Z'))).toBe(false)
  })

  test('hours are confirmed from the service day on', () => {
    expect(serviceHeld('2026-12-05', sh('2026-12-04T23:00:00+08:00'))).toBe(false)
    expect(serviceHeld('2026-12-05', sh('2026-12-05T08:00:00+08:00'))).toBe(true)
  })
})

test('one sign-up id per member and service', () => {
  expect(signupIdOf('s1', 'm1')).toBe('s1_m1')
})

test('average rating to one decimal, none without cards', () => {
  expect(averageRating([5, 4, 4])).toBe(4.3)
  expect(averageRating([])).toBeNull()
})
