// District admins keep the district's communities (街道 / 社区综合党委): create, rename, retire. Retiring never
// deletes: the community is marked with when and by whom, once it has no open branch or 党总支 and no
// organisation.
import { isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { count, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { readDistrict } from '../../../_shared/district'
import { conflict, denied } from '../../../_shared/errors'
import type { OrgDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import { officerOf } from '../../../member/src/transfer-store'
import { communityRetireRefusal, retiredOf } from '../register'
import {
  ORGS,
  assertNameFree,
  createOrgOnce,
  managedCommunity,
  namedOf,
  releaseName,
  renameHolding,
} from '../register-store'

const REFUSAL = '只有区委组织部管理员可以管理社区'
const shown = (c: OrgDoc) => ({
  id: c._id,
  name: c.name,
  retired: retiredOf(c),
  branches: [],
  generalBranches: [],
})

export const createCommunity = defineAction('org', 'createCommunity', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['districtAdmin'],
  async run({ caller }, input) {
    if (!isDistrictAdmin(caller)) throw denied(REFUSAL)
    const district = await readDistrict()
    const { org } = await createOrgOnce(caller, input, 'community', {
      id: district.districtId,
      communityId: null,
      districtId: district.districtId,
    })
    return { community: shown(org) }
  },
})

export const updateCommunity = defineAction('org', 'updateCommunity', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['districtAdmin'],
  async run({ caller }, input) {
    const c = await managedCommunity(caller, input.communityId)
    if (!isDistrictAdmin(caller)) throw denied(REFUSAL)
    await Promise.all([
      assertNameFree('community', c.parentId ?? '', input.name, c._id),
      assertTextSafe(caller.openid, 1, input.name),
    ])
    // Saved as it was: nothing to write (an update that changes nothing would read as retired).
    if (!c.retiredAt && input.name === c.name) return { community: shown(c) }
    const changed = await renameHolding(c, { name: input.name }, () =>
      updatedCount(
        getDb()
          .collection(COLLECTIONS.orgs)
          .where({ _id: c._id, retiredAt: null })
          .update({ data: { name: input.name, updatedAt: nowDate() } }),
      ),
    )
    if (!changed) throw conflict('该社区已撤销')
    return { community: shown({ ...c, name: input.name }) }
  },
})

export const retireCommunity = defineAction('org', 'retireCommunity', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['districtAdmin'],
  async run({ caller }, input) {
    const c = await managedCommunity(caller, input.communityId)
    if (!isDistrictAdmin(caller)) throw denied(REFUSAL)
    const db = getDb()
    const [branches, organizations] = await Promise.all([
      rows<Pick<OrgDoc, '_id' | 'level' | 'retiredAt'>>(
        db
          .collection(COLLECTIONS.orgs)
          .where({ level: db.command.in(['branch', 'generalBranch']), parentId: c._id })
          .field({ level: true, retiredAt: true })
          .limit(ORGS),
      ),
      count(db.collection(COLLECTIONS.organizations).where({ communityId: c._id })),
    ])
    const open = (level: OrgDoc['level']) =>
      branches.filter((b) => b.level === level && !b.retiredAt).length
    const refusal = communityRetireRefusal(open('branch'), organizations, open('generalBranch'))
    if (refusal) throw conflict(refusal)
    const retired = { retiredAt: nowDate(), retiredBy: officerOf(caller) }
    const done = await updatedCount(
      db
        .collection(COLLECTIONS.orgs)
        .where({ _id: c._id, retiredAt: null })
        .update({ data: { ...retired, updatedAt: retired.retiredAt } }),
    )
    if (!done) throw conflict('该社区已撤销')
    await releaseName(namedOf(c))
    return { communityId: c._id, retired: retiredOf(retired) }
  },
})
