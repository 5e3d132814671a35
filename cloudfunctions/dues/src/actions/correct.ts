// A correction of a paid month, by the member's secretary: a compensating record beside the payment (退还 as a
// negative amount, 补交 as a positive one), never an edit; it keeps the form's draft id, so a resent form
// records it once. What the month nets may not go below zero: corrections take the month's next number as
// their id, so two made at once from the same reading cannot both be recorded. With an orderId it records giving back a second
// payment of the month (an order marked duplicate): once per order, then the order is marked refunded.
import { activeMember, isSecretaryOf } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { addIfAbsent, findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { paymentId, yuan } from '../../../_shared/dues-rules'
import { conflict, invalid, notFound } from '../../../_shared/errors'
import type { MemberDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import { type CorrectionDoc, type DuesRecord, type OrderDoc, refundId } from '../store'

export const correct = defineAction('dues', 'correct', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, input) {
    const me = activeMember(caller)
    const member = await findById<MemberDoc>(COLLECTIONS.members, input.memberId)
    // Someone else's member is answered as a missing one.
    if (!member?.branchId || !isSecretaryOf(caller, member.branchId)) throw notFound('该党员')
    const paid = paymentId(member._id, input.month)
    const [records, order] = await Promise.all([
      monthRecords(member._id, input.month),
      input.orderId ? findById<OrderDoc>(COLLECTIONS.duesOrders, input.orderId) : null,
    ])
    const net = netOf(records)
    const correction = (id: string, amountFen: number): CorrectionDoc => ({
      _id: id,
      kind: 'correction',
      memberId: member._id,
      branchId: member.branchId!,
      month: input.month,
      amountFen,
      reason: input.reason,
      by: { id: me._id, name: me.name },
      at: nowDate(),
    })
    const reply = (id: string, netFen: number) => ({
      id,
      memberId: member._id,
      month: input.month,
      amountFen: input.amountFen,
      netFen,
    })

    if (input.orderId) {
      if (!order || order.memberId !== member._id || order.month !== input.month)
        throw notFound('该笔重复支付')
      const id = refundId(paid, order._id)
      if (order.status === 'refunded') return reply(id, net)
      if (order.status !== 'duplicate') throw conflict('这笔支付不是重复支付，无需退款')
      if (input.amountFen !== -order.amountFen)
        throw invalid(`退还的金额须是这笔重复支付的全部金额 ${yuan(order.amountFen)}`)
      await assertTextSafe(caller.openid, 1, input.reason)
      // Its money never counted in the month, so the record nets 0 and says what went back.
      await addIfAbsent(COLLECTIONS.duesPayments, {
        ...correction(id, 0),
        refundOf: { orderId: order._id, amountFen: order.amountFen },
      })
      // Once: a refund racing this one, or resent after it, finds the order refunded already.
      await updatedCount(
        getDb()
          .collection(COLLECTIONS.duesOrders)
          .where({ _id: order._id, status: 'duplicate' })
          .update({ data: { status: 'refunded', refundId: id, refundedAt: nowDate() } }),
      )
      return reply(id, net)
    }

    const sent = sameDraft(records, input.draftId)
    if (sent) return reply(sent._id, net)
    if (!records.some((r) => r._id === paid)) throw conflict('该月尚未交纳，无需更正')
    if (net + input.amountFen < 0) throw invalid('退还的金额不能超过该月已交的金额')
    await assertTextSafe(caller.openid, 1, input.reason)
    const id = `${paid}_adj_${corrections(records) + 1}`
    const doc = { ...correction(id, input.amountFen), draftId: input.draftId }
    if (await addIfAbsent(COLLECTIONS.duesPayments, doc)) return reply(id, net + input.amountFen)
    // Another correction took this number first: the same form resent is answered as recorded; another one
    // was decided on a month that has changed since.
    const now = await monthRecords(member._id, input.month)
    const won = sameDraft(now, input.draftId)
    if (won) return reply(won._id, netOf(now))
    throw conflict('该月的交纳记录刚刚被更正过，请刷新后再试')
  },
})

const monthRecords = (memberId: string, month: string) =>
  rows<DuesRecord>(
    getDb().collection(COLLECTIONS.duesPayments).where({ memberId, month }).limit(1000),
  )

const netOf = (records: DuesRecord[]) => records.reduce((sum, r) => sum + r.amountFen, 0)

const sameDraft = (records: DuesRecord[], draftId: string) =>
  records.find((r) => r.kind === 'correction' && r.draftId === draftId)

/** The month's numbered corrections so far (giving back a duplicate order is not one of them). */
const corrections = (records: DuesRecord[]) =>
  records.filter((r) => r.kind === 'correction' && !r.refundOf).length
