// The dues rule as plain functions (the dues function and the month's export read them): the bracket of an after-tax monthly income base, the amount in fen,
// which confirmed base is in effect in a month, and the months a member owes. Integers only.
import {
  DEFAULT_FIXED_FEN,
  type DuesBasis,
  type DuesMonth,
  type DuesMonthStatus,
} from '../../typings/dues'
import { nextMonth, previousMonth } from './participation'
import type { OrgDoc } from './records'

/**
 * 党费收缴规定's brackets over the after-tax monthly base (in fen), each bracket's upper bound inclusive:
 * 3000 元以下（含 3000 元）0.5%, 3000 以上至 5000 元（含）1%, 5000 以上至 10000 元（含）1.5%, 10000 元以上 2%.
 * Rates in per mille so the arithmetic stays in integers.
 */
export const DUES_BRACKETS: readonly { upToFen: number; perMille: number }[] = [
  { upToFen: 300_000, perMille: 5 },
  { upToFen: 500_000, perMille: 10 },
  { upToFen: 1_000_000, perMille: 15 },
  { upToFen: Number.MAX_SAFE_INTEGER, perMille: 20 },
]

export function perMilleOf(baseFen: number): number {
  return DUES_BRACKETS.find((b) => baseFen <= b.upToFen)!.perMille
}

/** The month's dues for a salaried base: base × rate, rounded half up to the fen (四舍五入到分). */
export function salaryDues(baseFen: number): number {
  return Math.floor((baseFen * perMilleOf(baseFen) + 500) / 1000)
}

/** The branch's monthly amount for members without salaried income. */
export const fixedFenOf = (branch: Pick<OrgDoc, 'duesFixedFen'>) =>
  branch.duesFixedFen ?? DEFAULT_FIXED_FEN

export function amountOf(basis: DuesBasis, fixedFen: number): number {
  return basis.kind === 'fixed' ? fixedFen : salaryDues(basis.baseFen ?? 0)
}

/** A confirmed base and the first month it applies to. */
export type ConfirmedBasis = DuesBasis & { from: string; confirmedAt: Date }

/**
 * The history after the secretary confirms `basis` in `month`: a member's first base applies from that month,
 * a change from the next month (this month stays as it was confirmed, paid or not). A second change in the
 * same month replaces the first change, never a month already in effect.
 */
export function confirmInto(
  history: readonly ConfirmedBasis[],
  basis: DuesBasis,
  month: string,
  at: Date,
): ConfirmedBasis[] {
  const from = history.length ? nextMonth(month) : month
  return [...history.filter((h) => h.from < from), { ...basis, from, confirmedAt: at }]
}

/** The confirmed base in effect in a month, or null before the first one. */
export function basisIn(history: readonly ConfirmedBasis[], month: string): ConfirmedBasis | null {
  let found: ConfirmedBasis | null = null
  for (const h of history) if (h.from <= month && (!found || h.from >= found.from)) found = h
  return found
}

/** One member's dues of a month: paid (what was paid), owed (what is due), or no base confirmed for it. */
export function monthDues(
  history: readonly ConfirmedBasis[],
  paidFen: number | undefined,
  fixedFen: number,
  month: string,
): { status: DuesMonthStatus | 'unconfirmed'; amountFen: number } {
  if (paidFen !== undefined) return { status: 'paid', amountFen: paidFen }
  const basis = basisIn(history, month)
  return basis
    ? { status: 'owed', amountFen: amountOf(basis, fixedFen) }
    : { status: 'unconfirmed', amountFen: 0 }
}

/** The months a member owes dues for, newest first: from their first confirmed base to `month`. */
export function monthsFrom(first: string, month: string, max = 120): string[] {
  const out: string[] = []
  for (let m = month; m >= first && out.length < max; m = previousMonth(m)) out.push(m)
  return out
}

/** A record of a month: its payment, or a correction of it (which nets into the month's amount). */
export type PaymentRow =
  | { kind: 'payment'; month: string; amountFen: number; paidAt: Date; onTime: boolean }
  | { kind: 'correction'; month: string; amountFen: number }

/** Each paid month's payment and what it nets with its corrections. */
export function paidMonths(rows: readonly PaymentRow[]) {
  const net = new Map<string, number>()
  for (const r of rows) net.set(r.month, (net.get(r.month) ?? 0) + r.amountFen)
  return new Map(
    rows.flatMap((r) =>
      r.kind === 'payment' ? [[r.month, { ...r, amountFen: net.get(r.month) ?? 0 }] as const] : [],
    ),
  )
}

/**
 * What a member's month asks of them, as the secretary's 待办 and the 25th's reminder decide it: paid, owed (an
 * amount above 0), a base waiting for the secretary, no base declared; null when the month owes nothing (0 元).
 */
export function monthToPay(
  profile: Pick<ProfileLike, 'declared' | 'history'> | null,
  paid: boolean,
  fixedFen: number,
  month: string,
):
  | { state: 'paid' | 'unconfirmed' | 'undeclared'; amountFen: 0 }
  | { state: 'owed'; amountFen: number }
  | null {
  if (paid) return { state: 'paid', amountFen: 0 }
  const due = monthDues(profile?.history ?? [], undefined, fixedFen, month)
  if (due.status === 'owed')
    return due.amountFen > 0 ? { state: 'owed', amountFen: due.amountFen } : null
  return { state: profile?.declared ? 'unconfirmed' : 'undeclared', amountFen: 0 }
}

/** A dues profile as the rule reads it (the dues function's ProfileDoc). */
type ProfileLike = { declared: (DuesBasis & { at: Date }) | null; history: ConfirmedBasis[] }

/** Each month owed since the first confirmed base, paid or not, newest first. */
export function duesMonths(
  history: readonly ConfirmedBasis[],
  payments: readonly PaymentRow[],
  fixedFen: number,
  month: string,
): DuesMonth[] {
  if (!history.length) return []
  const first = history.reduce((a, h) => (h.from < a ? h.from : a), history[0].from)
  const paid = paidMonths(payments)
  return monthsFrom(first, month).map((m) => {
    const p = paid.get(m)
    if (p)
      return {
        month: m,
        amountFen: p.amountFen,
        status: 'paid',
        paidAt: new Date(p.paidAt).toISOString(),
        onTime: p.onTime,
      }
    const basis = basisIn(history, m)
    return {
      month: m,
      amountFen: basis ? amountOf(basis, fixedFen) : 0,
      status: 'owed',
      paidAt: null,
      onTime: false,
    }
  })
}

/** 按时交纳: paid within the month it is for (or earlier). */
export const paidOnTime = (month: string, paidMonth: string) => paidMonth <= month

/** The one paid record of a member's month: its id is the natural key, so a second insert fails. */
export const paymentId = (memberId: string, month: string) => `dues_${memberId}_${month}`

/** WeChat Pay's out_trade_no: at most 32 characters of [0-9A-Za-z_-|*]. */
export const outTradeNoOf = (month: string, random: string) =>
  `D${month.replace('-', '')}${random}`.slice(0, 32)

/** 1250 fen → "12.50 元". */
export const yuan = (fen: number) =>
  `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')} 元`

/** The day of the month unpaid members are reminded (the remindDues trigger) and the secretary's 待办 lists them. */
export const DUES_REMINDER_DAY = 25

/** From the reminder day on, a month still unpaid is arrears to chase. */
export const arrearsDue = (dayOfMonth: number) => dayOfMonth >= DUES_REMINDER_DAY
