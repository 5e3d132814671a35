// The community admin's rules: when a service post may still change, when a member may be reminded to report
// again, which months a half-year roster counts, and the 待办 lines of services awaiting their 反馈卡.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import {
  REMIND_EVERY_DAYS,
  halfYearMonths,
  postChangeRefusal,
  remindable,
  remindedRecently,
} from '../../cloudfunctions/community/src/domain'
import { confirmationItems } from '../../cloudfunctions/todo/src/community-service'

dayjs.extend(utc)
dayjs.extend(timezone)
const sh = (iso: string) => dayjs(iso).tz('Asia/Shanghai')

describe('a service post may change', () => {
  const post = { date: '2026-12-05' }
  test('until its day is over, while nothing is confirmed and it is not cancelled', () => {
    expect(postChangeRefusal(post, 0, sh('2026-12-05T23:59:00+08:00'))).toBeNull()
    expect(postChangeRefusal(post, 0, sh('2026-12-06T00:00:00+08:00'))).toBe(
      '服务日期已过，不能再修改或取消',
    )
    expect(postChangeRefusal(post, 1, sh('2026-12-05T18:00:00+08:00'))).toBe(
      '已确认过服务时长，不能再修改或取消',
    )
    expect(
      postChangeRefusal({ ...post, cancelled: true }, 0, sh('2026-12-01T10:00:00+08:00')),
    ).toBe('该服务岗位已取消')
  })
})

describe('reminding a member to report again', () => {
  test('only a report due soon or overdue is reminded of', () => {
    expect([remindable('dueSoon'), remindable('overdue')]).toEqual([true, true])
    expect([remindable('current'), remindable('none')]).toEqual([false, false])
  })

  test(`at most once in ${REMIND_EVERY_DAYS} days`, () => {
    const last = sh('2027-05-15T10:00:00+08:00').valueOf()
    expect(remindedRecently(null, sh('2027-05-15T10:00:00+08:00'))).toBe(false)
    expect(remindedRecently(last, sh('2027-05-22T09:59:00+08:00'))).toBe(true)
    expect(remindedRecently(last, sh('2027-05-22T10:00:00+08:00'))).toBe(false)
  })
})

test('a half-year is January to June or July to December', () => {
  expect(halfYearMonths('2027-03')).toEqual([
    '2027-01',
    '2027-02',
    '2027-03',
    '2027-04',
    '2027-05',
    '2027-06',
  ])
  expect(halfYearMonths('2026-07')[0]).toBe('2026-07')
  expect(halfYearMonths('2026-12')[5]).toBe('2026-12')
})

test('services awaiting 反馈卡 are one line each, oldest first, overdue after a week', () => {
  // As the grouped count gives them: a row per service with its waiting sign-ups counted.
  const service = (id: string, date: string, n: number) => ({
    _id: id,
    title: `服务${id}`,
    date,
    n,
  })
  const items = confirmationItems(
    [service('b', '2026-12-05', 2), service('a', '2026-11-20', 1)],
    sh('2026-12-10T10:00:00+08:00'),
  )
  expect(items).toEqual([
    expect.objectContaining({ id: 'a', note: '11月20日 · 1 人待确认服务时长', overdue: true }),
    expect.objectContaining({ id: 'b', note: '12月5日 · 2 人待确认服务时长', overdue: false }),
  ])
})
