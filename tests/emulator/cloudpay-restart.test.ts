// Cloud payment's orders outlive a restart of the emulator on the same data folder, as the database does: an
// order the dues function made before is paid after, one paid before is still known to its callback and to
// queryOrder, and a result whose callback never got through goes to the function once when the emulator starts.
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { type TestCloud, dataOf, memberCounter, startTestCloud } from '../support/cloud'
import type { PayOrder } from '../support/platform'
import { until } from '../support/until'
import { ledgerOf } from '../functions/ledger-fixtures'
import { getJson, serveCli, tempDir, writeFunction } from './helpers'

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
  const joined = cloud.db
    .collection('members')
    .aggregate()
    .lookup({ from: '__cloudpay_orders', localField: 'openid', foreignField: '_id', as: 'o' })
    .limit(1)
    .end()
  expect(await Promise.resolve(joined).catch((e: Error) => e.message)).toMatch(/not exist/)
})

// The first result it gets never comes back (the emulator is killed while it runs); any later one is answered.
const SHOP = `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const seen = cloud.database().collection('orgs')
exports.main = async (event) => {
  if (event.outTradeNo && event.returnCode) {
    const _id = 'callback-' + event.outTradeNo
    if (!(await seen.where({ _id }).get()).data.length) {
      await seen.add({ data: { _id } })
      await new Promise(() => {})
    }
    return { errcode: 0, errmsg: 'OK' }
  }
  return cloud.cloudPay.unifiedOrder({
    body: '党费-2026年3月', outTradeNo: event.outTradeNo, spbillCreateIp: '127.0.0.1', subMchId: '1900000109',
    totalFee: 500, envId: cloud.getWXContext().ENV, functionName: 'shop', nonceStr: 'n', tradeType: 'JSAPI',
  })
}
`

test('a callback cut off by kill -9 is delivered once by the next start', async () => {
  const data = tempDir('pay-kill')
  const fns = tempDir('pay-kill-fns')
  const procs: ChildProcess[] = []
  writeFunction(fns, 'shop', SHOP)
  try {
    const first = await serveCli(data, fns, procs)
    const post = (path: string, body: object, headers = {}) =>
      fetch(`${first.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    await post('/fn/shop', { outTradeNo: 'K202603kill' }, { 'x-wx-openid': 'o_payer' })
    // Paid; its callback is running when the emulator dies, so this request never gets an answer.
    const paying = post('/__pay/K202603kill', { result: 'success' }).catch(() => null)
    const seen = async (url: string) =>
      (await getJson<{ docs: { _id: string }[] }>(`${url}/__collections/orgs?limit=100`)).docs
        .length > 0
    await until(() => seen(first.url), 'the callback to start')
    first.proc.kill('SIGKILL')
    expect(await paying).toBeNull()

    const second = await serveCli(data, fns, procs)
    const order = async () =>
      (await getJson<PayOrder[]>(`${second.url}/__pay`)).find((o) => o.outTradeNo === 'K202603kill')
    await until(async () => !!(await order())?.deliveries.length, 'the result sent again')
    // Acknowledged: no later start sends it again.
    expect(await order()).toMatchObject({
      state: 'SUCCESS',
      totalFee: 500,
      notifyPending: false,
      deliveries: [{ reply: { errcode: 0, errmsg: 'OK' } }],
    })
  } finally {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
    fs.rmSync(data, { recursive: true, force: true })
    fs.rmSync(fns, { recursive: true, force: true })
  }
})
