import { CloudPay, type PayOrder } from './cloudpay'
import { MAX_DEPTH, nestsDeeper, type Json } from './ejson'
import { HttpError, TcbError } from './errors'
import { type MediaCheck, OpenApi } from './openapi'
import { handleDatabase } from './protocol'
import { Runner, type Invocation } from './runner'
import { batchGetDownloadUrl, type FileStore } from './storage'
import { randomHex, type Store } from './store'

export interface CallRecord {
  id: string
  fn: string
  action?: string
  openid?: string
  startedAt: string
  durationMs: number
  code: string
  dbRoundTrips: number
  docsExamined: number
}
interface CollectionStats {
  roundTrips: number
  docsExamined: number
}

export const requestId = () => randomHex(8)
const MAX_CALLS = 2000
/** WeChat pushes a media check's result later; a few ms keeps "later" real but tests fast. */
const MEDIA_RESULT_DELAY_MS = 5

/** Everything behind the HTTP surface: database, openapi stand-ins, function runner, logs and stats. */
export class App {
  readonly calls: CallRecord[] = []
  /** Invocations in progress, by id: a pushed result waits until its asker has finished. */
  private readonly running = new Map<string, Promise<void>>()
  /** Cloud payment's orders (cloud.cloudPay.*), paid or failed through POST /__pay/<outTradeNo>. */
  readonly cloudPay: CloudPay
  /** The results of payments sent again at start (`redeliverPayments`), done once this settles. */
  redelivered: Promise<void> = Promise.resolve()
  /** While set, media check results wait here (tests look at the pending state, then release them). */
  private heldResults: (() => void)[] | null = null
  readonly stats = {
    requests: 0,
    roundTrips: 0,
    docsExamined: 0,
    collections: {} as Record<string, CollectionStats>,
  }

  constructor(
    readonly store: Store,
    readonly runner: Runner,
    readonly openapi: OpenApi,
    /** What mini-programs (POST /__upload) and functions (PUT /__cos/…) upload, and temporary URLs serve
     * (GET /__files/<id>). */
    readonly files: FileStore,
    /** The emulator's own http://host:port, known once it listens (temporary file URLs point here). */
    readonly baseUrl: () => string = () => '',
    /** Where media check results are pushed (EmulatorOptions.mediaCheckPushTo); unset: to the asker. */
    readonly mediaCheckPushTo?: string,
  ) {
    this.cloudPay = new CloudPay(store)
  }

  resetStats(): void {
    Object.assign(this.stats, { requests: 0, roundTrips: 0, docsExamined: 0, collections: {} })
  }

  private collectionStats(name: string): CollectionStats {
    return (this.stats.collections[name] ??= { roundTrips: 0, docsExamined: 0 })
  }

