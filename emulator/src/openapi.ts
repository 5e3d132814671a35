import { randomBytes } from 'node:crypto'
import protobuf from 'protobufjs'
import { HttpError } from './errors'

/** The slice of wx-server-sdk's openapi.proto that cloud.openapi.* uses (field ids from its generated pb js). */
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
})
const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

/** One security.mediaCheckAsync request; `delivered` is the result event once the function `fn` has handled it. */
export interface MediaCheck extends Record<string, unknown> {
  trace_id: string
  at: string
  /** The function to push the result to; undefined when the request came from outside a function. */
  fn?: string
  delivered: Record<string, unknown> | null
  /** What that function answered to the pushed event (or the error it failed with). */
  reply?: unknown
}

/** A media URL with this marker (or a blocked word) is judged risky, so tests can choose the outcome. */
/** A malformed wx.openApi body is the client's fault, answered 400 like any other bad request. */
function decodeRequest(requestData: Buffer) {
  try {
    return CommApiData.decode(requestData)
  } catch {
    throw new HttpError(400, 'requestData 不是有效的 protobuf')
  }
}

export const RISKY_MEDIA_MARKER = 'risky'
/** A media URL with this marker (and nothing risky) gets 'review': WeChat is unsure and wants a person. */
export const REVIEW_MEDIA_MARKER = 'needs-review'

export interface OutboxMessage {
  touser: unknown
  template_id: unknown
  page: unknown
  data: unknown
  sentAt: string
}

/** Label per blocked word (WeChat msgSecCheck labels: 20002 色情, 20006 违法犯罪, 21000 其他). */
const DEFAULT_WORDS: Record<string, number> = {
  赌博: 20006,
  色情: 20002,
  代开发票: 20006,
  枪支: 20006,
}

/** Deterministic stand-ins for WeChat's content security, subscription messages and phone numbers. */
export class OpenApi {
  readonly words = new Map<string, number>(Object.entries(DEFAULT_WORDS))
  readonly outbox: OutboxMessage[] = []
  /** Users who have not turned on notifications: WeChat refuses every subscription message to them. */
  readonly unsubscribed = new Set<string>()
  readonly mediaChecks: MediaCheck[] = []

  constructor(private readonly clock: () => number = Date.now) {}

  addWords(words: string[], label = 21000): void {
    for (const w of words) if (w) this.words.set(w, label)
  }

  /** Handles one `wx.openApi` form (`fn`: where a media check's result goes): the protobuf reply body, and a media check it started. */
  handle(
    apiName: string,
    requestData: Buffer,
    now = this.clock(),
    fn?: string,
  ): { body: Buffer; mediaCheck?: MediaCheck } {
    const msg = CommApiData.toObject(decodeRequest(requestData), { bytes: Buffer }) as {
      openapiData?: { pairs?: { key: string; value?: Buffer }[] }
    }
    const params: Record<string, unknown> = {}
    for (const p of msg.openapiData?.pairs ?? []) {
      const text = p.value ? Buffer.from(p.value).toString('utf8') : ''
      try {
        params[p.key] = JSON.parse(text)
      } catch {
        params[p.key] = text
      }
    }
    const result = this.call(apiName, params, now, fn)
    const respData = Buffer.from(JSON.stringify(result))
    const resp = CommOpenApiResp.create({ respData, contentType: 'application/json', errorCode: 0 })
    const body = Buffer.from(CommOpenApiResp.encode(resp).finish())
    const started = apiName === 'security.mediaCheckAsync' && result.errcode === 0
    return { body, mediaCheck: started ? this.mediaChecks[this.mediaChecks.length - 1] : undefined }
  }

