// 三会一课 in the officers' 待办: which branches of a community (or the district) held or planned each type
// within its window (cadenceWindows), as one grouped count. A district holds tens of thousands of sessions
// since last quarter; the answer is one small row per branch and type, whatever the number of sessions.
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { aggregate } from '../../_shared/db'
import { CADENCE, cadenceSince } from '../../_shared/orglife-rules'
import type { SessionType } from '../../../typings/orglife'
import type { SessionDoc } from '../../orglife/src/store'
import { GROUPS, cadenceWindows, heldKey } from './domain'

/** Every status but cancelled: an equality the (status, opensAt) index serves, unlike `neq`. */
const NOT_CANCELLED: readonly Exclude<SessionDoc['status'], 'cancelled'>[] = ['scheduled', 'closed']

/** heldKey of each (branch, type) with a session in its window: one aggregation. */
export async function heldCadence(scope: { communityId?: string }, now: Date) {
  const _ = getDb().command
  const found = await aggregate<{ _id: { branchId: string; type: SessionType } }>(
    COLLECTIONS.orglifeSessions,
    [
      {
        $match: _.and([
          {
            ...scope,
            status: _.in([...NOT_CANCELLED]),
            // The earliest window's start: a range the index narrows to.
            opensAt: _.gte(cadenceSince(now)),
          },
          _.or(
            cadenceWindows(now).map((w) => ({
              type: w.type,
              opensAt: _.gte(w.from).and(_.lt(w.to)),
            })),
          ),
        ]),
      },
      { $group: { _id: { branchId: '$branchId', type: '$type' } } },
      { $limit: GROUPS * CADENCE.length },
    ],
  )
  return new Set(found.map((g) => heldKey(g._id.branchId, g._id.type)))
}
