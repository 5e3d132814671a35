// A correction of a paid month, by the member's secretary: a compensating record beside the payment (退还 as a
// negative amount, 补交 as a positive one), never an edit; its id holds the form's draft id, so a resent form
// records it once. What the month nets may not go below zero.
import { activeMember, isSecretaryOf } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { addIfAbsent, findById, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { paymentId } from '../../../_shared/dues-rules'
import { conflict, invalid, notFound } from '../../../_shared/errors'
import type { MemberDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import type { CorrectionDoc, DuesRecord } from '../store'

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
    const id = `${paid}_adj_${input.draftId}`
    const records = await rows<DuesRecord>(
      getDb()
        .collection(COLLECTIONS.duesPayments)
        .where({ memberId: member._id, month: input.month })
        .limit(1000),
    )
    const net = records.reduce((sum, r) => sum + r.amountFen, 0)
    const reply = (netFen: number) => ({
      id,
      memberId: member._id,
      month: input.month,
      amountFen: input.amountFen,
      netFen,
    })
    if (records.some((r) => r._id === id)) return reply(net)
    if (!records.some((r) => r._id === paid)) throw conflict('该月尚未交纳，无需更正')
    if (net + input.amountFen < 0) throw invalid('退还的金额不能超过该月已交的金额')
    await assertTextSafe(caller.openid, 1, input.reason)
    const correction: CorrectionDoc = {
      _id: id,
      kind: 'correction',
      memberId: member._id,
      branchId: member.branchId,
      month: input.month,
      amountFen: input.amountFen,
      reason: input.reason,
      by: { id: me._id, name: me.name },
      at: nowDate(),
    }
    const added = await addIfAbsent(COLLECTIONS.duesPayments, correction)
    return reply(added ? net + input.amountFen : net)
  },
})
