// 党费 end to end through the real wx-server-sdk: declare → confirm → pay (cloudPay.unifiedOrder) → WeChat Pay's
// result callback (the emulator's /__pay), and what the member, the ledger and the register then hold.
import { Workbook } from 'exceljs'
import wxCloud from 'wx-server-sdk'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { Reply } from '../../typings/common'
import type { DuesReminderRun } from '../../typings/dues'
import { dataOf, memberCounter, useTestCloud } from '../support/cloud'
import { postJson } from '../support/platform'
import { ledgerOf } from './ledger-fixtures'

const cloud = useTestCloud()
const SECRETARY = 'demo-secretary-1'
const dues = (openid: string, now: string) => cloud.as(openid, { now }).dues
const payments = (openid: string) => cloud.docs('dues_payments', { memberId: memberIdOf(openid) })
const order = (outTradeNo: string) =>
  cloud.doc<{ status: string; reported?: object }>('dues_orders', outTradeNo)

/** Declares a salaried base and has the secretary confirm it, both at `now`. */
async function confirmed(openid: string, baseFen: number | null, now: string) {
  const basis = baseFen === null ? { kind: 'fixed' as const } : { kind: 'salary' as const, baseFen }
  dataOf(await dues(openid, now).declareBase(basis))
  return dataOf(await dues(SECRETARY, now).confirmBase({ memberId: memberIdOf(openid) }))
}

const failure = (reply: Reply<unknown>) => (reply.ok ? 'ok' : reply.code)

