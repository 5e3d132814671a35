// The dues function's documents: a member's declaration and confirmed bases, orders sent to WeChat Pay, and the
// one paid record per member and month (compensating records, never edits, correct it).
import type { DuesBasis } from '../../../typings/dues'
import type { ConfirmedBasis } from '../../_shared/dues-rules'

/** `_id` = the member's id. */
export type ProfileDoc = {
  _id: string
  memberId: string
  branchId: string | null
  /** Waiting for the secretary; cleared when confirmed. */
  declared: (DuesBasis & { at: Date }) | null
  history: ConfirmedBasis[]
  updatedAt: Date
}

/** duplicate: a second payment of a paid month, to be given back; refunded once the secretary recorded it. */
export type OrderStatus = 'pending' | 'paid' | 'failed' | 'mismatch' | 'duplicate' | 'refunded'

/** `_id` = out_trade_no. */
export type OrderDoc = {
  _id: string
  memberId: string
  branchId: string
  month: string
  amountFen: number
  nonceStr: string
  status: OrderStatus
  createdAt: Date
  settledAt?: Date
  /** What WeChat Pay reported when it was not a payment of the amount asked. */
  reported?: { tradeState: string; totalFee: number | null }
  /** The correction that recorded giving a duplicate back (refundId()). */
  refundId?: string
  refundedAt?: Date
}

/** `_id` = paymentId(memberId, month) for the payment itself. */
export type PaymentDoc = {
  _id: string
  kind: 'payment'
  memberId: string
  branchId: string
  month: string
  amountFen: number
  outTradeNo: string
  transactionId: string
  paidAt: Date
  onTime: boolean
}

/** A compensating record of a paid month (`<paymentId>_adj_<n>`, the month's n-th correction): what the month
 * nets is the payment plus its corrections; the payment itself is never edited. */
export type CorrectionDoc = {
  _id: string
  kind: 'correction'
  memberId: string
  branchId: string
  month: string
  /** Negative: given back. */
  amountFen: number
  reason: string
  by: { id: string; name: string }
  at: Date
  /** The secretary's form: resent, it finds this record. Absent on giving a duplicate order back. */
  draftId?: string
  /**
   * Giving back a duplicate order: its money never counted in the month, so the record nets 0 (amountFen) and
   * says what went back here.
   */
  refundOf?: { orderId: string; amountFen: number }
}

/** The one record of a duplicate order given back. */
export const refundId = (paymentId: string, orderId: string) => `${paymentId}_refund_${orderId}`

/** What dues_payments holds for a member's month. */
export type DuesRecord = PaymentDoc | CorrectionDoc

/** A date for the contract: ISO. */
export const iso = (d: Date | string) => new Date(d).toISOString()
