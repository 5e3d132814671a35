// Cloud payment through the real wx-server-sdk: cloud.cloudPay.unifiedOrder / queryOrder go over wx.wxPayApi to
// the emulator, and POST /__pay/<outTradeNo> pays or fails the order and delivers the result to the function
// named in the order, as CloudBase's payment callback does (with the payer as the user).
import { getJson, startTestEmulator, type TestEmulator } from './helpers'

const SHOP = `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async (event) => {
  if (event.outTradeNo && event.returnCode) {
    const q = await cloud.cloudPay.queryOrder({ outTradeNo: event.outTradeNo, subMchId: '1900000109', nonceStr: 'n' })
    return { errcode: 0, errmsg: 'OK', event, q, user: cloud.getWXContext().OPENID }
  }
  if (event.action === 'query')
    return cloud.cloudPay.queryOrder({ outTradeNo: event.outTradeNo, subMchId: '1900000109', nonceStr: 'n' })
  return cloud.cloudPay.unifiedOrder({
    body: '党费-2026年3月', outTradeNo: event.outTradeNo, spbillCreateIp: '127.0.0.1', subMchId: '1900000109',
    totalFee: event.totalFee, envId: cloud.getWXContext().ENV, functionName: 'shop', nonceStr: 'n', tradeType: 'JSAPI',
  })
}
`

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ shop: SHOP })
})
afterAll(() => t.close())

const post = async (path: string, body: object, headers: Record<string, string> = {}) => {
  const res = await fetch(`${t.emu.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const order = (outTradeNo: string, totalFee: unknown, openid = 'o_payer') =>
  post('/fn/shop', { outTradeNo, totalFee }, { 'x-wx-openid': openid })

test('unifiedOrder answers the payment for wx.requestPayment; queryOrder says NOTPAY until paid', async () => {
  const { body } = await order('D202603shop1', 1250)
  expect(body).toMatchObject({
    errCode: 0,
    errMsg: 'cloudPay.unifiedOrder:ok',
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    payment: { package: expect.stringMatching(/^prepay_id=wx/), signType: 'MD5' },
  })
  const queried = await post('/fn/shop', { action: 'query', outTradeNo: 'D202603shop1' })
  expect(queried.body).toMatchObject({
    resultCode: 'SUCCESS',
    tradeState: 'NOTPAY',
    totalFee: 1250,
  })
  expect(await getJson(`${t.emu.url}/__pay`)).toEqual([
    expect.objectContaining({ outTradeNo: 'D202603shop1', totalFee: 1250, state: 'NOTPAY' }),
  ])
})

test('an order a shop cannot make is answered FAIL, never a thrown error', async () => {
  expect((await order('D202603shop2', 0)).body).toMatchObject({
    returnCode: 'SUCCESS',
    resultCode: 'FAIL',
    errCode: 0,
  })
  expect((await order('D202603shop1', 100)).body).toMatchObject({ resultCode: 'FAIL' })
})

test('paying delivers the result to the order’s function as its payer, and again on request', async () => {
  await order('D202603shop3', 500, 'o_member')
  const paid = await post(
    '/__pay/D202603shop3',
    { result: 'success' },
    { 'x-now': '2026-03-10T10:00:00+08:00' },
  )
  expect(paid.status).toBe(200)
  expect(paid.body.reply).toMatchObject({
    errcode: 0,
    user: 'o_member',
    event: {
      outTradeNo: 'D202603shop3',
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      totalFee: 500,
      timeEnd: '20260310100000',
      userInfo: { openId: 'o_member' },
    },
    q: { tradeState: 'SUCCESS', totalFee: 500, transactionId: expect.any(String) },
  })
  const again = await post('/__pay/D202603shop3/notify', {})
  expect(again.body.order).toMatchObject({ deliveries: [expect.anything(), expect.anything()] })
  // Paid once: paying it again is refused, as is a result for an order never made.
  expect((await post('/__pay/D202603shop3', { result: 'fail' })).status).toBe(409)
  expect((await post('/__pay/D202603none', { result: 'success' })).status).toBe(404)
})

test('a failed payment, or one of another amount, is what queryOrder then reports', async () => {
  await order('D202603shop4', 800)
  const failed = await post('/__pay/D202603shop4', { result: 'fail' })
  expect(failed.body.reply).toMatchObject({
    event: { resultCode: 'FAIL' },
    q: { tradeState: 'PAYERROR' },
  })
  await order('D202603shop5', 800)
  const short = await post('/__pay/D202603shop5', { result: 'success', totalFee: 1 })
  expect(short.body.reply).toMatchObject({ q: { tradeState: 'SUCCESS', totalFee: 1 } })
})

test('a result can be kept back (a lost callback): paid at WeChat Pay, nothing delivered', async () => {
  await order('D202603shop7', 600)
  const paid = await post('/__pay/D202603shop7', { result: 'success', deliver: false })
  expect(paid.body).toMatchObject({ reply: null, order: { state: 'SUCCESS', deliveries: [] } })
  const queried = await post('/fn/shop', { action: 'query', outTradeNo: 'D202603shop7' })
  expect(queried.body).toMatchObject({ tradeState: 'SUCCESS', totalFee: 600 })
})

test('a malformed settlement is the client’s fault: 400, the order still waiting', async () => {
  await order('D202603shop6', 300)
  expect((await post('/__pay/D202603shop6', { result: 'maybe' })).status).toBe(400)
  expect((await post('/__pay/D202603shop6', { result: 'success', totalFee: 1.5 })).status).toBe(400)
  expect((await post('/__pay/D202603shop6/notify', {})).status).toBe(409)
  const queried = await post('/fn/shop', { action: 'query', outTradeNo: 'D202603shop6' })
  expect(queried.body).toMatchObject({ tradeState: 'NOTPAY' })
})
