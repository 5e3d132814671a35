// Merging a branch into another (a community admin within their community, a district admin anywhere): its
// members and those awaiting approval move to the other branch, with their month as a transfer moves it (their
// counter in the old branch is closed and keeps what they earned there; one opens in the new branch), the
// organisations it covers move with them, and it is retired — nothing is deleted. The change is logged in
// org_changes first, so a merge cut short is finished by running it again.
import { getDb } from '../../../_shared/cloud'
import { monthOf, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { addIfAbsent, count, findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, invalid } from '../../../_shared/errors'
import { closeMemberMonths, openMemberMonths } from '../../../_shared/month-counters'
import { nextMonth } from '../../../_shared/participation'
import type { MemberDoc, OrganizationDoc } from '../../../_shared/records'
import { officerOf } from '../../../member/src/transfer-store'
import { coverageRefusal, mergeRefusal, retiredOf } from '../register'
import { managedBranch } from '../register-store'

/** A branch's members at most (as _shared/branches reads them). */
const BRANCH_MEMBERS = 1000
/** Members moved at once: each move is a few round trips. */
const BATCH = 10

type MergeLog = {
  _id: string
  kind: 'merge'
  fromBranchId: string
  intoBranchId: string
  /** Everyone moved, recorded before the first is: a rerun moves the same people. */
  memberIds: string[]
  at: Date
  by: { id: string; name: string }
}

type Mover = Pick<MemberDoc, '_id' | 'name' | 'status'>

export const mergeBranches = defineAction('org', 'mergeBranches', {
  audience: 'member',
  roles: ['communityAdmin', 'districtAdmin'],
  scope: ['communityAdmin', 'districtAdmin'],
  async run({ caller }, { fromBranchId, intoBranchId }) {
    if (fromBranchId === intoBranchId) throw invalid('请选择另一个支部合并')
    const [from, into] = await Promise.all([
      managedBranch(caller, fromBranchId),
      managedBranch(caller, intoBranchId),
    ])
    const db = getDb()
    const _ = db.command
    const pending = _.in(['requested', 'released'])
    const [outgoing, incoming, members, covered, earlier] = await Promise.all([
      count(
        db.collection(COLLECTIONS.transfers).where({ 'from.branchId': from._id, state: pending }),
      ),
      count(
        db.collection(COLLECTIONS.transfers).where({ 'to.branchId': from._id, state: pending }),
      ),
      rows<Mover>(
        db
          .collection(COLLECTIONS.members)
          .where({ branchId: from._id, status: _.in(['active', 'pending']) })
          .field({ name: true, status: true })
          .limit(BRANCH_MEMBERS),
      ),
      rows<Pick<OrganizationDoc, '_id' | 'coverage'>>(
        db
          .collection(COLLECTIONS.organizations)
          .where({ branchId: from._id })
          .field({ coverage: true })
          .limit(BRANCH_MEMBERS),
      ),
      findById<MergeLog>(COLLECTIONS.orgChanges, `merge-${from._id}`),
    ])
    const refusal =
      mergeRefusal(outgoing + incoming) ??
      covered.map((o) => coverageRefusal(o.coverage, into.branchType)).find(Boolean) ??
      null
    if (refusal) throw conflict(refusal)
    if (earlier && earlier.intoBranchId !== into._id)
      throw conflict('该支部正在合并到另一个支部，请先完成那次合并')

    const log: MergeLog = earlier ?? {
      _id: `merge-${from._id}`,
      kind: 'merge',
      fromBranchId: from._id,
      intoBranchId: into._id,
      memberIds: members.map((m) => m._id),
      at: nowDate(),
      by: officerOf(caller),
    }
    if (!earlier) await addIfAbsent(COLLECTIONS.orgChanges, log)

    const month = monthOf(nowDate())
    const moveOne = async (m: Mover) => {
      await db
        .collection(COLLECTIONS.members)
        .where({ _id: m._id, branchId: from._id })
        .update({
          data: {
            branchId: into._id,
            communityId: into.communityId,
            roles: _.pullAll(['secretary', 'infoOfficer']),
            updatedAt: nowDate(),
          },
        })
      if (m.status !== 'active') return
      // As a transfer moves a member's month (member/transfer-store moveMember): idempotent, so a rerun is safe.
      await openMemberMonths(
        { _id: m._id, name: m.name, branchId: into._id, communityId: into.communityId },
        [month, nextMonth(month)],
      )
      await closeMemberMonths(m._id, month, from._id)
    }
    const movers = [
      ...members,
      // A rerun: those the first run moved, whose months may not have moved yet.
      ...(earlier
        ? await rows<Mover>(
            db
              .collection(COLLECTIONS.members)
              .where({
                _id: _.in(earlier.memberIds.filter((id) => !members.some((m) => m._id === id))),
                branchId: into._id,
              })
              .field({ name: true, status: true })
              .limit(BRANCH_MEMBERS),
          )
        : []),
    ]
    for (let i = 0; i < movers.length; i += BATCH)
      await Promise.all(movers.slice(i, i + BATCH).map(moveOne))

    await db
      .collection(COLLECTIONS.organizations)
      .where({ branchId: from._id })
      .update({ data: { branchId: into._id } })
    const retired = { retiredAt: nowDate(), retiredBy: officerOf(caller) }
    const done = await updatedCount(
      db
        .collection(COLLECTIONS.orgs)
        .where({ _id: from._id, retiredAt: null })
        .update({ data: { ...retired, mergedInto: into._id, updatedAt: retired.retiredAt } }),
    )
    if (!done) throw conflict('该支部已撤销')
    return {
      fromBranchId: from._id,
      intoBranchId: into._id,
      moved: log.memberIds.length,
      retired: retiredOf(retired),
    }
  },
})
