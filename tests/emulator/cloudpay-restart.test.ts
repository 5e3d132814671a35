// Cloud payment's orders outlive a restart of the emulator on the same data folder, as the database does: an
// order the dues function made before is paid after, one paid before is still known to its callback and to
// queryOrder, and a result whose callback never got through goes to the function once when the emulator starts.
import fs from 'node:fs'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { type TestCloud, dataOf, memberCounter, startTestCloud } from '../support/cloud'
import { ledgerOf } from '../functions/ledger-fixtures'
import { tempDir } from './helpers'

const SECRETARY = 'demo-secretary-1'
const MARCH = '2026-03-05T10:00:00+08:00'
const dataDir = tempDir('pay-restart')
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud({ dataDir })
})
afterAll(async () => {
  await cloud?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** Stops the emulator and starts it again on the same data, with the results due sent. */
async function restart() {
  const port = Number(new URL(cloud.url).port)
  await cloud.close()
  cloud = await startTestCloud({ dataDir, seed: false, port })
  await cloud.app.redelivered
}

/** A confirmed salaried member's order for March, made through the dues function. */
async function ordered(openid: string) {
  const dues = cloud.as(openid, { now: MARCH }).dues
  dataOf(await dues.declareBase({ kind: 'salary', baseFen: 800_000 }))
  dataOf(
    await cloud.as(SECRETARY, { now: MARCH }).dues.confirmBase({ memberId: memberIdOf(openid) }),
  )
  return dataOf(await dues.pay({ month: '2026-03' })).outTradeNo
}

const orderOf = async (outTradeNo: string) =>
  (await cloud.pay.orders()).find((o) => o.outTradeNo === outTradeNo)

/** The member's March: one payment record, one 按时交纳 in the ledger and in the month's counter. */
async function paidOnce(openid: string, outTradeNo: string) {
  expect(await cloud.docs('dues_payments', { memberId: memberIdOf(openid) })).toEqual([
    expect.objectContaining({ month: '2026-03', amountFen: 12_000, outTradeNo, onTime: true }),
  ])
  expect(await ledgerOf(cloud, openid, 'duesOnTime')).toHaveLength(1)
  expect((await memberCounter(cloud, openid, '2026-03')).counts.duesOnTime).toBe(1)
}

test('orders and their results survive a restart: paid after, known after, a due result sent once', async () => {
  const waiting = await ordered('demo-member-5')
  const paid = await ordered('demo-member-6')
  const kept = await ordered('demo-member-7')
  const paidAt = { now: '2026-03-05T10:01:00+08:00' }
  expect((await cloud.pay.settle(paid, 'success', paidAt)).body).toMatchObject({
    reply: { errcode: 0, errmsg: 'OK' },
  })
  // Paid at WeChat Pay, the callback not through when the emulator stops.
  await cloud.pay.settle(kept, 'success', { ...paidAt, deliver: false })
  expect(await cloud.docs('dues_payments', { memberId: memberIdOf('demo-member-7') })).toEqual([])

  await restart()
  // The kept-back result went to dues at start, and was recorded.
  expect(await orderOf(kept)).toMatchObject({ state: 'SUCCESS', deliveries: [expect.anything()] })
  await paidOnce('demo-member-7', kept)

  // Made before, paid after: the callback's queryOrder finds it paid.
  expect(await orderOf(waiting)).toMatchObject({ state: 'NOTPAY', totalFee: 12_000 })
  const settled = await cloud.pay.settle(waiting, 'success', {
    now: '2026-03-06T09:00:00+08:00',
  })
  expect(settled).toMatchObject({ status: 200, body: { reply: { errcode: 0, errmsg: 'OK' } } })
  await paidOnce('demo-member-5', waiting)

  // Paid before: WeChat Pay's repeated callback is still answered from the order, and changes nothing.
  expect(await orderOf(paid)).toMatchObject({ state: 'SUCCESS', deliveries: [expect.anything()] })
  expect((await cloud.pay.notify(paid)).body).toMatchObject({ reply: { errcode: 0, errmsg: 'OK' } })
  expect((await cloud.pay.settle(paid, 'fail')).status).toBe(409)
  await paidOnce('demo-member-6', paid)

  // Acknowledged results are not sent again by the next start.
  await restart()
  expect(await orderOf(kept)).toMatchObject({ deliveries: [expect.anything()] })
  expect(await orderOf(paid)).toMatchObject({
    deliveries: [expect.anything(), expect.anything()],
  })
  for (const [openid, no] of [
    ['demo-member-5', waiting],
    ['demo-member-6', paid],
    ['demo-member-7', kept],
  ])
    await paidOnce(openid, no)
  // The orders are the emulator's own: neither the database nor the console's collections show them.
  expect(cloud.app.store.names()).not.toContain('__cloudpay_orders')
  expect(await cloud.docs('__cloudpay_orders').catch((e: Error) => e.message)).toMatch(/not exist/)
})