describe('dues', () => {
  test('declare → confirm → pay → callback ×3 records one payment and one 按时交纳, counted once', async () => {
    const march = '2026-03-05T10:00:00+08:00'
    // 8,000 元 after tax: 5000 以上至 10000 元 is 1.5 %, 120.00 元.
    expect(await confirmed('demo-member-5', 800_000, march)).toMatchObject({
      from: '2026-03',
      amountFen: 12_000,
    })
    const paying = dataOf(await dues('demo-member-5', march).pay({ month: '2026-03' }))
    expect(paying).toMatchObject({ month: '2026-03', amountFen: 12_000 })
    expect(paying.payment.package).toMatch(/^prepay_id=wx/)
    expect(Object.keys(paying.payment).sort()).toEqual(
      ['nonceStr', 'package', 'paySign', 'signType', 'timeStamp'].sort(),
    )

    const paidAt = '2026-03-05T10:01:00+08:00'
    const first = await cloud.pay.settle(paying.outTradeNo, 'success', { now: paidAt })
    expect(first.body).toMatchObject({ reply: { errcode: 0, errmsg: 'OK' } })
    for (const now of ['2026-03-05T10:02:00+08:00', '2026-03-06T09:00:00+08:00'])
      expect((await cloud.pay.notify(paying.outTradeNo, now)).body).toMatchObject({
        reply: { errcode: 0 },
      })

    const paid = await payments('demo-member-5')
    expect(paid).toEqual([
      expect.objectContaining({
        _id: `dues_${memberIdOf('demo-member-5')}_2026-03`,
        month: '2026-03',
        amountFen: 12_000,
        outTradeNo: paying.outTradeNo,
        onTime: true,
      }),
    ])
    expect((await order(paying.outTradeNo))?.status).toBe('paid')
    expect(await ledgerOf(cloud, 'demo-member-5', 'duesOnTime')).toHaveLength(1)
    expect((await memberCounter(cloud, 'demo-member-5', '2026-03')).counts.duesOnTime).toBe(1)

    const mine = dataOf(await dues('demo-member-5', '2026-03-07T10:00:00+08:00').myDues({}))
    expect(mine.months).toEqual([
      expect.objectContaining({
        month: '2026-03',
        status: 'paid',
        amountFen: 12_000,
        onTime: true,
      }),
    ])
    expect(mine.owedFen).toBe(0)
    const again = await dues('demo-member-5', '2026-03-07T10:00:00+08:00').pay({ month: '2026-03' })
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT', message: '该月党费已交纳' })
  })

  test('a failed payment records nothing paid, and the month can be paid after', async () => {
    const now = '2026-03-05T11:00:00+08:00'
    await confirmed('demo-member-6', 250_000, now)
    const failed = dataOf(await dues('demo-member-6', now).pay({ month: '2026-03' }))
    expect(failed.amountFen).toBe(1_250) // 2,500 元 × 0.5 %
    expect((await cloud.pay.settle(failed.outTradeNo, 'fail', { now })).body).toMatchObject({
      reply: { errcode: 0 },
    })
    expect(await payments('demo-member-6')).toEqual([])
    expect((await order(failed.outTradeNo))?.status).toBe('failed')
    expect(await ledgerOf(cloud, 'demo-member-6', 'duesOnTime')).toEqual([])

    const retry = dataOf(await dues('demo-member-6', now).pay({ month: '2026-03' }))
    await cloud.pay.settle(retry.outTradeNo, 'success', { now })
    expect(await payments('demo-member-6')).toHaveLength(1)
  })

  test('an amount other than the one ordered is refused: nothing recorded, the order kept as a mismatch', async () => {
    const now = '2026-03-05T12:00:00+08:00'
    await confirmed('demo-member-7', 450_000, now)
    const paying = dataOf(await dues('demo-member-7', now).pay({ month: '2026-03' }))
    expect(paying.amountFen).toBe(4_500)
    const reply = await cloud.pay.settle(paying.outTradeNo, 'success', { now, totalFee: 1 })
    expect(reply.body).toMatchObject({ reply: { errcode: 0, errmsg: '金额不符，未入账' } })
    expect(await payments('demo-member-7')).toEqual([])
    expect(await order(paying.outTradeNo)).toMatchObject({
      status: 'mismatch',
      reported: { tradeState: 'SUCCESS', totalFee: 1 },
    })
  })

  test('a payment whose result never came is found when the member pays again: no second order', async () => {
    const now = '2026-03-05T12:30:00+08:00'
    await confirmed('demo-member-15', 320_000, now)
    const paying = dataOf(await dues('demo-member-15', now).pay({ month: '2026-03' }))
    await cloud.pay.settle(paying.outTradeNo, 'success', { now, deliver: false })
    expect(await payments('demo-member-15')).toEqual([])
    const ordersBefore = (await cloud.pay.orders()).length
    expect(await dues('demo-member-15', now).pay({ month: '2026-03' })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该月党费已交纳',
    })
    expect(await payments('demo-member-15')).toEqual([
      expect.objectContaining({ outTradeNo: paying.outTradeNo, amountFen: 3_200 }),
    ])
    expect(await cloud.pay.orders()).toHaveLength(ordersBefore)
  })

  test('a forged payment result sent by a user records nothing: the order is read back from WeChat Pay', async () => {
    const now = '2026-03-05T13:00:00+08:00'
    await confirmed('demo-member-8', 100_000, now)
    const paying = dataOf(await dues('demo-member-8', now).pay({ month: '2026-03' }))
    const forged = await postJson(
      `${cloud.url}/fn/dues`,
      {
        outTradeNo: paying.outTradeNo,
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        totalFee: paying.amountFen,
      },
      { 'x-wx-openid': 'demo-member-8' },
    )
    expect(forged.body).toMatchObject({ errcode: 0, errmsg: '未支付' })
    expect(await payments('demo-member-8')).toEqual([])
  })

  test('a change of base applies from the next month; the first base from the month it is confirmed', async () => {
    const first = await confirmed('demo-member-9', null, '2026-03-02T09:00:00+08:00')
    expect(first).toMatchObject({ from: '2026-03', amountFen: 20 })
    dataOf(await dues(SECRETARY, '2026-03-02T09:00:00+08:00').setFixedAmount({ fixedFen: 50 }))
    const change = await confirmed('demo-member-9', 400_000, '2026-03-20T09:00:00+08:00')
    expect(change).toMatchObject({ from: '2026-04', amountFen: 4_000 })

    const march = dataOf(await dues('demo-member-9', '2026-03-21T09:00:00+08:00').myDues({}))
    expect(march.confirmed).toMatchObject({ kind: 'fixed', from: '2026-03', amountFen: 50 })
    expect(march.upcoming).toMatchObject({ kind: 'salary', baseFen: 400_000, from: '2026-04' })
    expect(march.months.map((m) => [m.month, m.amountFen])).toEqual([['2026-03', 50]])

    const april = dataOf(await dues('demo-member-9', '2026-04-02T09:00:00+08:00').myDues({}))
    expect(april.months.map((m) => [m.month, m.status, m.amountFen])).toEqual([
      ['2026-04', 'owed', 4_000],
      ['2026-03', 'owed', 50],
    ])
    expect(april.owedFen).toBe(4_050)
  })

  test('the register shows the month’s collection and arrears; a late payment is not 按时交纳', async () => {
    await confirmed('demo-member-10', 600_000, '2026-01-10T09:00:00+08:00')
    // January is paid late (in February), February on time, March not at all.
    for (const [month, now] of [
      ['2026-01', '2026-02-03T09:00:00+08:00'],
      ['2026-02', '2026-02-03T09:05:00+08:00'],
    ]) {
      const paying = dataOf(await dues('demo-member-10', now).pay({ month }))
      await cloud.pay.settle(paying.outTradeNo, 'success', { now })
    }
    expect((await ledgerOf(cloud, 'demo-member-10', 'duesOnTime')).map((e) => e.ref)).toEqual([
      '2026-02',
    ])
    const reg = dataOf(await dues(SECRETARY, '2026-03-26T09:00:00+08:00').register({}))
    const row = (openid: string) => reg.members.find((m) => m.id === memberIdOf(openid))!
    expect(row('demo-member-10')).toMatchObject({
      status: 'owed',
      amountFen: 9_000,
      arrearsMonths: 0,
    })
    expect(row('demo-member-5')).toMatchObject({ status: 'paid', amountFen: 12_000 })
    expect(row('demo-member-3')).toMatchObject({ status: 'unconfirmed', amountFen: 0 })
    const owed = reg.members.filter((m) => m.status === 'owed')
    expect(reg.collectedFen).toBe(
      reg.members.filter((m) => m.status === 'paid').reduce((s, m) => s + m.amountFen, 0),
    )
    expect(reg.owedFen).toBe(owed.reduce((s, m) => s + m.amountFen, 0))
    expect(reg.owedCount).toBe(owed.length)

    const april = dataOf(await dues(SECRETARY, '2026-04-02T09:00:00+08:00').register({}))
    expect(april.members.find((m) => m.id === memberIdOf('demo-member-10'))).toMatchObject({
      status: 'owed',
      arrearsMonths: 1,
      arrearsFen: 9_000,
    })
  })

  test('reminders on the 25th reach each member with the month unpaid, once', async () => {
    await cloud.clearOutbox()
    const run = await cloud.trigger<Reply<DuesReminderRun>>(
      'dues',
      'remindDues',
      '2026-03-25T10:00:00+08:00',
    )
    const sentTo = (await cloud.outbox()).map((m) => m.touser)
    // demo-member-9 (fixed) and -10 owe March; -5, -6 paid it; -7, -8 have orders but nothing paid.
    expect(sentTo.sort()).toEqual([
      'demo-member-10',
      'demo-member-7',
      'demo-member-8',
      'demo-member-9',
    ])
    expect(dataOf(run)).toMatchObject({ unpaid: 4, sent: 4 })
    const rerun = await cloud.trigger<Reply<DuesReminderRun>>(
      'dues',
      'remindDues',
      '2026-03-25T10:10:00+08:00',
    )
    expect(dataOf(rerun)).toMatchObject({ sent: 0, skipped: 4 })
  })

  test('the month’s xlsx export shows each member’s dues beside their participation', async () => {
    const out = dataOf(
      await cloud
        .as('demo-community-admin-1', { now: '2026-03-26T09:00:00+08:00' })
        .stats.exportMonth({ rows: 'members', branchId: 'branch-1', month: '2026-03' }),
    )
    const { fileContent } = await wxCloud.downloadFile({ fileID: out.fileID })
    const book = new Workbook()
    await book.xlsx.load(fileContent as never)
    const [sheet] = book.worksheets
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1)
    const header = values(2)
    const [amount, state] = [header.indexOf('党费（元）'), header.indexOf('党费交纳')]
    expect(header.at(-1)).toBe('达到最低要求')
    const rows = Array.from({ length: sheet.rowCount - 2 }, (_, i) => values(i + 3))
    const dues = new Map(rows.map((r) => [r[1], [r[amount], r[state]]]))
    const nameOf = async (openid: string) =>
      (await cloud.doc<{ name: string }>('members', memberIdOf(openid)))!.name
    expect(dues.get(await nameOf('demo-member-5'))).toEqual([120, '已交'])
    expect(dues.get(await nameOf('demo-member-10'))).toEqual([90, '未交'])
    expect(dues.get(await nameOf('demo-member-3'))).toEqual([0, '未确认基数'])
  })

  test('a correction is a compensating record: resent once, the payment untouched, never below zero', async () => {
    const now = '2026-03-27T09:00:00+08:00'
    const memberId = memberIdOf('demo-member-5')
    const before = await cloud.doc('dues_payments', `dues_${memberId}_2026-03`)
    const refund = {
      memberId,
      month: '2026-03',
      amountFen: -2_000,
      reason: '基数申报有误，多交部分退还',
      draftId: 'dues-correction-0001',
    }
    expect(dataOf(await dues(SECRETARY, now).correct(refund))).toMatchObject({ netFen: 10_000 })
    expect(dataOf(await dues(SECRETARY, now).correct(refund))).toMatchObject({ netFen: 10_000 })
    const records = await payments('demo-member-5')
    expect(records).toHaveLength(2)
    expect(records).toContainEqual(before)
    expect(records).toContainEqual(
      expect.objectContaining({ kind: 'correction', amountFen: -2_000, month: '2026-03' }),
    )
    const mine = dataOf(await dues('demo-member-5', now).myDues({}))
    expect(mine.months[0]).toMatchObject({ month: '2026-03', status: 'paid', amountFen: 10_000 })
    const reg = dataOf(await dues(SECRETARY, now).register({}))
    expect(reg.members.find((m) => m.id === memberId)).toMatchObject({ amountFen: 10_000 })

    const tooMuch = { ...refund, amountFen: -10_001, draftId: 'dues-correction-0002' }
    expect(await dues(SECRETARY, now).correct(tooMuch)).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    })
    const unpaid = {
      ...refund,
      memberId: memberIdOf('demo-member-9'),
      draftId: 'dues-correction-0003',
    }
    expect(await dues(SECRETARY, now).correct(unpaid)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    expect(await payments('demo-member-5')).toHaveLength(2)
  })

  test('corrections made at once: the same form records once; many forms never take the month below zero', async () => {
    const now = '2026-03-28T09:00:00+08:00'
    const memberId = memberIdOf('demo-member-5')
    const form = (draftId: string, amountFen: number) => ({
      memberId,
      month: '2026-03',
      amountFen,
      reason: '重复计算的部分退还',
      draftId,
    })
    const twice = await Promise.all([
      dues(SECRETARY, now).correct(form('dues-correction-0101', -1_000)),
      dues(SECRETARY, now).correct(form('dues-correction-0101', -1_000)),
    ])
    expect(twice.map((r) => dataOf(r).id)).toEqual([dataOf(twice[0]).id, dataOf(twice[0]).id])
    expect(await payments('demo-member-5')).toHaveLength(3)

    // Warm workers, so the forms below really run side by side rather than one after another.
    await Promise.all(Array.from({ length: 8 }, () => dues(SECRETARY, now).register({})))
    // 9,000 left: eight forms of 2,000 at once; each alone is allowed, all together would net -7,000.
    const eight = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        dues(SECRETARY, now).correct(form(`dues-correction-02${i}`, -2_000)),
      ),
    )
    const refused = eight.filter((r) => !r.ok)
    // Refused as changed under it, or as too much when it read after the others: nothing recorded either way.
    for (const r of refused) expect(['CONFLICT', 'INVALID_ARGUMENT']).toContain(r.ok ? '' : r.code)
    const records = await cloud.docs<{ amountFen: number }>('dues_payments', { memberId })
    const net = records.reduce((sum, r) => sum + r.amountFen, 0)
    expect(net).toBeGreaterThanOrEqual(0)
    expect(net).toBe(9_000 - 2_000 * (8 - refused.length))
    const mine = dataOf(await dues('demo-member-5', now).myDues({}))
    expect(mine.months[0]).toMatchObject({ month: '2026-03', amountFen: net })
  })

  test('bad input is refused in Chinese and changes nothing', async () => {
    const now = '2026-03-05T14:00:00+08:00'
    const member = dues('demo-member-11', now)
    for (const bad of [
      { kind: 'salary', baseFen: 1.5 },
      { kind: 'salary', baseFen: -1 },
      { kind: 'salary' },
      { kind: 'hourly', baseFen: 100 },
    ])
      expect(
        failure(await cloud.callAs('demo-member-11', 'dues', 'declareBase', bad, { now })),
      ).toBe('INVALID_ARGUMENT')
    expect(await cloud.docs('dues_profiles', { memberId: memberIdOf('demo-member-11') })).toEqual(
      [],
    )
    expect(await member.pay({ month: '2026-04' })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '只能交纳本月及以前的党费',
    })
    expect(await member.pay({ month: '2026-03' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(
      await dues('demo-secretary-3', now).confirmBase({ memberId: memberIdOf('demo-member-5') }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
  test('a second payment of a paid month waits as 待退款 until its refund is recorded, once', async () => {
    const now = '2026-04-06T10:00:00+08:00'
    const openid = 'demo-member-20'
    const memberId = memberIdOf(openid)
    await confirmed(openid, 400_000, now)
    // Two orders of the month before either is paid (two phones, or a retry), then both are paid.
    const first = dataOf(await dues(openid, now).pay({ month: '2026-04' }))
    const second = dataOf(await dues(openid, now).pay({ month: '2026-04' }))
    await cloud.pay.settle(first.outTradeNo, 'success', { now })
    await cloud.pay.settle(second.outTradeNo, 'success', { now })
    expect((await order(second.outTradeNo))?.status).toBe('duplicate')

    const waiting = dataOf(await dues(SECRETARY, now).register({ month: '2026-04' }))
    expect(waiting.refunds).toEqual([
      expect.objectContaining({
        orderId: second.outTradeNo,
        memberId,
        month: '2026-04',
        amountFen: 4_000,
      }),
    ])
    const refund = {
      memberId,
      month: '2026-04',
      amountFen: -4_000,
      reason: '同一月份重复支付，原路退还',
      draftId: 'dues-refund-0001',
      orderId: second.outTradeNo,
    }
    // Refused and nothing recorded: part of the amount, an order that is not a duplicate, another's order.
    expect(await dues(SECRETARY, now).correct({ ...refund, amountFen: -1_000 })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '退还的金额须是这笔重复支付的全部金额 40.00 元',
    })
    expect(
      await dues(SECRETARY, now).correct({ ...refund, orderId: first.outTradeNo }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(
      await dues(SECRETARY, now).correct({
        ...refund,
        memberId: memberIdOf('demo-member-21'),
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await payments(openid)).toHaveLength(1)

    // Resent with another draft (two taps, two forms): one record, the month still nets its payment.
    const done = await Promise.all([
      dues(SECRETARY, now).correct(refund),
      dues(SECRETARY, now).correct({ ...refund, draftId: 'dues-refund-0002' }),
    ])
    for (const r of done) expect(dataOf(r)).toMatchObject({ amountFen: -4_000, netFen: 4_000 })
    const records = await payments(openid)
    expect(records).toHaveLength(2)
    expect(records).toContainEqual(
      expect.objectContaining({
        kind: 'correction',
        amountFen: 0,
        refundOf: { orderId: second.outTradeNo, amountFen: 4_000 },
      }),
    )
    expect(await order(second.outTradeNo)).toMatchObject({ status: 'refunded' })
    expect(dataOf(await dues(SECRETARY, now).correct(refund))).toMatchObject({ netFen: 4_000 })
    const after = dataOf(await dues(SECRETARY, now).register({ month: '2026-04' }))
    expect(after.refunds).toEqual([])
    expect(after.members.find((m) => m.id === memberId)).toMatchObject({
      status: 'paid',
      amountFen: 4_000,
    })
  })
})
