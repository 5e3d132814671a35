// The secretary's 组织关系接转 lines: members asking to leave the branch (to release) and members released by
// another branch to join it (to accept), oldest first.
import { TRANSFER_STATE_LABELS } from '../../../typings/transfer'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { rows } from '../../_shared/db'
import type { TransferDoc } from '../../member/src/transfer'
import { SCAN_LIMIT, dayText, itemOf } from './domain'

type Waiting = Pick<TransferDoc, '_id' | 'name' | 'from' | 'to' | 'state' | 'createdAt'>

/** One read: both kinds wait in the same list, oldest first. */
export async function transferItems(branchId: string) {
  const _ = getDb().command
  const waiting = await rows<Waiting>(
    getDb()
      .collection(COLLECTIONS.transfers)
      .where(
        _.or([
          { 'from.branchId': branchId, state: 'requested' },
          { 'to.branchId': branchId, state: 'released' },
        ]),
      )
      .orderBy('createdAt', 'asc')
      .field({ name: true, from: true, to: true, state: true, createdAt: true })
      .limit(SCAN_LIMIT),
  )
  return waiting.map((t) =>
    itemOf(
      t._id,
      t.state === 'requested'
        ? `${t.name}申请转出到${t.to.branchName}`
        : `${t.name}申请从${t.from.branchName}转入`,
      `${TRANSFER_STATE_LABELS[t.state]} · ${dayText(t.createdAt)}提交`,
    ),
  )
}
