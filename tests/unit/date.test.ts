// The one date module of the mini-program (miniprogram/utils/date.ts). Instants are built from local parts, so
// the answers hold in whatever zone the test runs (pages show the phone's zone).
import {
  formatDay,
  formatWhen,
  periodLabel,
  instantOf,
  monthCells,
  monthLabel,
  pickerParts,
  shiftMonth,
  thisMonthKey,
  todayKey,
} from '../../miniprogram/utils/date'

/** The instant at a local wall-clock time. */
const at = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(y, m - 1, d, h, min).toISOString()

describe('keys and picker values, never shown', () => {
  test("today and this month as calendar keys, zero-padded, in the phone's zone", () => {
    expect(todayKey(new Date(2024, 2, 8, 23, 59))).toBe('2024-03-08')
    expect(thisMonthKey(new Date(2024, 2, 8, 23, 59))).toBe('2024-03')
  })

  test('what is not an instant reads as nothing', () => {
    for (const format of [formatDay, formatWhen]) expect(format('not a date')).toBe('')
  })

  test('picker values go back to the instant the server expects, on Beijing time', () => {
    expect(pickerParts(at(2026, 7, 1, 8, 5))).toEqual({ date: '2026-07-01', time: '08:05' })
    expect(instantOf('2026-07-01', '08:05')).toBe('2026-07-01T08:05:00+08:00')
  })
})

describe('calendar', () => {
  test('November 2026 starts on a Sunday: six blanks, then 30 days, Monday first', () => {
    const cells = monthCells('2026-11', ['2026-11-02', '2026-11-30'], '2026-11-30')
    expect(cells.filter((c) => c.day === 0)).toHaveLength(6)
    expect(cells.filter((c) => c.day > 0)).toHaveLength(30)
    expect(cells.filter((c) => c.checked).map((c) => c.day)).toEqual([2, 30])
    expect(cells.find((c) => c.today)?.date).toBe('2026-11-30')
  })

  test('February of a leap year has 29 days', () => {
    expect(monthCells('2028-02', [], '').filter((c) => c.day > 0)).toHaveLength(29)
  })

  test('months shift across years and read in Chinese', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(monthLabel('2026-03')).toBe('2026年3月')
  })
})

describe('the one formatter: days, instants and periods as people say them', () => {
  const now = new Date(2026, 10, 28, 10, 0)

  test('near days are words, this year drops the year, other years keep it', () => {
    expect(formatDay(at(2026, 11, 28, 23, 59), now)).toBe('今天')
    expect(formatDay(at(2026, 11, 27, 0, 1), now)).toBe('昨天')
    expect(formatDay(at(2026, 11, 29, 8, 0), now)).toBe('明天')
    expect(formatDay(at(2026, 3, 8, 12, 0), now)).toBe('3月8日')
    expect(formatDay(at(2025, 12, 31, 18, 0), now)).toBe('2025年12月31日')
  })

  test('a calendar day reads as that day in any zone', () => {
    expect(formatDay('2026-11-28', now)).toBe('今天')
    expect(formatDay('2026-03-01', now)).toBe('3月1日')
    expect(formatDay('not a day', now)).toBe('')
  })

  test('an instant is its day and clock', () => {
    expect(formatWhen(at(2026, 11, 28, 9, 5), now)).toBe('今天 09:05')
    expect(formatWhen(at(2026, 11, 27, 18, 0), now)).toBe('昨天 18:00')
    expect(formatWhen(at(2026, 3, 8, 19, 30), now)).toBe('3月8日 19:30')
    expect(formatWhen(at(2024, 1, 2, 7, 0), now)).toBe('2024年1月2日 07:00')
  })

  test('month and quarter codes', () => {
    expect(periodLabel('2026-11')).toBe('2026年11月')
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度')
    expect(periodLabel('2026-Q1')).toBe('2026年第一季度')
  })
})
