// One branch's details: its type, community, organisations and active members, open to anyone.
import { activeMemberCounts, findBranch } from '../../../_shared/branches'
import { COLLECTIONS } from '../../../_shared/collections'
import { getDb } from '../../../_shared/cloud'
import { findById, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { notFound } from '../../../_shared/errors'
import type { OrgDoc, OrganizationDoc } from '../../../_shared/records'

export const branch = defineAction('org', 'branch', {
  audience: 'anyone',
  scope: ['public'],
  async run(_ctx, { branchId }) {
    const branch = await findBranch(branchId)
    if (!branch.communityId) throw notFound('该支部')
    const db = getDb()
    const [community, organizations, counts] = await Promise.all([
      findById<OrgDoc>(COLLECTIONS.orgs, branch.communityId),
      rows<OrganizationDoc>(
        db.collection(COLLECTIONS.organizations).where({ branchId }).limit(1000),
      ),
      activeMemberCounts({ branchId }),
    ])
    return {
      id: branch._id,
      name: branch.name,
      branchType: branch.branchType ?? '独立',
      communityId: branch.communityId,
      communityName: community?.name ?? '',
      memberCount: counts.get(branchId) ?? 0,
      organizations: organizations.map((o) => ({ id: o._id, name: o.name, kind: o.kind })),
    }
  },
})