  /** Runs a function and logs the call; `openid` undefined means no user identity. */
  async invoke(fn: string, event: Json, o: { openid?: string; now?: string } = {}) {
    const inv: Invocation = {
      id: requestId(),
      fn,
      action: typeof event.action === 'string' ? event.action : undefined,
      openid: o.openid,
      now: o.now,
      startedAt: Date.now(),
      roundTrips: 0,
      docsExamined: 0,
    }
    const full = { ...event, userInfo: { openId: o.openid ?? '', appId: this.runner.appid } }
    let code = 'ERROR'
    let finished = () => {}
    this.running.set(inv.id, new Promise<void>((r) => (finished = r)))
    try {
      const result = await this.runner.invoke(inv, full)
      const r = result as { ok?: unknown; code?: unknown } | null
      code = r && typeof r === 'object' ? (r.ok ? 'OK' : String(r.code ?? 'ERROR')) : 'ERROR'
      return { result, inv }
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) code = 'NOT_FOUND'
      throw e
    } finally {
      this.running.delete(inv.id)
      finished()
      if (this.runner.find(fn)) {
        this.calls.push({
          id: inv.id,
          fn,
          action: inv.action,
          openid: inv.openid,
          startedAt: new Date(inv.startedAt).toISOString(),
          durationMs: Date.now() - inv.startedAt,
          code,
          dbRoundTrips: inv.roundTrips,
          docsExamined: inv.docsExamined,
        })
        if (this.calls.length > MAX_CALLS) this.calls.splice(0, this.calls.length - MAX_CALLS)
      }
    }
  }

  /** One tcb-api request; `inv` is the invocation that sent it, when attributable. */
  async admin(body: Record<string, unknown>, inv?: Invocation): Promise<Json> {
    const rid = requestId()
    const action = String(body.action ?? '')
    this.stats.requests++
    try {
      if (action.startsWith('database.')) {
        this.stats.roundTrips++
        if (inv) inv.roundTrips++
        const name = typeof body.collectionName === 'string' ? body.collectionName : ''
        if (name) this.collectionStats(name).roundTrips++
        const now = inv?.now ? Date.parse(inv.now) : NaN
        return await handleDatabase(this.store, body, {
          requestId: rid,
          now: () => (Number.isNaN(now) ? Date.now() : now),
          examined: (c, n) => {
            this.stats.docsExamined += n
            this.collectionStats(c).docsExamined += n
            if (inv) inv.docsExamined += n
          },
        })
      }
      if (action === 'functions.invokeFunction') return await this.invokeFunction(body, rid, inv)
      if (action === 'storage.batchGetDownloadUrl')
        return batchGetDownloadUrl(body, this.baseUrl(), rid)
      if (action === 'storage.getUploadMetadata')
        return this.files.uploadMetadata(body, this.baseUrl(), rid)
      if (action === 'storage.batchDeleteFile') return this.files.batchDelete(body, rid)
      throw new TcbError(
        'INVALID_ACTION',
        `action ${action} is not supported by the local emulator`,
      )
    } catch (e) {
      if (e instanceof TcbError) return { code: e.code, message: e.message, requestId: rid }
      return { code: 'SYS_ERR', message: (e as Error).message ?? String(e), requestId: rid }
    }
  }

  /** One `wx.openApi` call (protobuf in and out); a media check a function started gets its result pushed. */
  openApi(apiName: string, requestData: Buffer, inv?: Invocation): Buffer {
    this.stats.requests++
    const now = inv?.now ? Date.parse(inv.now) : undefined
    const pushTo = inv && (this.mediaCheckPushTo ?? inv.fn)
    const { body, mediaCheck } = this.openapi.handle(apiName, requestData, now, pushTo)
    // Real results take seconds, so never before the asking call has stored its trace ids.
    if (mediaCheck && inv)
      void (this.running.get(inv.id) ?? Promise.resolve()).then(() => {
        const push = () => {
          const timer: { unref?: () => void } = setTimeout(
            () => void this.pushMediaResult(mediaCheck, inv),
            MEDIA_RESULT_DELAY_MS,
          )
          // Page tests run the emulator under jsdom, whose timers are plain numbers without unref.
          timer.unref?.()
        }
        if (this.heldResults) this.heldResults.push(push)
        else push()
      })
    return body
  }

  /** One `wx.wxPayApi` call (cloud.cloudPay.*): JSON bytes in and out. */
  payApi(apiName: string, requestData: Buffer, inv?: Invocation): Promise<Buffer> {
    this.stats.requests++
    const now = inv?.now ? Date.parse(inv.now) : Date.now()
    return this.cloudPay.handle(apiName, requestData, this.runner.appid, now, inv?.fn, inv?.openid)
  }

  /** A person or a test pays (or fails) an order; its result goes to the order's function unless `deliver`
   * is false (a callback lost on the way: the result stays due). */
  async settlePayment(
    outTradeNo: string,
    outcome: 'success' | 'fail',
    o: { now?: string; paidFee?: number; deliver?: boolean } = {},
  ) {
    const at = o.now ? Date.parse(o.now) : Date.now()
    const order = await this.cloudPay.settle(outTradeNo, outcome, at, o.paidFee)
    // Kept back, the result stays due: it goes when the emulator next starts, as WeChat Pay's retries do.
    if (o.deliver === false) return { order, reply: null }
    return this.deliverPayment(outTradeNo, o.now)
  }

  /**
   * CloudBase's payment callback: the order's function runs with the result event and the payer as its user
   * (event.userInfo.openId). WeChat Pay repeats it until answered errcode 0; a test repeats it by asking again.
   */
  async deliverPayment(
    outTradeNo: string,
    now?: string,
  ): Promise<{ order: PayOrder; reply: unknown }> {
    const order = this.cloudPay.order(outTradeNo)
    if (!order) throw new HttpError(404, `订单 ${outTradeNo} 不存在`)
    if (order.state === 'NOTPAY') throw new HttpError(409, `订单 ${outTradeNo} 尚未支付`)
    const event = this.cloudPay.resultEvent(order, this.runner.appid) as Json
    let reply: unknown
    try {
      reply = (await this.invoke(order.fn, event, { openid: order.openid, now })).result
    } catch (e) {
      reply = { error: (e as Error).message }
    }
    return { order: await this.cloudPay.delivered(outTradeNo, Date.now(), reply), reply }
  }

  /**
   * Sends each result its function has not acknowledged (paid or failed before the last stop, the callback
   * kept back or cut off) once more, as WeChat Pay goes on sending it; `redelivered` settles when all are done.
   */
  redeliverPayments(log: (line: string) => void): void {
    const due = this.cloudPay.unacknowledged()
    this.redelivered = Promise.all(
      due.map((o) =>
        this.deliverPayment(o.outTradeNo).catch((e) =>
          log(`[cloudpay] ${o.outTradeNo}: ${(e as Error).message}`),
        ),
      ),
    ).then(() => {})
  }

  /** Holds media check results back (`true`), or pushes the held ones and stops holding (`false`). */
  holdMediaResults(hold: boolean): void {
    const held = this.heldResults
    this.heldResults = hold ? (held ?? []) : null
    if (!hold) for (const push of held ?? []) push()
  }

  /** The 消息推送 of a media check's result: the function it goes to runs, with no user identity. */
  private async pushMediaResult(check: MediaCheck, asker: Invocation): Promise<void> {
    const now = asker.now ? Date.parse(asker.now) : Date.now()
    const event = this.openapi.mediaCheckEvent(check, this.runner.appid, now)
    try {
      check.reply = (await this.invoke(check.fn ?? asker.fn, event, { now: asker.now })).result
    } catch (e) {
      check.reply = { error: (e as Error).message }
    }
    check.delivered = event
  }

  /** Server-side cloud.callFunction: no user identity; the caller's clock carries over. */
  private async invokeFunction(body: Record<string, unknown>, rid: string, caller?: Invocation) {
    const name = String(body.function_name ?? '')
    if (!this.runner.find(name))
      throw new TcbError('FUNCTIONS_REQUEST_FAIL', `FunctionName ${name} not found`)
    let event: Json = {}
    try {
      event = body.request_data ? (JSON.parse(String(body.request_data)) as Json) : {}
    } catch {
      throw new TcbError('INVALID_PARAM', 'request_data must be JSON')
    }
    if (nestsDeeper(event))
      throw new TcbError('INVALID_PARAM', `request_data nested deeper than ${MAX_DEPTH} levels`)
    try {
      const { result } = await this.invoke(name, event, { now: caller?.now })
      return { requestId: rid, data: { response_data: JSON.stringify(result ?? null) } }
    } catch (e) {
      throw new TcbError('FUNCTIONS_EXECUTE_FAIL', (e as Error).message)
    }
  }
}