  /**
   * The 消息推送 event WeChat sends with a media check's result: risky when the URL (decoded, since file
   * ids travel percent-encoded) holds a blocked word or the risky marker, review with the review marker,
   * else pass.
   */
  mediaCheckEvent(check: MediaCheck, appid: string, now: number): Record<string, unknown> {
    let url = String(check.media_url ?? '')
    try {
      url = decodeURIComponent(url)
    } catch {
      // a malformed escape: judge the URL as sent
    }
    const word = [...this.words].find(([w]) => url.includes(w))
    const risky = !!word || url.includes(RISKY_MEDIA_MARKER)
    const suggest = risky ? 'risky' : url.includes(REVIEW_MEDIA_MARKER) ? 'review' : 'pass'
    const label = word ? word[1] : risky ? 21000 : 100
    return {
      ToUserName: `gh_${appid}`,
      FromUserName: check.openid,
      CreateTime: Math.floor(now / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid,
      trace_id: check.trace_id,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: risky ? 90 : 0 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
    }
  }

  call(
    apiName: string,
    p: Record<string, unknown>,
    now: number,
    fn?: string,
  ): Record<string, unknown> {
    const traceId = randomBytes(12).toString('hex')
    switch (apiName) {
      case 'security.msgSecCheck': {
        const content = String(p.content ?? '')
        const hit = [...this.words].find(([w]) => content.includes(w))
        if (Number(p.version) !== 2)
          return hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' }
        const suggest = hit ? 'risky' : 'pass'
        const label = hit ? hit[1] : 100
        return {
          errcode: 0,
          errmsg: 'ok',
          result: { suggest, label },
          detail: [
            { strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 },
            {
              strategy: 'keyword',
              errcode: 0,
              suggest,
              label,
              level: hit ? 20 : 0,
              keyword: hit?.[0],
            },
          ],
          trace_id: traceId,
        }
      }
      case 'security.mediaCheckAsync':
        if (!p.media_url) return { errcode: 47003, errmsg: 'argument invalid! media_url required' }
        this.mediaChecks.push({
          ...p,
          trace_id: traceId,
          at: new Date(now).toISOString(),
          fn,
          delivered: null,
        })
        return { errcode: 0, errmsg: 'ok', trace_id: traceId }
      case 'subscribeMessage.send':
        if (!p.touser || !p.template_id)
          return { errcode: 47003, errmsg: 'argument invalid! touser/template_id required' }
        if (this.unsubscribed.has(String(p.touser)))
          return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
        this.outbox.push({
          touser: p.touser,
          template_id: p.template_id,
          page: p.page,
          data: p.data,
          sentAt: new Date(now).toISOString(),
        })
        return { errcode: 0, errmsg: 'ok', msgid: Date.now() }
      case 'phonenumber.getPhoneNumber': {
        // Test and demo codes carry their number (`demo-phone-13912345678`); anything else is a bad code.
        const phone = /^demo-phone-(\d{11})$/.exec(String(p.code ?? ''))?.[1]
        if (!phone) return { errcode: 40029, errmsg: 'invalid code' }
        return {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86' },
        }
      }
      default:
        return { errcode: -1, errmsg: `openapi.${apiName} is not emulated locally` }
    }
  }
}

export type MultipartPart = { name: string; filename?: string; data: Buffer }

/** Minimal multipart/form-data parser: node-sdk's small form fields, and a mini-program's wx.uploadFile. */
export function parseMultipartParts(body: Buffer, contentType: string): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const parts: MultipartPart[] = []
  if (!m) return parts
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`)
  let pos = body.indexOf(delimiter)
  while (pos !== -1) {
    const start = pos + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    const part = body.subarray(start + 2, next - 2) // skip CRLF after delimiter and before the next one
    const split = part.indexOf('\r\n\r\n')
    const headers = part.subarray(0, split).toString('utf8')
    const name = /\bname="([^"]*)"/i.exec(headers)?.[1]
    const filename = /\bfilename="([^"]*)"/i.exec(headers)?.[1]
    if (name !== undefined) parts.push({ name, filename, data: part.subarray(split + 4) })
    pos = next
  }
  return parts
}

/** The form's fields by name (the last one wins). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  return new Map(parseMultipartParts(body, contentType).map((p) => [p.name, p.data]))
}
