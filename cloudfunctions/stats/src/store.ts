// Reads and writes of the stats function: counters, snapshots and paging, each a bounded number of round trips.
import type { RuleCounts } from '../../../typings/participation'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { rows } from '../../_shared/db'
import { COUNTER_FIELDS, type CounterRow } from '../../_shared/month-counters'
import type { OrgDoc } from '../../_shared/records'

export const PAGE = 1000

/** What settlement reads of a counter: also the refusals, to check counts + refused against the ledger. */
export type SettledCounter = CounterRow & { refused?: RuleCounts }
export const SETTLED_FIELDS = { ...COUNTER_FIELDS, refused: true }

export const memberSnapshotId = (month: string, branchId: string) => `members_${month}_${branchId}`
export const branchSnapshotId = (month: string, scopeId: string) => `branches_${month}_${scopeId}`
export const reminderId = (month: string, memberId: string) => `${month}_${memberId}`

/** A member's reminder of a month, written before it is sent (reminderId): at most one a month. */
export type ReminderMarker = {
  _id: string
  month: string
  memberId: string
  branchId: string
  at: Date
  sent: boolean
  error?: string
}

/** Every document matching `where`, paged by `_id` cursor (limit 1000); an index on (filter…, _id) serves it. */
export async function pageAll<T extends { _id: string }>(
  collection: string,
  where: Record<string, unknown>,
  field?: Record<string, boolean>,
): Promise<T[]> {
  const db = getDb()
  const _ = db.command
  const out: T[] = []
  let cursor: string | null = null
  for (;;) {
    const q = db
      .collection(collection)
      .where(cursor === null ? where : { ...where, _id: _.gt(cursor) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
    const page: T[] = await rows<T>(field ? q.field({ ...field, _id: true }) : q)
    out.push(...page)
    if (page.length < PAGE) return out
    cursor = page[page.length - 1]._id
  }
}

/** Branches of a community, or of the district when communityId is null. */
export function branchesOf(communityId: string | null): Promise<OrgDoc[]> {
  return pageAll<OrgDoc>(
    COLLECTIONS.orgs,
    communityId ? { level: 'branch', communityId } : { level: 'branch' },
  )
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>) {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
