// Branches (独立 / 联合 / 楼宇 / 园区 / 行业), kept by their community's admin and district admins: create,
// rename or retype, retire. Retiring never deletes, and is refused while members are in the branch or
// organisations are covered by it.
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { count, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict } from '../../../_shared/errors'
import { assertTextSafe } from '../../../_shared/security'
import { officerOf } from '../../../member/src/transfer-store'
import { branchOf, branchRetireRefusal, changeRefusal, retiredOf } from '../register'
import {
  assertNameFree,
  createOrgOnce,
  managedBranch,
  managedCommunity,
  namedOf,
  releaseName,
  renameHolding,
  transfersInFlight,
} from '../register-store'

const GRANTS = ['communityAdmin', 'districtAdmin'] as const

export const createBranch = defineAction('org', 'createBranch', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const community = await managedCommunity(caller, input.communityId)
    const { org } = await createOrgOnce(
      caller,
      input,
      'branch',
      { id: community._id, communityId: community._id, districtId: community.districtId },
      { branchType: input.branchType, lastNewsAt: null },
    )
    return { branch: branchOf(org, 0, 0) }
  },
})

/** Active members and those awaiting approval in a branch, and the organisations it covers. */
const holdings = (branchId: string) => {
  const db = getDb()
  return Promise.all([
    count(
      db
        .collection(COLLECTIONS.members)
        .where({ branchId, status: db.command.in(['active', 'pending']) }),
    ),
    count(db.collection(COLLECTIONS.organizations).where({ branchId })),
  ])
}

export const updateBranch = defineAction('org', 'updateBranch', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const b = await managedBranch(caller, input.branchId)
    const [, , [members, organizations]] = await Promise.all([
      assertNameFree('branch', b.parentId ?? '', input.name, b._id),
      assertTextSafe(caller.openid, 1, input.name),
      holdings(b._id),
    ])
    // Saved as it was: nothing to write (an update that changes nothing would read as retired).
    if (!b.retiredAt && input.name === b.name && input.branchType === b.branchType)
      return { branch: branchOf(b, members, organizations) }
    const changed = await renameHolding(b, { name: input.name }, () =>
      updatedCount(
        getDb()
          .collection(COLLECTIONS.orgs)
          .where({ _id: b._id, retiredAt: null })
          .update({
            data: { name: input.name, branchType: input.branchType, updatedAt: nowDate() },
          }),
      ),
    )
    if (!changed) throw conflict('该支部已撤销')
    const updated = { ...b, name: input.name, branchType: input.branchType }
    return { branch: branchOf(updated, members, organizations) }
  },
})

export const retireBranch = defineAction('org', 'retireBranch', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const b = await managedBranch(caller, input.branchId)
    const [held, inFlight] = await Promise.all([holdings(b._id), transfersInFlight(b._id)])
    const refusal = branchRetireRefusal(...held) ?? changeRefusal(inFlight, '撤销')
    if (refusal) throw conflict(refusal)
    const retired = { retiredAt: nowDate(), retiredBy: officerOf(caller) }
    const orgs = getDb().collection(COLLECTIONS.orgs)
    const done = await updatedCount(
      orgs
        .where({ _id: b._id, retiredAt: null })
        .update({ data: { ...retired, updatedAt: retired.retiredAt } }),
    )
    if (!done) throw conflict('该支部已撤销')
    // A member accepted or registered in the meantime: the branch is open again, and the admin is told.
    const late = branchRetireRefusal(...(await holdings(b._id)))
    if (late) {
      await orgs.doc(b._id).update({ data: { retiredAt: null, retiredBy: null } })
      throw conflict(late)
    }
    await releaseName(namedOf(b))
    return { branchId: b._id, retired: retiredOf(retired) }
  },
})
