// Who is staffed: the branches with an active secretary, the communities with an active admin. One grouped
// count (a row per org, however many members), so every org is judged at any size.
import { COLLECTIONS } from '../../_shared/collections'
import { aggregate } from '../../_shared/db'
import { GROUPS } from './domain'

/** The ids (branches, communities) with an active member in `role`, among members matching `within`. */
export async function staffed(
  role: 'secretary' | 'communityAdmin',
  field: 'branchId' | 'adminCommunityId',
  within: { communityId?: string } = {},
) {
  const found = await aggregate<{ _id: string | null }>(COLLECTIONS.members, [
    { $match: { ...within, status: 'active', roles: role } },
    { $group: { _id: `$${field}` } },
    { $limit: GROUPS },
  ])
  return new Set(found.flatMap((g) => (g._id ? [g._id] : [])))
}
