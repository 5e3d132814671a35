// Driving WeChat's asynchronous media check in the emulator: hold results back, push one by hand, and wait
// until interact has handled what the emulator pushed.
import { type TestCloud, postJson } from '../support/cloud'

export type Check = {
  trace_id: string
  media_url: string
  delivered: object | null
  reply?: unknown
}

/** `cloud` is read on each call, since the test file starts it in beforeAll. */
export function mediaCheck(cloud: () => TestCloud) {
  const checks = () =>
    fetch(`${cloud().url}/__security/media-checks`).then((r) => r.json()) as Promise<Check[]>
  const hold = (on: boolean) =>
    fetch(`${cloud().url}/__security/media-checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hold: on }),
    })

  /** Waits until the emulator has pushed (and interact has handled) every result for these trace ids. */
  async function delivered(traceIds: string[]): Promise<Check[]> {
    for (let i = 0; i < 300; i++) {
      const mine = (await checks()).filter((c) => traceIds.includes(c.trace_id))
      if (mine.length === traceIds.length && mine.every((c) => c.delivered)) return mine
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error('media check results were never delivered')
  }

  /** Pushes one result as WeChat would: without x-wx-openid the emulator invokes with no user identity. */
  const push = (traceId: string, suggest: 'pass' | 'risky' | 'review') =>
    postJson(`${cloud().url}/fn/interact`, {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: traceId,
      result: { suggest, label: 100 },
    })

  return { checks, hold, delivered, push }
}
