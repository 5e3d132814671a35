import { randomBytes } from 'node:crypto'
import { HttpError } from './errors'
import type { CollectionSpec, Store } from './store'

/**
 * A stand-in for CloudBase cloud payment (`cloud.cloudPay.*` → `wx.wxPayApi`): wx-server-sdk sends the call's
 * parameters as snake_case JSON bytes and reads back JSON (camelCasing it). unifiedOrder opens an order that
 * waits for a person or a test (POST /__pay/<outTradeNo>) to pay it or fail it; the result then goes to the
 * order's function as CloudBase's payment callback does; queryOrder answers the order's state.
 */
export type PayOrder = {
  /** The outTradeNo: orders are documents of the store's PAY_ORDERS collection. */
  _id: string
  outTradeNo: string
  /** The function the result goes to (unifiedOrder's function_name). */
  fn: string
  openid?: string
  body: string
  totalFee: number
  subMchId: string
  nonceStr: string
  prepayId: string
  /** NOTPAY until settled; SUCCESS or PAYERROR after. */
  state: 'NOTPAY' | 'SUCCESS' | 'PAYERROR'
  /** What was paid (a test may pay a different amount than ordered). */
  paidFee?: number
  transactionId?: string
  timeEnd?: string
  createdAt: string
  /**
   * Settled, and its function has not yet acknowledged the result (errcode 0): WeChat Pay keeps sending it,
   * so the emulator sends it again when it next starts.
   */
  notifyPending: boolean
  /** Each callback delivered, with what the function answered. */
  deliveries: { at: string; reply: unknown }[]
}

/**
 * Where orders live: a collection of the store, so they are logged, fsynced and snapshotted with the database
 * and survive a restart as it does. Its `__` name keeps it out of the database functions and the console see.
 */
export const PAY_ORDERS: CollectionSpec = { name: '__cloudpay_orders' }

const MCH_ID = '1800008281'
const yyyyMMddHHmmss = (ms: number) =>
  new Date(ms + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14)

export class CloudPay {
  constructor(private readonly store: Store) {}

  order(outTradeNo: string): PayOrder | undefined {
    return this.store.col(PAY_ORDERS.name).docs.get(outTradeNo) as PayOrder | undefined
  }

  orders(): PayOrder[] {
    return [...this.store.col(PAY_ORDERS.name).docs.values()] as PayOrder[]
  }

  /**
   * Stores a new version of an order: in memory at once (so a second call sees it), answered once on disk.
   * Stored documents are never changed in place.
   */
  private async save(order: PayOrder): Promise<PayOrder> {
    const tx = this.store.tx()
    this.store.write(tx, PAY_ORDERS.name, order._id, order)
    await this.store.finish(tx)
    return order
  }

  /**
   * One `wx.wxPayApi` call: the JSON answer WeChat Pay gives (snake_case), as bytes, once what the call did
   * is stored.
   */
  async handle(
    apiName: string,
    requestData: Buffer,
    appid: string,
    now: number,
    fn?: string,
    openid?: string,
  ) {
    let p: Record<string, unknown>
    try {
      p = JSON.parse(requestData.toString('utf8') || '{}') as Record<string, unknown>
    } catch {
      throw new HttpError(400, 'requestData 不是有效的 JSON')
    }
    return Buffer.from(JSON.stringify(await this.call(apiName, p, appid, now, fn, openid)))
  }

