import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)

/** CloudBase timer triggers fire on Beijing time whatever the server's TZ. */
export const TRIGGER_ZONE = 'Asia/Shanghai'

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

interface Field {
  values: Set<number>
  any: boolean
}
export interface Cron {
  second: Field
  minute: Field
  hour: Field
  day: Field
  month: Field
  weekday: Field
  year: Field
}

function field(text: string, min: number, max: number, names: string[] = [], base = 0): Field {
  const values = new Set<number>()
  const num = (s: string): number => {
    const i = names.indexOf(s.toUpperCase())
    const n = i >= 0 ? i + base : Number(s)
    if (!Number.isInteger(n)) throw new Error(`bad cron value "${s}" in "${text}"`)
    return n
  }
  for (const part of text.split(',')) {
    const [rangeText, stepText] = part.split('/')
    const step = stepText ? Number(stepText) : 1
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step in "${text}"`)
    let lo = min
    let hi = max
    if (rangeText !== '*' && rangeText !== '?') {
      const [a, b] = rangeText.split('-')
      lo = num(a)
      hi = b !== undefined ? num(b) : stepText ? max : lo
    }
    if (lo < min || hi > max || lo > hi) throw new Error(`cron value out of range in "${text}"`)
    for (let v = lo; v <= hi; v += step) values.add(v)
  }
  return { values, any: text === '*' || text === '?' }
}

/** Parses CloudBase's 7-field cron: second minute hour day month weekday year. */
export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 7) throw new Error(`cron "${expr}" must have 7 fields`)
  const weekday = field(parts[5], 0, 7, DAYS)
  if (weekday.values.has(7)) weekday.values.add(0) // 7 is Sunday too
  return {
    second: field(parts[0], 0, 59),
    minute: field(parts[1], 0, 59),
    hour: field(parts[2], 0, 23),
    day: field(parts[3], 1, 31),
    month: field(parts[4], 1, 12, MONTHS, 1),
    weekday,
    year: field(parts[6], 1970, 2099),
  }
}

/** The first firing strictly after `from`, evaluated on the wall clock of TRIGGER_ZONE. */
export function nextRun(expr: string | Cron, from: Date): Date | null {
  const c = typeof expr === 'string' ? parseCron(expr) : expr
  const start = dayjs(Math.floor(from.getTime() / 1000) * 1000 + 1000).tz(TRIGGER_ZONE)
  // Walk a UTC Date whose fields are the zone's wall-clock fields.
  let wall = Date.UTC(
    start.year(),
    start.month(),
    start.date(),
    start.hour(),
    start.minute(),
    start.second(),
  )
  const dayOk = (d: number, wd: number) => {
    const byDay = c.day.values.has(d)
    const byWeekday = c.weekday.values.has(wd)
    if (c.day.any) return byWeekday
    if (c.weekday.any) return byDay
    return byDay || byWeekday // classic cron: both restricted means either
  }
  for (let i = 0; i < 200_000; i++) {
    const d = new Date(wall)
    const [Y, M, D, h, m] = [
      d.getUTCFullYear(),
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    ]
    if (Y > 2099) return null
    if (!c.year.values.has(Y)) wall = Date.UTC(Y + 1, 0, 1)
    else if (!c.month.values.has(M + 1)) wall = Date.UTC(Y, M + 1, 1)
    else if (!dayOk(D, d.getUTCDay())) wall = Date.UTC(Y, M, D + 1)
    else if (!c.hour.values.has(h)) wall = Date.UTC(Y, M, D, h + 1)
    else if (!c.minute.values.has(m)) wall = Date.UTC(Y, M, D, h, m + 1)
    else if (!c.second.values.has(d.getUTCSeconds())) wall += 1000
    else return dayjs.tz(dayjs.utc(wall).format('YYYY-MM-DDTHH:mm:ss'), TRIGGER_ZONE).toDate()
  }
  return null
}
