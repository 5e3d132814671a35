// A month's calendar grid from `YYYY-MM`, by calendar arithmetic alone (no time zone can shift a day).

export type CalendarCell = {
  key: string
  day: number
  date: string
  checked: boolean
  today: boolean
}

/** Cells Monday-first; leading blanks have day 0. */
export function monthCells(month: string, checkedDays: string[], today: string): CalendarCell[] {
  const [year, mon] = month.split('-').map(Number)
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate()
  const lead = (new Date(Date.UTC(year, mon - 1, 1)).getUTCDay() + 6) % 7
  const checked = new Set(checkedDays)
  const cells: CalendarCell[] = []
  for (let i = 0; i < lead; i++)
    cells.push({ key: `b${i}`, day: 0, date: '', checked: false, today: false })
  for (let d = 1; d <= days; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`
    cells.push({ key: date, day: d, date, checked: checked.has(date), today: date === today })
  }
  return cells
}

/** The month before or after `YYYY-MM`. */
export function shiftMonth(month: string, by: number): string {
  const [year, mon] = month.split('-').map(Number)
  const d = new Date(Date.UTC(year, mon - 1 + by, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** `2026-11` → `2026年11月`. */
export function monthLabel(month: string): string {
  const [year, mon] = month.split('-')
  return `${year}年${Number(mon)}月`
}