  async call(
    apiName: string,
    p: Record<string, unknown>,
    appid: string,
    now: number,
    fn?: string,
    openid?: string,
  ): Promise<Record<string, unknown>> {
    const fail = (code: string, des: string) => ({
      return_code: 'SUCCESS',
      return_msg: 'OK',
      result_code: 'FAIL',
      err_code: code,
      err_code_des: des,
    })
    const outTradeNo = String(p.out_trade_no ?? '')
    switch (apiName) {
      case 'unifiedOrder': {
        const fee = p.total_fee
        if (!p.body || !/^[\w\-|*]{1,32}$/.test(outTradeNo))
          return fail('PARAM_ERROR', 'body 和 out_trade_no（至多 32 位）必填')
        if (typeof fee !== 'number' || !Number.isInteger(fee) || fee <= 0)
          return fail('PARAM_ERROR', 'total_fee 须为正整数（分）')
        if (!p.function_name) return fail('PARAM_ERROR', 'function_name 必填')
        if (this.order(outTradeNo)) return fail('INVALID_REQUEST', '商户订单号重复')
        const nonceStr = String(p.nonce_str ?? randomBytes(8).toString('hex'))
        const prepayId = `wx${yyyyMMddHHmmss(now)}${randomBytes(9).toString('hex')}`
        // No await before the write: a second order of the same number, asked meanwhile, finds this one.
        await this.save({
          _id: outTradeNo,
          outTradeNo,
          fn: String(p.function_name ?? fn),
          // No undefined fields: the log would bring them back as null.
          ...(openid ? { openid } : {}),
          body: String(p.body),
          totalFee: fee,
          subMchId: String(p.sub_mch_id ?? ''),
          nonceStr,
          prepayId,
          state: 'NOTPAY',
          createdAt: new Date(now).toISOString(),
          notifyPending: false,
          deliveries: [],
        })
        return {
          return_code: 'SUCCESS',
          return_msg: 'OK',
          result_code: 'SUCCESS',
          appid,
          mch_id: MCH_ID,
          sub_appid: appid,
          sub_mch_id: p.sub_mch_id ?? '',
          nonce_str: nonceStr,
          trade_type: 'JSAPI',
          prepay_id: prepayId,
          sign: 'LOCAL',
          payment: {
            appId: appid,
            timeStamp: String(Math.floor(now / 1000)),
            nonceStr,
            package: `prepay_id=${prepayId}`,
            signType: 'MD5',
            paySign: 'LOCAL',
          },
        }
      }
      case 'queryOrder': {
        const order = this.order(outTradeNo)
        if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在')
        return {
          return_code: 'SUCCESS',
          return_msg: 'OK',
          result_code: 'SUCCESS',
          out_trade_no: outTradeNo,
          trade_state: order.state,
          total_fee: order.state === 'SUCCESS' ? order.paidFee : order.totalFee,
          ...(order.state === 'SUCCESS'
            ? { transaction_id: order.transactionId, time_end: order.timeEnd }
            : {}),
        }
      }
      default:
        return { return_code: 'FAIL', return_msg: `cloudPay.${apiName} is not emulated locally` }
    }
  }

  /** Pays (or fails) a waiting order; `paidFee` lets a test pay another amount than ordered. */
  async settle(
    outTradeNo: string,
    outcome: 'success' | 'fail',
    now: number,
    paidFee?: number,
  ): Promise<PayOrder> {
    const order = this.order(outTradeNo)
    if (!order) throw new HttpError(404, `订单 ${outTradeNo} 不存在`)
    if (order.state !== 'NOTPAY') throw new HttpError(409, `订单 ${outTradeNo} 已经${order.state}`)
    const settled =
      outcome === 'success'
        ? {
            state: 'SUCCESS' as const,
            paidFee: paidFee ?? order.totalFee,
            transactionId: `4200${yyyyMMddHHmmss(now)}${randomBytes(5).toString('hex')}`,
            timeEnd: yyyyMMddHHmmss(now),
          }
        : { state: 'PAYERROR' as const }
    return this.save({ ...order, ...settled, notifyPending: true })
  }

  /** Notes a callback's delivery; an answer of errcode 0 is WeChat Pay's sign to stop sending the result. */
  async delivered(outTradeNo: string, at: number, reply: unknown): Promise<PayOrder> {
    // Read again: another delivery of the same order may have been noted while this one ran.
    const order = this.order(outTradeNo)!
    const acknowledged = (reply as { errcode?: unknown } | null)?.errcode === 0
    return this.save({
      ...order,
      notifyPending: order.notifyPending && !acknowledged,
      deliveries: [...order.deliveries, { at: new Date(at).toISOString(), reply }],
    })
  }

  /** Settled orders whose result their function has not acknowledged. */
  unacknowledged(): PayOrder[] {
    return this.orders().filter((o) => o.notifyPending)
  }

  /** The payment callback's event (微信支付 支付结果通知, camelCased as CloudBase delivers it). */
  resultEvent(order: PayOrder, appid: string): Record<string, unknown> {
    const paid = order.state === 'SUCCESS'
    return {
      appid,
      mchId: MCH_ID,
      subAppid: appid,
      subMchId: order.subMchId,
      nonceStr: order.nonceStr,
      returnCode: 'SUCCESS',
      resultCode: paid ? 'SUCCESS' : 'FAIL',
      ...(paid ? {} : { errCode: 'PAYERROR', errCodeDes: '支付失败' }),
      openid: order.openid ?? '',
      subOpenid: order.openid ?? '',
      isSubscribe: 'N',
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: paid ? order.paidFee : order.totalFee,
      cashFee: paid ? order.paidFee : 0,
      feeType: 'CNY',
      outTradeNo: order.outTradeNo,
      ...(paid ? { transactionId: order.transactionId, timeEnd: order.timeEnd } : {}),
    }
  }
}
