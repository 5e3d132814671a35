// The district's organisation tree with each branch's organisations and active members, open to anyone.
import { activeMemberCounts } from '../../../_shared/branches'
import { COLLECTIONS } from '../../../_shared/collections'
import { getDb } from '../../../_shared/cloud'
import { rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { notFound } from '../../../_shared/errors'
import type { OrgDoc, OrganizationDoc } from '../../../_shared/records'
import { buildTree } from '../tree'

export const tree = defineAction('org', 'tree', {
  audience: 'anyone',
  scope: ['public'],
  async run() {
    const db = getDb()
    const [orgs, organizations, counts] = await Promise.all([
      rows<OrgDoc>(db.collection(COLLECTIONS.orgs).limit(1000)),
      rows<OrganizationDoc>(db.collection(COLLECTIONS.organizations).limit(1000)),
      activeMemberCounts(),
    ])
    // Retired communities and branches are kept in the register but are out of the tree (and its pickers);
    // 党总支 group branches in the register only (branches keep their community as parent).
    const root = buildTree(
      orgs.filter((o) => !o.retiredAt && o.level !== 'generalBranch'),
      organizations,
      counts,
    )
    if (!root) throw notFound('组织架构')
    return { root }
  },
})
