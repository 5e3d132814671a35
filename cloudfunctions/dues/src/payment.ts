// WeChat Pay's result callback (the function named in unifiedOrder). The event is only a hint: the order's
// state and amount are read back from WeChat Pay (queryOrder), so a forged or replayed event records nothing
// that was not paid. One paid record per member and month (its natural id), however often the result comes.
import dayjs from 'dayjs'
import { getDb } from '../../_shared/cloud'
import { ZONE, monthOf, nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent, findById } from '../../_shared/db'
import { recordParticipation } from '../../_shared/ledger'
import type { MemberDoc } from '../../_shared/records'
import { paidOnTime, paymentId } from '../../_shared/dues-rules'
import type { OrderDoc, OrderStatus, PaymentDoc } from './store'
import { cloudPay, subMchId, succeeded } from './wxpay'

/** What the callback gets (微信支付 支付结果通知, camelCased by CloudBase); only outTradeNo is trusted, as a key. */
export type PaymentResultEvent = { outTradeNo: string; returnCode: string; resultCode?: string }

export const isPaymentResult = (event: unknown): event is PaymentResultEvent => {
  const e = event as (Partial<PaymentResultEvent> & { action?: unknown }) | null
  return (
    !!e &&
    typeof e === 'object' &&
    e.action === undefined &&
    typeof e.outTradeNo === 'string' &&
    typeof e.returnCode === 'string'
  )
}

/** The answer WeChat Pay expects; anything else makes it deliver the result again. */
const received = (errmsg: string) => ({ errcode: 0, errmsg })

/** WeChat Pay's time_end, yyyyMMddHHmmss in Beijing time. */
const paidAtOf = (timeEnd: string | undefined) => {
  const at = timeEnd && dayjs.tz(timeEnd, 'YYYYMMDDHHmmss', ZONE)
  return at && at.isValid() ? at.toDate() : nowDate()
}

async function settleOrder(order: OrderDoc, status: OrderStatus, extra: Partial<OrderDoc> = {}) {
  const _ = getDb().command
  await getDb()
    .collection(COLLECTIONS.duesOrders)
    .where({ _id: order._id, status: _.in(['pending', 'failed']) })
    .update({ data: { status, settledAt: nowDate(), ...extra } })
}

export type Outcome = 'paid' | 'unpaid' | 'mismatch' | 'duplicate'
const MESSAGES: Record<Outcome, string> = {
  paid: 'OK',
  unpaid: '未支付',
  mismatch: '金额不符，未入账',
  duplicate: '该月已交纳，重复支付待退款',
}
/** Still open at WeChat Pay: the user may yet pay it. */
const OPEN_STATES = ['NOTPAY', 'USERPAYING']

export async function applyPaymentResult(event: PaymentResultEvent) {
  const order = await findById<OrderDoc>(COLLECTIONS.duesOrders, event.outTradeNo)
  if (!order) {
    console.warn(`[dues payment] no order ${event.outTradeNo.slice(0, 32)}`)
    return received('订单不存在')
  }
  return received(MESSAGES[await reconcile(order)])
}

/**
 * Reads an order back from WeChat Pay and records what it says: the month's one payment (and its 按时交纳),
 * a refusal of another amount, a failure, or a second payment of a paid month. The callback and a member's
 * next order both run it, so a result whose callback was lost is found the next time the member pays.
 */
export async function reconcile(order: OrderDoc): Promise<Outcome> {
  const q = await cloudPay().queryOrder({
    outTradeNo: order._id,
    subMchId: subMchId(),
    nonceStr: order.nonceStr,
  })
  // WeChat Pay did not answer: fail, so the result is delivered again and checked then.
  if (!succeeded(q))
    throw new Error(`queryOrder ${order._id}: ${q.returnMsg ?? q.errCodeDes ?? ''}`)
  const reported = { tradeState: q.tradeState ?? '', totalFee: q.totalFee ?? null }
  if (q.tradeState !== 'SUCCESS') {
    if (!OPEN_STATES.includes(reported.tradeState)) await settleOrder(order, 'failed', { reported })
    return 'unpaid'
  }
  if (q.totalFee !== order.amountFen) {
    console.error(`[dues payment] ${order._id} paid ${q.totalFee} fen, ordered ${order.amountFen}`)
    await settleOrder(order, 'mismatch', { reported })
    return 'mismatch'
  }
  const paidAt = paidAtOf(q.timeEnd)
  const payment: PaymentDoc = {
    _id: paymentId(order.memberId, order.month),
    kind: 'payment',
    memberId: order.memberId,
    branchId: order.branchId,
    month: order.month,
    amountFen: order.amountFen,
    outTradeNo: order._id,
    transactionId: q.transactionId ?? '',
    paidAt,
    onTime: paidOnTime(order.month, monthOf(paidAt)),
  }
  const recorded =
    (await addIfAbsent(COLLECTIONS.duesPayments, payment)) ||
    (await findById<PaymentDoc>(COLLECTIONS.duesPayments, payment._id))?.outTradeNo === order._id
  if (!recorded) {
    // The month was already paid by another order: this money is to be refunded, never a second record.
    await settleOrder(order, 'duplicate', { reported })
    return 'duplicate'
  }
  await settleOrder(order, 'paid')
  if (payment.onTime) {
    const member = await findById<MemberDoc>(COLLECTIONS.members, order.memberId)
    if (member)
      await recordParticipation({
        member: { ...member, branchId: order.branchId },
        rule: 'duesOnTime',
        ref: order.month,
        at: dayjs(paidAt).tz(ZONE),
      })
  }
  return 'paid'
}
