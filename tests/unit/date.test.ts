import { monthCells, monthLabel, shiftMonth } from '../../miniprogram/utils/date'

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
