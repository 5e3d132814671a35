// Merging a branch into another, and moving one to another community; each is logged in org_changes, which
// member.history joins into each moved member's history.
// Merging (a community admin within their community, a district admin anywhere): its members and those
// awaiting approval move to the other branch, with their month as a transfer moves it (their counter in the old
// branch is closed and keeps what they earned there; one opens in the new branch), the organisations it covers
// move with them, and it is retired — nothing is deleted. The log is written first, so a merge cut short is
// finished by running it again. The branch merged into keeps its secretary and the merged branch's offices end
// (its secretary carries on when the branch merged into has none), decided under both branches' leases.
import { BRANCH_OFFICES, branchOffices, withBranchLeases } from '../../../_shared/branch-offices'
import { isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { monthOf, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { addIfAbsent, findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid } from '../../../_shared/errors'
import { closeMemberMonths, openMemberMonths } from '../../../_shared/month-counters'
import { nextMonth } from '../../../_shared/participation'
import type {
  MemberDoc,
  MergeLog,
  MoveLog,
  OrgDoc,
  OrganizationDoc,
} from '../../../_shared/records'
import { officerOf } from '../../../member/src/transfer-store'
import { changeRefusal, coverageRefusal, retiredOf } from '../register'
import {
  assertNameFree,
  managedBranch,
  managedCommunity,
  namedOf,
  releaseName,
  renameHolding,
  transfersInFlight,
} from '../register-store'

/** A branch's members at most (as _shared/branches reads them). */
const BRANCH_MEMBERS = 1000
/** Members moved at once: each move is a few round trips. */
const BATCH = 10

type Mover = Pick<MemberDoc, '_id' | 'name' | 'status' | 'roles'>

/** Why `from` cannot be merged into `into` as things stand (null: it can), and an earlier run's log. */
async function mergeCheck(from: OrgDoc, into: OrgDoc) {
  const db = getDb()
  const [inFlight, covered, earlier] = await Promise.all([
    transfersInFlight(from._id),
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
    changeRefusal(inFlight, '合并') ??
    covered.map((o) => coverageRefusal(o.coverage, into.branchType)).find(Boolean) ??
    (earlier && earlier.intoBranchId !== into._id
      ? '该支部正在合并到另一个支部，请先完成那次合并'
      : null)
  return { refusal, earlier }
}

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
    // Checked before the leases too, so that a merge refused as things stand writes nothing.
    const before = await mergeCheck(from, into)
    if (before.refusal) throw conflict(before.refusal)
    // Under both branches' leases: no appointment changes their offices while the merge decides who keeps one.
    return withBranchLeases([from._id, into._id], async () => {
      const db = getDb()
      const _ = db.command
      const members = db.collection(COLLECTIONS.members)
      const [{ refusal, earlier }, movers, intoSecretaries] = await Promise.all([
        mergeCheck(from, into),
        rows<Mover>(
          members
            .where({ branchId: from._id, status: _.in(['active', 'pending']) })
            .field({ name: true, status: true, roles: true })
            .limit(BRANCH_MEMBERS),
        ),
        rows<Pick<MemberDoc, '_id'>>(
          members
            .where({ branchId: into._id, status: 'active', roles: 'secretary' })
            .field({ _id: true })
            .limit(10),
        ),
      ])
      if (refusal) throw conflict(refusal)

      // The branch merged into keeps its secretary; the merged branch's carries on there only when it has none.
      const officers = movers
        .filter((m) => m.status === 'active' && branchOffices(m.roles).length)
        .map((m) => ({ memberId: m._id, roles: branchOffices(m.roles) }))
      const planned = earlier
        ? (earlier.secretaryKept ?? null)
        : intoSecretaries.length
          ? null
          : (officers.find((o) => o.roles.includes('secretary'))?.memberId ?? null)
      // A rerun: a secretary appointed there since the first run holds the office.
      const secretaryKept =
        planned && intoSecretaries.every((s) => s._id === planned) ? planned : null
      const log: MergeLog = earlier ?? {
        _id: `merge-${from._id}`,
        kind: 'merge',
        fromBranchId: from._id,
        intoBranchId: into._id,
        memberIds: movers.map((m) => m._id),
        offices: officers,
        secretaryKept,
        at: nowDate(),
        by: officerOf(caller),
      }
      if (!earlier) await addIfAbsent(COLLECTIONS.orgChanges, log)
      else if ((earlier.secretaryKept ?? null) !== secretaryKept)
        await db.collection(COLLECTIONS.orgChanges).doc(log._id).update({ data: { secretaryKept } })

      const month = monthOf(nowDate())
      const moveOne = async (m: Mover) => {
        await members.where({ _id: m._id, branchId: from._id }).update({
          data: {
            branchId: into._id,
            communityId: into.communityId,
            roles: _.pullAll(m._id === secretaryKept ? ['infoOfficer'] : BRANCH_OFFICES),
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
      const all = [
        ...movers,
        // A rerun: those the first run moved, whose months may not have moved yet.
        ...(earlier
          ? await rows<Mover>(
              members
                .where({
                  _id: _.in(earlier.memberIds.filter((id) => !movers.some((m) => m._id === id))),
                  branchId: into._id,
                })
                .field({ name: true, status: true, roles: true })
                .limit(BRANCH_MEMBERS),
            )
          : []),
      ]
      for (let i = 0; i < all.length; i += BATCH)
        await Promise.all(all.slice(i, i + BATCH).map(moveOne))

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
      await releaseName(namedOf(from))
      return {
        fromBranchId: from._id,
        intoBranchId: into._id,
        moved: log.memberIds.length,
        retired: retiredOf(retired),
      }
    })
  },
})

/**
 * A district admin moves a branch to another community. From this month on it counts there: the branch, its
 * members (active and awaiting approval) and this month's and later counters name the new community, so the
 * month's community rankings and settlement place the whole month there; settled months stay as settled.
 */
export const moveBranch = defineAction('org', 'moveBranch', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['districtAdmin'],
  async run({ caller }, { branchId, toCommunityId }) {
    const [branch, to] = await Promise.all([
      managedBranch(caller, branchId),
      managedCommunity(caller, toCommunityId),
    ])
    if (!isDistrictAdmin(caller)) throw denied('只有区委组织部管理员可以调整支部所属社区')
    if (branch.communityId === to._id) throw invalid('该支部已在这个社区')
    const [inFlight] = await Promise.all([
      transfersInFlight(branch._id),
      assertNameFree('branch', to._id, branch.name),
    ])
    const refusal = changeRefusal(inFlight, '调整')
    if (refusal) throw conflict(refusal)
    const db = getDb()
    const _ = db.command
    const now = nowDate()
    const month = monthOf(now)
    const log: MoveLog = {
      _id: `move-${branch._id}-${now.getTime()}`,
      kind: 'move',
      branchId: branch._id,
      fromCommunityId: branch.communityId ?? '',
      toCommunityId: to._id,
      month,
      at: now,
      by: officerOf(caller),
    }
    // Its name is claimed in the new community before anything is written.
    const moved = await renameHolding(branch, { parentId: to._id }, async () => {
      await addIfAbsent(COLLECTIONS.orgChanges, log)
      return updatedCount(
        db
          .collection(COLLECTIONS.orgs)
          .where({ _id: branch._id, communityId: branch.communityId, retiredAt: null })
          // A 党总支 is its community's: the branch leaves its one.
          .update({
            data: { parentId: to._id, communityId: to._id, generalBranchId: null, updatedAt: now },
          }),
      )
    })
    if (!moved) throw conflict('该支部刚被调整或撤销，请刷新后再试')
    const community = { communityId: to._id }
    const [members] = await Promise.all([
      updatedCount(
        db
          .collection(COLLECTIONS.members)
          .where({ branchId: branch._id, status: _.in(['active', 'pending']) })
          .update({ data: { ...community, updatedAt: now } }),
      ),
      db
        .collection(COLLECTIONS.memberMonths)
        .where({ branchId: branch._id, month: _.gte(month) })
        .update({ data: community }),
      db
        .collection(COLLECTIONS.branchMonths)
        .where({ branchId: branch._id, month: _.gte(month) })
        .update({ data: community }),
    ])
    return { branchId: branch._id, communityId: to._id, members, month }
  },
})
