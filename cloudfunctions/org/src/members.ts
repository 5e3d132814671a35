import { COLLECTIONS } from '../../_shared/collections'
import { aggregate } from '../../_shared/db'

/** Active members per branch, counted by the database in one aggregation. */
export async function activeMembersByBranch(branchId?: string): Promise<Map<string, number>> {
  const found = await aggregate<{ _id: string | null; n: number }>(COLLECTIONS.members, [
    { $match: branchId ? { status: 'active', branchId } : { status: 'active' } },
    { $group: { _id: '$branchId', n: { $sum: 1 } } },
    { $limit: 100_000 },
  ])
  return new Map(found.filter((r) => r._id).map((r) => [r._id as string, r.n]))
}
