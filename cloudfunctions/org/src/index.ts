// Cloud function `org`: the district's organisation tree and branch details.
import { orgInputs } from '../../../typings/org'
import { COLLECTIONS } from '../../_shared/collections'
import { getDb } from '../../_shared/cloud'
import { findById, rows } from '../../_shared/db'
import { createMain } from '../../_shared/dispatcher'
import { notFound } from '../../_shared/errors'
import type { OrgDoc, OrganizationDoc } from '../../_shared/records'
import { buildTree } from './tree'

/** Active members per branch, counted by the database in one aggregation. */
async function activeMembersByBranch(branchId?: string): Promise<Map<string, number>> {
  const db = getDb()
  const res = (await db
    .collection(COLLECTIONS.members)
    .aggregate()
    .match(branchId ? { status: 'active', branchId } : { status: 'active' })
    .group({ _id: '$branchId', count: db.command.aggregate.sum(1) })
    .end()) as { list: { _id: string | null; count: number }[] }
  return new Map(res.list.filter((r) => r._id).map((r) => [r._id as string, r.count]))
}

export const main = createMain('org', orgInputs, {
  actions: {
    tree: {
      audience: 'anyone',
      scope: ['public'],
      run: async () => {
        const db = getDb()
        const [orgs, organizations, counts] = await Promise.all([
          rows<OrgDoc>(db.collection(COLLECTIONS.orgs).limit(1000)),
          rows<OrganizationDoc>(db.collection(COLLECTIONS.organizations).limit(1000)),
          activeMembersByBranch(),
        ])
        const root = buildTree(orgs, organizations, counts)
        if (!root) throw notFound('组织架构')
        return { root }
      },
    },
    branch: {
      audience: 'anyone',
      scope: ['public'],
      run: async (_ctx, { branchId }) => {
        const branch = await findById<OrgDoc>(COLLECTIONS.orgs, branchId)
        if (!branch || branch.level !== 'branch' || !branch.communityId) throw notFound('该支部')
        const db = getDb()
        const [community, organizations, counts] = await Promise.all([
          findById<OrgDoc>(COLLECTIONS.orgs, branch.communityId),
          rows<OrganizationDoc>(
            db.collection(COLLECTIONS.organizations).where({ branchId }).limit(1000),
          ),
          activeMembersByBranch(branchId),
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
    },
  },
})
