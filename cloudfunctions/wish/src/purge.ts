// The privacy guide's promise for 微心愿: kept 3 years as the community's service record, then the resident's
// contact details go. The daily timer `purgeContacts` (config.json) removes them from finished wishes.
import type { WishStatus } from '../../../typings/wish'
import { getDb } from '../../_shared/cloud'
import { now } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { rows } from '../../_shared/db'
import { stopAfter } from '../../_shared/timer'
import { surnameOnly } from '../../_shared/names'
import type { WishDoc } from './store'

/** Years a finished wish keeps its contact details (the guide's 保存多久). */
export const WISH_CONTACT_RETENTION_YEARS = 3

/** Finished: nothing more happens to these, so no one needs to reach the resident. */
export const FINISHED_STATUSES: readonly WishStatus[] = ['已完成', '已取消', '未通过']

const BATCH = 50

type Purgeable = Pick<WishDoc, '_id' | 'residentName' | 'claimer'>

/**
 * Removes the resident's name (keeping the surname the wall shows), phone, address and the extra 联系电话, and
 * the claimer's phone kept for the resident to call, from wishes finished (last changed) more than 3 years
 * ago. Each is marked contactPurgedAt, so a repeated or overlapping run finds nothing more; 50 at a time, and
 * no new batch after `budgetMs` (the next day's run carries on).
 */
export async function purgeWishContacts(budgetMs = 40_000) {
  const db = getDb()
  const _ = db.command
  const wishes = db.collection(COLLECTIONS.wishes)
  const at = now()
  const cutoff = at.subtract(WISH_CONTACT_RETENTION_YEARS, 'year').toDate()
  const stop = stopAfter(budgetMs)
  let purged = 0
  for (;;) {
    if (stop()) return { purged, more: true }
    const batch = await rows<Purgeable>(
      wishes
        .where({
          contactPurgedAt: null,
          status: _.in([...FINISHED_STATUSES]),
          updatedAt: _.lt(cutoff),
        })
        .field({ residentName: true, claimer: true })
        .limit(BATCH),
    )
    await Promise.all(
      batch.map((w) =>
        wishes.where({ _id: w._id, contactPurgedAt: null }).update({
          data: {
            residentName: surnameOnly(w.residentName),
            residentPhone: '',
            address: null,
            contactPhone: null,
            ...(w.claimer?.phone ? { 'claimer.phone': _.remove() } : {}),
            contactPurgedAt: at.toDate(),
          },
        }),
      ),
    )
    purged += batch.length
    if (batch.length < BATCH) return { purged, more: false }
  }
}
