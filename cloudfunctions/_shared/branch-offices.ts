// A branch's offices (支部书记, 信息员) are its own: they end when their holder leaves the branch (a transfer, a
// merge), and a branch has at most one secretary. Appointments, acceptances and merges each change a branch's
// offices and members holding its lease, so none of them acts on what another is changing at that moment.
import type { Role } from '../../typings/member'
import { getDb } from './cloud'
import { nowDate } from './clock'
import { COLLECTIONS } from './collections'
import { updatedCount } from './db'
import { conflict } from './errors'

/** The roles held in a branch, dropped by leaving it. */
export const BRANCH_OFFICES: Role[] = ['secretary', 'infoOfficer']

export const isBranchOffice = (role: Role) => BRANCH_OFFICES.includes(role)

/** The branch offices among `roles`. */
export const branchOffices = (roles: readonly Role[]) =>
  BRANCH_OFFICES.filter((r) => roles.includes(r))

/** How long a change may hold a branch's lease before another may take it (a crashed run's). */
const LEASE_MS = 30_000

/** Takes a branch's lease (secretaryLeaseMs) by a conditional update: whether it was free, or left by a crash. */
async function take(branchId: string, at: number) {
  const _ = getDb().command
  return !!(await updatedCount(
    getDb()
      .collection(COLLECTIONS.orgs)
      .where(
        _.or([
          { _id: branchId, secretaryLeaseMs: _.exists(false) },
          { _id: branchId, secretaryLeaseMs: _.lt(at - LEASE_MS) },
        ]),
      )
      .update({ data: { secretaryLeaseMs: at } }),
  ))
}

/** Releases a lease this run took (not one another took after ours ran out). */
const release = (branchId: string, at: number) =>
  getDb()
    .collection(COLLECTIONS.orgs)
    .where({ _id: branchId, secretaryLeaseMs: at })
    .update({ data: { secretaryLeaseMs: 0 } })

/**
 * Runs `work` holding the leases of the branches named; CONFLICT, with nothing done, while another appointment,
 * acceptance or merge holds one of them. Leases are never waited for, so two changes cannot deadlock.
 */
export async function withBranchLeases<T>(branchIds: string[], work: () => Promise<T>): Promise<T> {
  const at = nowDate().getTime()
  const taken: string[] = []
  try {
    for (const id of new Set(branchIds)) {
      if (!(await take(id, at))) throw conflict('该支部的书记或成员正在由他人调整，请稍后刷新再试')
      taken.push(id)
    }
    return await work()
  } finally {
    await Promise.all(taken.map((id) => release(id, at)))
  }
}
