// Reads and writes of the stats function: counters, snapshots and paging, each a bounded number of round trips.
import type { RuleCounts } from '../../../typings/participation'
import { COLLECTIONS } from '../../_shared/collections'
import { pageAll } from '../../_shared/db'
import { COUNTER_FIELDS, type CounterRow } from '../../_shared/month-counters'
import type { OrgDoc } from '../../_shared/records'

// Paging and bounded concurrency are shared (the dues function reads and reminds the same way).
export { PAGE, mapLimit, pageAll } from '../../_shared/db'

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
  /** Not sent: the secretary's 一键提醒 had reminded the member that day (remindOncePerDay). */
  remindedToday?: true
}

/** Branches of a community, or of the district when communityId is null. */
export function branchesOf(communityId: string | null): Promise<OrgDoc[]> {
  return pageAll<OrgDoc>(
    COLLECTIONS.orgs,
    communityId ? { level: 'branch', communityId } : { level: 'branch' },
  )
}
