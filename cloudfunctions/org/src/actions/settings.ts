// The district's settings, set by a district admin: how many days without news make a branch 长期未更新.
import { isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { COLLECTIONS } from '../../../_shared/collections'
import { defineAction } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'

export const updateSettings = defineAction('org', 'updateSettings', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['districtAdmin'],
  async run({ caller }, input) {
    if (!isDistrictAdmin(caller)) throw denied('只有区委组织部管理员可以修改区设置')
    // Matched by level: one district per deployment, and setting the same value again is no error.
    await getDb()
      .collection(COLLECTIONS.orgs)
      .where({ level: 'district' })
      .update({ data: { staleAfterDays: input.staleAfterDays } })
    return { staleAfterDays: input.staleAfterDays }
  },
})
