// What the WeChat platform does around a function, as the emulator stages it for tests: the subscription-message
// outbox, timer triggers, content security (blocked words, the asynchronous media check) and the call meter.
// Plain Node http throughout: the page tests' jsdom has no fetch.
import http from 'http'
import { until } from './until'

export type HttpReply = { status: number; headers: http.IncomingHttpHeaders; body: unknown }

/** A response's status, headers and JSON body (null when it has none). */
export function readJson(res: http.IncomingMessage): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    res.on('data', (c: Buffer) => chunks.push(c))
    res.on('error', reject)
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      try {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? JSON.parse(text) : null,
        })
      } catch (err) {
        reject(err)
      }
    })
  })
}

export function requestJson(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: data
          ? { 'content-type': 'application/json', 'content-length': data.length, ...headers }
          : headers,
      },
      (res) => readJson(res).then(resolve, reject),
    )
    req.on('error', reject)
    req.end(data)
  })
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  requestJson('POST', url, body, headers)

/** A subscription message as the emulator's 订阅消息 outbox keeps it. */
export type SentMessage = {
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
}

/** A cloud payment order as the emulator keeps it. */
export type PayOrder = {
  outTradeNo: string
  prepayId: string
  totalFee: number
  state: 'NOTPAY' | 'SUCCESS' | 'PAYERROR'
  deliveries: { reply: unknown }[]
}

/** One asynchronous media check: what was asked, and the result the emulator pushed (null while held). */
export type MediaCheck = {
  trace_id: string
  media_url: string
  delivered: object | null
  reply?: unknown
}

export function platform(url: string) {
  const body = async <T>(reply: Promise<HttpReply>) => (await reply).body as T
  const mediaChecks = (hold?: boolean) =>
    body<MediaCheck[]>(
      hold === undefined
        ? requestJson('GET', `${url}/__security/media-checks`)
        : postJson(`${url}/__security/media-checks`, { hold }),
    )
  return {
    /** Subscription messages sent so far, oldest first. */
    outbox: () => body<SentMessage[]>(requestJson('GET', `${url}/__outbox`)),
    clearOutbox: () => requestJson('DELETE', `${url}/__outbox`),
    /** Runs a function's timer trigger as the platform would, at `now`; answers what the function returned. */
    trigger: async <T = unknown>(fn: string, name: string, now?: string) =>
      (
        await body<{ result: T }>(
          postJson(`${url}/__triggers/${fn}/${name}`, {}, now ? { 'x-now': now } : {}),
        )
      ).result,
    /** Cloud payment: pay or fail an order (the result goes to its function), deliver the result again. */
    pay: {
      orders: () => body<PayOrder[]>(requestJson('GET', `${url}/__pay`)),
      settle: (
        outTradeNo: string,
        result: 'success' | 'fail',
        o: { now?: string; totalFee?: number; deliver?: boolean } = {},
      ) =>
        requestJson(
          'POST',
          `${url}/__pay/${encodeURIComponent(outTradeNo)}`,
          { result, totalFee: o.totalFee, deliver: o.deliver },
          o.now ? { 'x-now': o.now } : {},
        ),
      notify: (outTradeNo: string, now?: string) =>
        postJson(
          `${url}/__pay/${encodeURIComponent(outTradeNo)}/notify`,
          {},
          now ? { 'x-now': now } : {},
        ),
    },
    /** Makes msgSecCheck refuse text holding any of `words`. */
    blockWords: (words: string[]) => postJson(`${url}/__security/words`, { words }),
    /** Database round trips the emulator counted since the last `resetMeter`. */
    meter: () => body<{ roundTrips: number }>(requestJson('GET', `${url}/__stats`)),
    resetMeter: () => requestJson('DELETE', `${url}/__stats`),
    /** The emulator's call log, newest last. */
    calls: <T = unknown>(limit = 100) =>
      body<T[]>(requestJson('GET', `${url}/__calls?limit=${limit}`)),
    media: {
      checks: () => mediaChecks(),
      /** Holds results back (`true`), or pushes the held ones and stops holding (`false`). */
      hold: (on: boolean) => mediaChecks(on),
      /** Pushes one result as WeChat would: without x-wx-openid, so interact runs with no user. */
      push: (traceId: string, suggest: 'pass' | 'risky' | 'review') =>
        postJson(`${url}/fn/interact`, {
          MsgType: 'event',
          Event: 'wxa_media_check',
          trace_id: traceId,
          result: { suggest, label: 100 },
        }),
      /** Waits until the emulator has pushed (and interact has handled) every result for these trace ids. */
      async delivered(traceIds: string[]): Promise<MediaCheck[]> {
        let mine: MediaCheck[] = []
        await until(async () => {
          mine = (await mediaChecks()).filter((c) => traceIds.includes(c.trace_id))
          return mine.length === traceIds.length && mine.every((c) => c.delivered)
        }, 'the media check results')
        return mine
      },
    },
  }
}

export type Platform = ReturnType<typeof platform>
