// A branch's monthly minimums: any member may read them; its secretary sets them.
import { findBranch } from '../../../_shared/branches'
import { isSecretaryOf, branchNamedOrOwn } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { COLLECTIONS } from '../../../_shared/collections'
import { defineAction } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'
import { minimumsOf } from '../../../_shared/minimums'
import { ownBranch } from '../store'

export const settings = defineAction('checkin', 'settings', {
  audience: 'member',
  scope: ['public'],
  async run({ caller }, input) {
    const branchId = branchNamedOrOwn(caller, input.branchId)
    return { branchId, minimums: minimumsOf(await findBranch(branchId)) }
  },
})

export const updateSettings = defineAction('checkin', 'updateSettings', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['ownBranch'],
  async run({ caller }, { minimums }) {
    const member = ownBranch(caller)
    if (!isSecretaryOf(caller, member.branchId)) throw denied('只有支部书记可以修改')
    // Field by field, so a minimum left out keeps its stored value.
    await getDb().collection(COLLECTIONS.orgs).doc(member.branchId).update({ data: { minimums } })
    return { branchId: member.branchId, minimums: minimumsOf(await findBranch(member.branchId)) }
  },
})
