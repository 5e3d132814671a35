// 组织关系接转 lines: members asking to leave a branch (to release) and members released by another branch to
// join it (to accept), oldest first. The secretary's 待办 lists their branch's; the community admin's, those of
// the community's branches that have no secretary (the admin acts for them). A line's ref is the branch that
// acts, which the queue page opens.
import { TRANSFER_STATE_LABELS } from '../../../typings/transfer'
import type { TodoItem } from '../../../typings/todo'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { pageAll } from '../../_shared/db'
import type { TransferDoc } from '../../member/src/transfer'
import { groupBy } from '../../stats/src/domain'
import { firstCounted } from './counted'
import { dayText, itemOf } from './domain'

const FIELDS = {
  memberId: true,
  name: true,
  from: true,
  to: true,
  state: true,
  createdAt: true,
} as const

type Waiting = Pick<
  TransferDoc,
  '_id' | 'memberId' | 'name' | 'from' | 'to' | 'state' | 'createdAt'
>

/** Transfers waiting at the secretary's branch, oldest first, counted. */
export function waitingAtBranch(branchId: string) {
  const _ = getDb().command
  return firstCounted<Waiting>(
    COLLECTIONS.transfers,
    _.or([
      { 'from.branchId': branchId, state: 'requested' },
      { 'to.branchId': branchId, state: 'released' },
    ]),
    ['createdAt', 'asc'],
    FIELDS,
  )
}

/** The branch that acts on a waiting transfer: the one left until it releases, then the one joined. */
const actingBranch = (t: Waiting) => (t.state === 'requested' ? t.from : t.to)

export const itemOfTransfer = (t: Waiting): TodoItem => ({
  ...itemOf(
    t._id,
    t.state === 'requested'
      ? `${t.name}申请转出到${t.to.branchName}`
      : `${t.name}申请从${t.from.branchName}转入`,
    `${actingBranch(t).branchName} · ${TRANSFER_STATE_LABELS[t.state]} · ${dayText(t.createdAt)}提交`,
  ),
  ref: actingBranch(t).branchId,
})

/** Those waiting at the community's branches with no active secretary but the member moving (a secretary does
 * not act on their own transfer), oldest first: every waiting transfer and secretary of the community is read
 * (each one page unless it holds more than 1000), as the branches they wait at are known only from the rows. */
export async function unstaffedTransferItems(communityId: string): Promise<TodoItem[]> {
  const [leaving, joining, secretaries] = await Promise.all([
    pageAll<Waiting>(
      COLLECTIONS.transfers,
      { 'from.communityId': communityId, state: 'requested' },
      FIELDS,
    ),
    pageAll<Waiting>(
      COLLECTIONS.transfers,
      { 'to.communityId': communityId, state: 'released' },
      FIELDS,
    ),
    pageAll<{ _id: string; branchId: string }>(
      COLLECTIONS.members,
      { communityId, status: 'active', roles: 'secretary' },
      { branchId: true },
    ),
  ])
  const secretariesOf = groupBy(secretaries, (s) => s.branchId)
  const staffed = (t: Waiting) =>
    (secretariesOf.get(actingBranch(t).branchId) ?? []).some((s) => s._id !== t.memberId)
  return [...leaving, ...joining]
    .filter((t) => !staffed(t))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map(itemOfTransfer)
}
