// 党费: the member declares the income base, the secretary confirms it, the member pays each month through
// WeChat Pay (cloud payment); the branch sees the 交纳 register. Amounts are integer fen everywhere.
import { z } from 'zod'
import { DraftId, Id, MonthString, text } from './common'

/** The largest monthly base a member may declare: 1,000,000 元. */
export const MAX_BASE_FEN = 100_000_000
/** The most one correction may move: 100,000 元. */
export const MAX_CORRECTION_FEN = 10_000_000
/** The branch's fixed amount for members without salaried income: 0.01 元 to 100 元 a month. */
export const MAX_FIXED_FEN = 10_000
/** What a branch asks of members without salaried income until it sets its own: 0.20 元 (党费收缴规定's amount
 * for students and members living on relief). */
export const DEFAULT_FIXED_FEN = 20

export const DUES_KINDS = ['salary', 'fixed'] as const
/** salary: the rate follows the after-tax monthly income base; fixed: no salaried income, the branch's amount. */
export type DuesKind = (typeof DUES_KINDS)[number]

const Fen = (max: number, what: string) =>
  z
    .number({ message: `请填写${what}` })
    .int('金额以分为单位，须为整数')
    .min(0, `${what}不能为负数`)
    .max(max, `${what}过大`)

export const duesInputs = {
  /** The caller's months paid and owed, their declaration and what is confirmed. */
  myDues: z.object({}).strict(),
  /** The caller declares their base (salary) or that they have no salaried income (fixed). */
  declareBase: z
    .object({
      kind: z.enum(DUES_KINDS, { message: '请选择收入类型' }),
      baseFen: Fen(MAX_BASE_FEN, '月收入基数').optional(),
    })
    .strict()
    .refine((d) => d.kind === 'fixed' || d.baseFen !== undefined, {
      message: '请填写税后月收入',
      path: ['baseFen'],
    }),
  /** An order for one month's dues: the `payment` the page hands to wx.requestPayment. */
  pay: z.object({ month: MonthString }).strict(),
  /** The secretary's 交纳 register of the branch for a month (default: this month). */
  register: z.object({ branchId: Id.optional(), month: MonthString.optional() }).strict(),
  /** 各支部党费收缴: counts per branch of the community (the district admin: one community, or every branch). */
  byBranch: z.object({ communityId: Id.optional(), month: MonthString.optional() }).strict(),
  /** The secretary confirms a member's declared base; a change applies from the next month. */
  confirmBase: z.object({ memberId: Id }).strict(),
  /**
   * The secretary corrects a paid month by a compensating record, never by editing the payment: a negative
   * amount is money given back (退还), a positive one collected besides (补交).
   */
  correct: z
    .object({
      memberId: Id,
      month: MonthString,
      amountFen: z
        .number({ message: '请填写更正金额' })
        .int('金额以分为单位，须为整数')
        .min(-MAX_CORRECTION_FEN, '更正金额过大')
        .max(MAX_CORRECTION_FEN, '更正金额过大')
        .refine((n) => n !== 0, '更正金额不能为 0'),
      reason: text({ label: '更正原因', min: 2, max: 100 }),
      draftId: DraftId,
      /**
       * A second payment of an already-paid month (an order marked duplicate) given back: amountFen is minus
       * its whole amount; it is recorded once per order and the order marked refunded.
       */
      orderId: Id.optional(),
    })
    .strict(),
  /** The secretary sets the branch's fixed monthly amount for members without salaried income. */
  setFixedAmount: z
    .object({ fixedFen: Fen(MAX_FIXED_FEN, '固定金额').min(1, '固定金额至少 1 分') })
    .strict(),
}

export type DuesBasis = { kind: DuesKind; baseFen: number | null }
export type DuesMonthStatus = 'paid' | 'owed'

export type DuesMonth = {
  month: string
  amountFen: number
  status: DuesMonthStatus
  /** ISO time of the payment. */
  paidAt: string | null
  /** Paid by the month's end (按时交纳). */
  onTime: boolean
}

export type DuesOutputs = {
  myDues: {
    month: string
    /** Awaiting the secretary. */
    declared: (DuesBasis & { at: string }) | null
    /** In effect this month, and the month it took effect. */
    confirmed: (DuesBasis & { from: string; amountFen: number }) | null
    /** A confirmed change that starts next month. */
    upcoming: (DuesBasis & { from: string; amountFen: number }) | null
    fixedFen: number
    /** Newest first, from the month the first base was confirmed. */
    months: DuesMonth[]
    owedFen: number
    /** The caller is a secretary (the page links to the branch's register). */
    isSecretary: boolean
  }
  declareBase: { declared: DuesBasis & { at: string } }
  pay: {
    outTradeNo: string
    month: string
    amountFen: number
    /** wx.requestPayment's arguments, as cloudPay.unifiedOrder answered them. */
    payment: {
      timeStamp: string
      nonceStr: string
      package: string
      signType: 'MD5' | 'HMAC-SHA256' | 'RSA'
      paySign: string
    }
  }
  register: {
    branchId: string
    branchName: string
    month: string
    fixedFen: number
    collectedFen: number
    owedFen: number
    paidCount: number
    owedCount: number
    /** Members without a confirmed base for the month, and declarations waiting for confirmation. */
    unconfirmedCount: number
    members: {
      id: string
      name: string
      /** unconfirmed: no base in effect this month (nothing owed yet). */
      status: DuesMonthStatus | 'unconfirmed'
      amountFen: number
      paidAt: string | null
      /** Earlier months still unpaid (arrears). */
      arrearsMonths: number
      arrearsFen: number
      declared: (DuesBasis & { amountFen: number; at: string }) | null
    }[]
    /** Second payments of already-paid months (any month), waiting to be given back (待退款), oldest first. */
    refunds: {
      orderId: string
      memberId: string
      name: string
      month: string
      amountFen: number
      /** ISO time WeChat Pay's result was recorded. */
      paidAt: string
    }[]
  }
  byBranch: {
    month: string
    /** Lowest 收缴率 first; branches asking nothing this month last. Counts only: no names or amounts. */
    branches: {
      branchId: string
      branchName: string
      /** Active members the month asks dues of (paid + unpaid + unconfirmed). */
      required: number
      paid: number
      /** A base in effect, not paid. */
      unpaid: number
      /** No base confirmed for the month (declared and waiting, or not declared). */
      unconfirmed: number
      /** paid / required in percent, rounded down; null when nobody owes the month. */
      rate: number | null
    }[]
  }
  confirmBase: { memberId: string; from: string; basis: DuesBasis; amountFen: number }
  setFixedAmount: { branchId: string; fixedFen: number }
  /** A duplicate's refund leaves netFen as it was: that money never counted in the month. */
  correct: { id: string; memberId: string; month: string; amountFen: number; netFen: number }
}

/** The timer's report (remindDues, on the 25th). */
export type DuesReminderRun = {
  month: string
  unpaid: number
  sent: number
  failed: number
  skipped: number
  remaining: number
}
