// A member's dues: their months paid and owed, declaring their base, and paying a month through WeChat Pay.
import { randomBytes } from 'crypto'
import type { DuesOutputs } from '../../../../typings/dues'
import { findBranch } from '../../../_shared/branches'
import { activeMember } from '../../../_shared/caller'
import { getCloud, getDb, isDuplicateKey } from '../../../_shared/cloud'
import { monthLabel, monthOf, now, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { AppError, conflict, invalid } from '../../../_shared/errors'
import { nextMonth } from '../../../_shared/participation'
import {
  amountOf,
  basisIn,
  duesMonths,
  outTradeNoOf,
  paymentId,
  fixedFenOf,
} from '../../../_shared/dues-rules'
import { type DuesRecord, type OrderDoc, type PaymentDoc, type ProfileDoc, iso } from '../store'
import { reconcile } from '../payment'
import { RESULT_FUNCTION, cloudPay, subMchId, succeeded } from '../wxpay'

/** Earlier orders of a month asked about before a new one (a member rarely leaves more than one open). */
const OPEN_ORDERS = 5

/** A member's records read at once: payments (one a month) and their corrections. */
const RECORDS_READ = 1000

const basisView = (b: { kind: ProfileDoc['history'][number]['kind']; baseFen: number | null }) => ({
  kind: b.kind,
  baseFen: b.kind === 'salary' ? b.baseFen : null,
})

export const myDues = defineAction('dues', 'myDues', {
  audience: 'member',
  scope: ['self'],
  async run({ caller }) {
    const me = activeMember(caller)
    const month = monthOf(now())
    const [profile, payments, branch] = await Promise.all([
      findById<ProfileDoc>(COLLECTIONS.duesProfiles, me._id),
      rows<DuesRecord>(
        getDb()
          .collection(COLLECTIONS.duesPayments)
          .where({ memberId: me._id })
          .orderBy('month', 'desc')
          .limit(RECORDS_READ),
      ),
      me.branchId ? findBranch(me.branchId) : Promise.resolve({}),
    ])
    const fixedFen = fixedFenOf(branch)
    const history = profile?.history ?? []
    const months = duesMonths(history, payments, fixedFen, month)
    const current = basisIn(history, month)
    const next = basisIn(history, nextMonth(month))
    const withAmount = (b: NonNullable<typeof current>) => ({
      ...basisView(b),
      from: b.from,
      amountFen: amountOf(b, fixedFen),
    })
    return {
      month,
      declared: profile?.declared
        ? { ...basisView(profile.declared), at: iso(profile.declared.at) }
        : null,
      confirmed: current ? withAmount(current) : null,
      upcoming: next && next !== current ? withAmount(next) : null,
      fixedFen,
      months,
      owedFen: months.reduce((sum, m) => sum + (m.status === 'owed' ? m.amountFen : 0), 0),
      isSecretary: caller.roles.has('secretary'),
    } satisfies DuesOutputs['myDues']
  },
})

export const declareBase = defineAction('dues', 'declareBase', {
  audience: 'member',
  scope: ['self'],
  async run({ caller }, input) {
    const me = activeMember(caller)
    const declared = {
      kind: input.kind,
      baseFen: input.kind === 'salary' ? (input.baseFen ?? 0) : null,
      at: nowDate(),
    }
    const profile: ProfileDoc = {
      _id: me._id,
      memberId: me._id,
      branchId: me.branchId,
      declared,
      history: [],
      updatedAt: declared.at,
    }
    const db = getDb()
    try {
      await db.collection(COLLECTIONS.duesProfiles).add({ data: profile })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      await db
        .collection(COLLECTIONS.duesProfiles)
        .doc(me._id)
        .update({
          data: {
            declared: db.command.set(declared),
            branchId: me.branchId,
            updatedAt: declared.at,
          },
        })
    }
    return { declared: { ...basisView(declared), at: iso(declared.at) } }
  },
})

export const pay = defineAction('dues', 'pay', {
  audience: 'member',
  scope: ['self'],
  async run({ caller }, { month }) {
    const me = activeMember(caller)
    if (!me.branchId) throw conflict('您还没有所在支部，暂不能交纳党费')
    if (month > monthOf(now())) throw invalid('只能交纳本月及以前的党费')
    const [profile, paid, branch] = await Promise.all([
      findById<ProfileDoc>(COLLECTIONS.duesProfiles, me._id),
      findById<PaymentDoc>(COLLECTIONS.duesPayments, paymentId(me._id, month)),
      findBranch(me.branchId),
    ])
    if (!profile?.history.length) throw conflict('请先申报收入基数，待支部书记确认后再交纳')
    const basis = basisIn(profile.history, month)
    if (!basis) throw conflict('该月在党费基数确认之前，无需交纳')
    if (paid) throw conflict('该月党费已交纳')
    // An earlier order of the month may have been paid with its result not yet in (or lost): ask first.
    const open = await rows<OrderDoc>(
      getDb()
        .collection(COLLECTIONS.duesOrders)
        .where({ memberId: me._id, month, status: 'pending' })
        .limit(OPEN_ORDERS),
    )
    for (const o of open)
      if (['paid', 'duplicate'].includes(await reconcile(o))) throw conflict('该月党费已交纳')
    const amountFen = amountOf(basis, fixedFenOf(branch))
    if (amountFen <= 0) throw conflict('该月党费为 0 元，无需交纳')
    const order: OrderDoc = {
      _id: outTradeNoOf(month, randomBytes(8).toString('hex')),
      memberId: me._id,
      branchId: me.branchId,
      month,
      amountFen,
      nonceStr: randomBytes(8).toString('hex'),
      status: 'pending',
      createdAt: nowDate(),
    }
    await getDb().collection(COLLECTIONS.duesOrders).add({ data: order })
    const answer = await cloudPay().unifiedOrder({
      body: `党费-${monthLabel(month)}`,
      outTradeNo: order._id,
      spbillCreateIp: '127.0.0.1',
      subMchId: subMchId(),
      totalFee: amountFen,
      envId: String(getCloud().getWXContext().ENV ?? ''),
      functionName: RESULT_FUNCTION,
      nonceStr: order.nonceStr,
      tradeType: 'JSAPI',
    })
    if (!succeeded(answer) || !answer.payment) {
      console.error(`[dues.pay] unifiedOrder ${order._id} refused:`, answer)
      await getDb()
        .collection(COLLECTIONS.duesOrders)
        .doc(order._id)
        .update({ data: { status: 'failed', settledAt: nowDate() } })
      throw new AppError('INTERNAL', '微信支付下单失败，请稍后重试')
    }
    const { timeStamp, nonceStr, package: pkg, signType, paySign } = answer.payment
    return {
      outTradeNo: order._id,
      month,
      amountFen,
      payment: { timeStamp, nonceStr, package: pkg, signType, paySign },
    }
  },
})
