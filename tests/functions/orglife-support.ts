// Helpers for the orglife function tests: calls at a given time, the timer, the outbox and stored documents.
import type { OrglifeOutputs } from '../../typings/orglife'
import type { Reply } from '../../typings/common'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { type TestCloud, dataOf, postJson } from '../support/cloud'

export type Action = keyof OrglifeOutputs

export function orglife(cloud: TestCloud) {
  const call = <A extends Action>(openid: string, action: A, payload: unknown, now: string) =>
    cloud.callAs<OrglifeOutputs[A]>(openid, 'orglife', action, payload, { now })
  const ok = async <A extends Action>(openid: string, action: A, payload: unknown, now: string) =>
    dataOf(await call(openid, action, payload, now))
  const docs = <T = Record<string, unknown>>(collection: string, where: object) =>
    rows<T>(cloud.db.collection(collection).where(where).limit(1000))
  return {
    call,
    ok,
    docs,
    /** Runs the timer trigger as the platform would, at `now`. */
    async tick(now: string) {
      const res = await postJson(`${cloud.url}/__triggers/orglife/tick`, {}, { 'x-now': now })
      return (res.body as { result: Reply<{ closed: number; sent: number }> }).result
    },
    /** Subscription messages sent so far that open the given session. */
    async outboxFor(sessionId: string) {
      const res = await fetch(`${cloud.url}/__outbox`)
      const all = (await res.json()) as { touser: string; template_id: string; page: string }[]
      return all.filter((m) => m.page === `pages/orglife-room/index?id=${sessionId}`)
    },
    ledgerOf: (openid: string, rule: string) =>
      docs<{ ref: string }>('participation_ledger', {
        memberId: memberIdOf(openid),
        rule,
      }),
  }
}

/** sessionDetail's or record's reply to a member of the session's branch: the whole meeting. */
export function inBranch<T extends { inBranch: boolean }>(
  reply: T,
): Extract<T, { inBranch: true }> {
  if (!reply.inBranch) throw new Error('expected the reply to a member of the branch')
  return reply as Extract<T, { inBranch: true }>
}

/** A session payload opening and closing at the given Shanghai times. */
export const sessionInput = (
  type: string,
  topic: string,
  opensAt: string,
  closesAt: string,
): Record<string, unknown> => ({
  type,
  topic,
  materials: { text: '学习材料：《中国共产党支部工作条例（试行）》第三章', links: [], images: [] },
  opensAt,
  closesAt,
})
