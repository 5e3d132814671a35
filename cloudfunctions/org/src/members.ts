import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'

/** Active members per branch, counted by the database in one aggregation. */
export async function activeMembersByBranch(branchId?: string): Promise<Map<string, number>> {
  const db = getDb()
  const res = (await db
    .collection(COLLECTIONS.members)
    .aggregate()
    .match(branchId ? { status: 'active', branchId } : { status: 'active' })
    .group({ _id: '$branchId', count: db.command.aggregate.sum(1) })
    .end()) as { list: { _id: string | null; count: number }[] }
  return new Map(res.list.filter((r) => r._id).map((r) => [r._id as string, r.count]))
}
