// The one clock every function reads. Time is Asia/Shanghai; a "month" is a Shanghai calendar month.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

export const ZONE = 'Asia/Shanghai'

/** Now, in Shanghai. The local emulator may set the time per invocation (x-now); production never does. */
export function now(): dayjs.Dayjs {
  const override = process.env.LX_EMULATOR === '1' ? process.env.LX_NOW : undefined
  return dayjs(override || undefined).tz(ZONE)
}

export function nowDate(): Date {
  return now().toDate()
}

/** `YYYY-MM` of an instant, in Shanghai. */
export function monthOf(at: Date | dayjs.Dayjs): string {
  return dayjs(at).tz(ZONE).format('YYYY-MM')
}

/** A month as people read it: `2026-04` → `2026年4月` (texts the server writes for people). */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-')
  return `${y}年${Number(m)}月`
}
