// Dates and times as people read them, and the month calendar. Instants are shown in the phone's own zone
// (Asia/Shanghai for our users); months and calendar days are plain calendar arithmetic, which no zone shifts.

const pad = (n: number) => String(n).padStart(2, '0')

/** The instant as a Date, or null when `iso` is not one. */
function dateOf(iso: string): Date | null {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? null : d
}

const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
const clockOf = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`

/** `2024-03-08`. */
export function formatDate(iso: string): string {
  const d = dateOf(iso)
  return d ? dayOf(d) : ''
}

/** `05-04 09:30` this year, `2025-12-31 18:00` otherwise: when a post, comment or appeal was written. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = dateOf(iso)
  if (!d) return ''
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clockOf(d)}`
  return d.getFullYear() === now.getFullYear() ? day : `${d.getFullYear()}-${day}`
}

/** `3月8日 19:30`: when a meeting opens, a wish moved. */
export function formatDayTime(iso: string): string {
  const d = dateOf(iso)
  return d ? `${d.getMonth() + 1}月${d.getDate()}日 ${clockOf(d)}` : ''
}

/** The picker values (`YYYY-MM-DD`, `HH:mm`) of an instant. */
export function pickerParts(iso: string): { date: string; time: string } {
  const d = new Date(iso)
  return { date: dayOf(d), time: clockOf(d) }
}

/** Picker values as the instant the server expects; branches meet on Beijing time. */
export const instantOf = (date: string, time: string) => `${date}T${time}:00+08:00`

export type CalendarCell = {
  key: string
  day: number
  date: string
  checked: boolean
  today: boolean
}

/** The grid of `YYYY-MM`, Monday first; leading blanks have day 0. */
export function monthCells(month: string, checkedDays: string[], today: string): CalendarCell[] {
  const [year, mon] = month.split('-').map(Number)
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate()
  const lead = (new Date(Date.UTC(year, mon - 1, 1)).getUTCDay() + 6) % 7
  const checked = new Set(checkedDays)
  const cells: CalendarCell[] = []
  for (let i = 0; i < lead; i++)
    cells.push({ key: `b${i}`, day: 0, date: '', checked: false, today: false })
  for (let d = 1; d <= days; d++) {
    const date = `${month}-${pad(d)}`
    cells.push({ key: date, day: d, date, checked: checked.has(date), today: date === today })
  }
  return cells
}

/** The month before or after `YYYY-MM`. */
export function shiftMonth(month: string, by: number): string {
  const [year, mon] = month.split('-').map(Number)
  const d = new Date(Date.UTC(year, mon - 1 + by, 1))
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`
}

/** `2026-11` → `2026年11月`. */
export function monthLabel(month: string): string {
  const [year, mon] = month.split('-')
  return `${year}年${Number(mon)}月`
}
