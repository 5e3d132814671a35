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

/** An instant, or a calendar day `YYYY-MM-DD` taken as that day's local midnight (no zone shifts it). */
function whenOf(value: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return day ? new Date(+day[1], +day[2] - 1, +day[3]) : dateOf(value)
}

/** Calendar days from `now`'s day to `d`'s day. */
function daysFrom(d: Date, now: Date): number {
  const midnight = (x: Date) => Date.UTC(x.getFullYear(), x.getMonth(), x.getDate())
  return Math.round((midnight(d) - midnight(now)) / 86_400_000)
}

const NEAR_DAYS: Record<number, string> = { [-1]: '昨天', 0: '今天', 1: '明天' }

/**
 * The one way a day reads in the app: 今天 / 昨天 / 明天, `3月8日` this year, `2025年12月31日` otherwise.
 * Takes an instant or a calendar day.
 */
export function formatDay(value: string, now: Date = new Date()): string {
  const d = whenOf(value)
  if (!d) return ''
  const near = NEAR_DAYS[daysFrom(d, now)]
  if (near) return near
  const day = `${d.getMonth() + 1}月${d.getDate()}日`
  return d.getFullYear() === now.getFullYear() ? day : `${d.getFullYear()}年${day}`
}

/** The one way an instant reads: its day as formatDay says it, then `HH:mm` (今天 09:30, 3月8日 19:30). */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const d = dateOf(iso)
  return d ? `${formatDay(iso, now)} ${clockOf(d)}` : ''
}

const QUARTERS = ['一', '二', '三', '四']

/** A period code as people read it: `2026-11` → 2026年11月, `2026-Q3` → 2026年第三季度. */
export function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period)
  return quarter ? `${quarter[1]}年第${QUARTERS[+quarter[2] - 1]}季度` : monthLabel(period)
}

/** Today as a calendar day `YYYY-MM-DD`: for comparing and for pickers, never shown. */
export const todayKey = (now: Date = new Date()): string => dayOf(now)

/** This month `YYYY-MM`: for pickers and calls, never shown (periodLabel shows it). */
export const thisMonthKey = (now: Date = new Date()): string => dayOf(now).slice(0, 7)

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

/** `2026-11` → `2026年11月`; given `now`, a month of now's year reads `11月` (as formatDay drops it). */
export function monthLabel(month: string, now?: Date): string {
  const [year, mon] = month.split('-')
  return now && Number(year) === now.getFullYear()
    ? `${Number(mon)}月`
    : `${year}年${Number(mon)}月`
}
