// A branch and its active members, as several functions read them.
import { type Caller, isCommunityAdminOf, isDistrictAdmin, isSecretaryOf } from './caller'
import { getDb } from './cloud'
import { COLLECTIONS } from './collections'
import { aggregate, findById, rows } from './db'
import { denied, notFound } from './errors'
import type { MemberDoc, OrgDoc } from './records'

/** A branch has at most this many members, so one read holds them all. */
const BRANCH_MEMBERS = 1000

/** A branch by id, or NOT_FOUND 该支部不存在 (also for the id of a community or the district). */
export async function findBranch(branchId: string): Promise<OrgDoc> {
  const branch = await findById<OrgDoc>(COLLECTIONS.orgs, branchId)
  if (!branch || branch.level !== 'branch') throw notFound('该支部')
  return branch
}

/** Oversees the branch: its secretary, its community's admin or a district admin. */
const oversees = (caller: Caller, branch: OrgDoc) =>
  isSecretaryOf(caller, branch._id) ||
  isCommunityAdminOf(caller, branch.communityId) ||
  isDistrictAdmin(caller)

/**
 * A branch for whoever oversees it: its secretary, its community's admin or a district admin. Anyone else is
 * refused with `refusal` here, before a caller reads anything of the branch's members.
 */
export async function branchOverseenBy(caller: Caller, branchId: string, refusal: string) {
  const branch = await findBranch(branchId)
  if (!oversees(caller, branch)) throw denied(refusal)
  return branch
}

/** A branch for its members and whoever oversees it; anyone else is answered as for a missing id. */
export async function branchReadBy(caller: Caller, branchId: string): Promise<OrgDoc> {
  const branch = await findBranch(branchId)
  if (caller.member?.branchId !== branch._id && !oversees(caller, branch)) throw notFound('该支部')
  return branch
}

/** A branch's active members, each with its _id and the fields asked for: one read. */
export function activeMembersOf<K extends keyof MemberDoc>(
  branchId: string,
  fields: readonly K[],
): Promise<Pick<MemberDoc, '_id' | K>[]> {
  return rows(
    getDb()
      .collection(COLLECTIONS.members)
      .where({ branchId, status: 'active' })
      .field(Object.fromEntries(fields.map((f) => [f, true])))
      .limit(BRANCH_MEMBERS),
  )
}

/**
 * Active members per branch, within one branch, one community or (neither given) the whole district:
 * one aggregation, whatever the number of branches.
 */
export async function activeMemberCounts(
  within: { branchId?: string | object; communityId?: string } = {},
): Promise<Map<string, number>> {
  const found = await aggregate<{ _id: string | null; n: number }>(COLLECTIONS.members, [
    { $match: { ...within, status: 'active' } },
    { $group: { _id: '$branchId', n: { $sum: 1 } } },
    { $limit: 100_000 },
  ])
  return new Map(found.flatMap((r) => (r._id ? [[r._id, r.n] as const] : [])))
}
