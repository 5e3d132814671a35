// Domain data for the function tests, made through the typed client the way users make it: wishes by
// residents, org-life sessions by secretaries. (Ledger entries: ledger-fixtures.ts.)
import type { ActionInput, Reply, SessionType } from '../../typings/index'
import type { WishDoc } from '../../cloudfunctions/wish/src/store'
import { type TestCloud, dataOf } from '../support/cloud'

export const ADMIN_XINHUA = 'demo-community-admin-1'
export const ADMIN_JIANGSU = 'demo-community-admin-2'
/** demo-resident-1 lives in community-xinhua. */
export const RESIDENT = 'demo-resident-1'
export const RESIDENT_PHONE = '15800000701'

let titles = 0

/** Wishes by a resident: `submitted` waits for review, `published` is on the wall. */
export function wishes(cloud: TestCloud) {
  const submitted = async (
    resident = RESIDENT,
    extra: Partial<ActionInput<'wish', 'submit'>> = {},
  ) => {
    titles += 1
    const { wish } = dataOf(
      await cloud.as(resident).wish.submit({
        title: `帮忙修理收音机${titles}`,
        description: '家里的老收音机不响了，想请人帮忙看看',
        category: '服务',
        address: '新华路 211 弄 3 号 502 室',
        ...extra,
      }),
    )
    return wish.id
  }
  return {
    submitted,
    async published(
      resident = RESIDENT,
      admin = ADMIN_XINHUA,
      extra: Partial<ActionInput<'wish', 'submit'>> = {},
    ) {
      const wishId = await submitted(resident, extra)
      dataOf(await cloud.as(admin).wish.review({ wishId, decision: 'publish' }))
      return wishId
    },
    stored: (wishId: string) => cloud.doc<WishDoc>('wishes', wishId) as Promise<WishDoc>,
  }
}

/** A session payload opening and closing at the given Shanghai times. */
export const sessionInput = (
  type: SessionType,
  topic: string,
  opensAt: string,
  closesAt: string,
): ActionInput<'orglife', 'createSession'> => ({
  type,
  topic,
  materials: { text: '学习材料：《中国共产党支部工作条例（试行）》第三章', links: [], images: [] },
  opensAt,
  closesAt,
})

/** sessionDetail's or record's reply to a member of the session's branch: the whole meeting. */
export function inBranch<T extends { inBranch: boolean }>(
  reply: T,
): Extract<T, { inBranch: true }> {
  if (!reply.inBranch) throw new Error('expected the reply to a member of the branch')
  return reply as Extract<T, { inBranch: true }>
}

/** Runs org-life's timer trigger at `now`: it closes sessions past closes-at and sends the due messages. */
export const orglifeTick = (cloud: TestCloud, now: string) =>
  cloud.trigger<Reply<{ closed: number; sent: number }>>('orglife', 'tick', now)
