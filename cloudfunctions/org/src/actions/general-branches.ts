// 联合党总支, where a district uses them: a level between a community and some of its branches, kept by the
// community's admin and district admins — create, rename, retire, and put branches under one or take them out.
// Branches keep their community as parent (branch.generalBranchId names the 党总支), so members, rankings and
// coverage still count per branch, community and district. Retiring never deletes, and is refused while open
// branches are under it (as a branch with members is).
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { count, findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, invalid } from '../../../_shared/errors'
import type { OrgDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import { officerOf } from '../../../member/src/transfer-store'
import { generalBranchOf, generalBranchRetireRefusal, retiredOf } from '../register'
import {
  ORGS,
  assertNameFree,
  createOrgOnce,
  managedBranch,
  managedCommunity,
  managedGeneralBranch,
  namedOf,
  releaseName,
  renameHolding,
} from '../register-store'

const GRANTS = ['communityAdmin', 'districtAdmin'] as const

const orgs = () => getDb().collection(COLLECTIONS.orgs)

const under = (generalBranchId: string) =>
  orgs().where({ level: 'branch', generalBranchId, retiredAt: null })

/** The open branches under a 党总支 (its roster), in the community's order. */
const rosterOf = (generalBranchId: string) =>
  rows<Pick<OrgDoc, '_id' | 'retiredAt' | 'generalBranchId'>>(
    under(generalBranchId)
      .orderBy('sort', 'asc')
      .field({ retiredAt: true, generalBranchId: true })
      .limit(ORGS),
  )

export const createGeneralBranch = defineAction('org', 'createGeneralBranch', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const community = await managedCommunity(caller, input.communityId)
    const { org, created } = await createOrgOnce(caller, input, 'generalBranch', {
      id: community._id,
      communityId: community._id,
      districtId: community.districtId,
    })
    return { generalBranch: generalBranchOf(org, created ? [] : await rosterOf(org._id)) }
  },
})

export const updateGeneralBranch = defineAction('org', 'updateGeneralBranch', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const g = await managedGeneralBranch(caller, input.generalBranchId)
    const [, , roster] = await Promise.all([
      assertNameFree('generalBranch', g.parentId ?? '', input.name, g._id),
      assertTextSafe(caller.openid, 1, input.name),
      rosterOf(g._id),
    ])
    // Saved as it was: nothing to write (an update that changes nothing would read as retired).
    if (!g.retiredAt && input.name === g.name) return { generalBranch: generalBranchOf(g, roster) }
    const changed = await renameHolding(g, { name: input.name }, () =>
      updatedCount(
        orgs()
          .where({ _id: g._id, retiredAt: null })
          .update({ data: { name: input.name, updatedAt: nowDate() } }),
      ),
    )
    if (!changed) throw conflict('该党总支已撤销')
    return { generalBranch: generalBranchOf({ ...g, name: input.name }, roster) }
  },
})

const openUnder = (generalBranchId: string) => count(under(generalBranchId))

export const retireGeneralBranch = defineAction('org', 'retireGeneralBranch', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const g = await managedGeneralBranch(caller, input.generalBranchId)
    const refusal = generalBranchRetireRefusal(await openUnder(g._id))
    if (refusal) throw conflict(refusal)
    const retired = { retiredAt: nowDate(), retiredBy: officerOf(caller) }
    const done = await updatedCount(
      orgs()
        .where({ _id: g._id, retiredAt: null })
        .update({ data: { ...retired, updatedAt: retired.retiredAt } }),
    )
    if (!done) throw conflict('该党总支已撤销')
    // A branch placed under it in the meantime (placeBranch checks again after writing): it stays open.
    const late = generalBranchRetireRefusal(await openUnder(g._id))
    if (late) {
      await orgs()
        .doc(g._id)
        .update({ data: { retiredAt: null, retiredBy: null } })
      throw conflict(late)
    }
    await releaseName(namedOf(g))
    return { generalBranchId: g._id, retired: retiredOf(retired) }
  },
})

export const placeBranch = defineAction('org', 'placeBranch', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const [b, g] = await Promise.all([
      managedBranch(caller, input.branchId),
      input.generalBranchId ? managedGeneralBranch(caller, input.generalBranchId) : null,
    ])
    if (g && g.communityId !== b.communityId) throw invalid('只能归入本社区的党总支')
    const before = b.generalBranchId ?? null
    const after = g?._id ?? null
    if (before === after) return { branchId: b._id, generalBranchId: after }
    const placed = await updatedCount(
      orgs()
        .where({ _id: b._id, communityId: b.communityId, retiredAt: null, generalBranchId: before })
        .update({ data: { generalBranchId: after, updatedAt: nowDate() } }),
    )
    if (!placed) throw conflict('该支部刚被调整或撤销，请刷新后再试')
    // Retired meanwhile (retireGeneralBranch counted before this write): the branch goes back as it was.
    const now = g && (await findById<OrgDoc>(COLLECTIONS.orgs, g._id))
    if (now?.retiredAt) {
      await orgs()
        .where({ _id: b._id, generalBranchId: after })
        .update({ data: { generalBranchId: before } })
      throw conflict('该党总支已撤销')
    }
    return { branchId: b._id, generalBranchId: after }
  },
})
