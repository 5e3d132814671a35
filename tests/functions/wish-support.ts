// Helpers for the wish function tests: typed calls at a given time, stored wishes, the outbox, the timer.
import type { Reply } from '../../typings/common'
import type { WishOutputs } from '../../typings/wish'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { WishDoc } from '../../cloudfunctions/wish/src/store'
import { type TestCloud, dataOf, postJson } from '../support/cloud'

export type WishAction = keyof WishOutputs

export const ADMIN_XINHUA = 'demo-community-admin-1'
export const ADMIN_JIANGSU = 'demo-community-admin-2'
/** demo-resident-1 lives in community-xinhua. */
export const RESIDENT = 'demo-resident-1'
export const RESIDENT_PHONE = '15800000701'

let titles = 0

export function wishes(cloud: TestCloud) {
  const call = <A extends WishAction>(openid: string, action: A, payload?: unknown, now?: string) =>
    cloud.callAs<WishOutputs[A]>(openid, 'wish', action, payload, now ? { now } : {})
  const ok = async <A extends WishAction>(
    openid: string,
    action: A,
    payload?: unknown,
    now?: string,
  ) => dataOf(await call(openid, action, payload, now))
  const stored = async (wishId: string) => {
    const [doc] = await rows<WishDoc>(cloud.db.collection('wishes').where({ _id: wishId }))
    return doc
  }
  /** A new wish by `resident`, still waiting for review. */
  const submitted = async (resident = RESIDENT, extra: object = {}) => {
    titles += 1
    const { wish } = await ok(resident, 'submit', {
      title: `帮忙修理收音机${titles}`,
      description: '家里的老收音机不响了，想请人帮忙看看',
      category: '服务',
      address: '新华路 211 弄 3 号 502 室',
      ...extra,
    })
    return wish.id
  }
  return {
    call,
    ok,
    stored,
    submitted,
    /** A new wish by `resident`, reviewed and published by their community's admin. */
    async published(resident = RESIDENT, admin = ADMIN_XINHUA, extra: object = {}) {
      const wishId = await submitted(resident, extra)
      await ok(admin, 'review', { wishId, decision: 'publish' })
      return wishId
    },
    async outbox() {
      const res = await fetch(`${cloud.url}/__outbox`)
      return (await res.json()) as {
        touser: string
        template_id: string
        page: string
        data: Record<string, { value: string }>
      }[]
    },
    async runFlagTimer(now: string) {
      const res = await postJson(`${cloud.url}/__triggers/wish/flagOverdue`, {}, { 'x-now': now })
      return (res.body as { result: { flagged: number } | Reply<unknown> }).result
    },
    ledgerOf: (openid: string) =>
      rows<{ _id: string; ref: string; points: number }>(
        cloud.db
          .collection('participation_ledger')
          .where({ memberId: memberIdOf(openid), rule: 'wishFulfilled' }),
      ),
  }
}
