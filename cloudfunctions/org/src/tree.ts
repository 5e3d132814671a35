// Builds the org tree from flat records: a plain function, unit-tested.
import type { OrgNode } from '../../../typings/org'
import type { OrgDoc, OrganizationDoc } from '../../_shared/records'

export function buildTree(
  orgs: OrgDoc[],
  organizations: OrganizationDoc[],
  activeMembersByBranch: Map<string, number>,
): OrgNode | null {
  const children = new Map<string | null, OrgDoc[]>()
  for (const org of orgs) {
    const list = children.get(org.parentId) ?? []
    list.push(org)
    children.set(org.parentId, list)
  }
  const orgsOf = new Map<string, OrgNode['organizations']>()
  for (const o of organizations) {
    if (!o.branchId) continue
    const list = orgsOf.get(o.branchId) ?? []
    list.push({ id: o._id, name: o.name, kind: o.kind })
    orgsOf.set(o.branchId, list)
  }
  const toNode = (org: OrgDoc): OrgNode => {
    const kids = (children.get(org._id) ?? []).sort((a, b) => a.sort - b.sort).map(toNode)
    const own = org.level === 'branch' ? (activeMembersByBranch.get(org._id) ?? 0) : 0
    return {
      id: org._id,
      name: org.name,
      level: org.level,
      ...(org.branchType ? { branchType: org.branchType } : {}),
      memberCount: own + kids.reduce((sum, k) => sum + k.memberCount, 0),
      ...(org.level === 'branch' ? { organizations: orgsOf.get(org._id) ?? [] } : {}),
      children: kids,
    }
  }
  const root = orgs.find((o) => o.level === 'district' && o.parentId === null)
  return root ? toNode(root) : null
}
