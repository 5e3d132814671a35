// 区 → 街道/社区综合党委 → 支部, and the 两新 organisations linked to branches.
import { z } from 'zod'
import { Id } from './common'

export const ORG_LEVELS = ['district', 'community', 'branch'] as const
export type OrgLevel = (typeof ORG_LEVELS)[number]
export const BRANCH_TYPES = ['独立', '联合', '楼宇', '园区', '行业'] as const
export type BranchType = (typeof BRANCH_TYPES)[number]
export const ORGANIZATION_KINDS = ['enterprise', 'social'] as const
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number]

export type OrgNode = {
  id: string
  name: string
  level: OrgLevel
  branchType?: BranchType
  /** Active members (branches) or the sum over children (district, community). */
  memberCount: number
  organizations?: { id: string; name: string; kind: OrganizationKind }[]
  children: OrgNode[]
}

export const orgInputs = {
  /** The whole district tree; any registered user may read it (registration needs it). */
  tree: z.object({}).strict(),
  /** One branch with its 两新 organisations. */
  branch: z.object({ branchId: Id }).strict(),
}

export type OrgOutputs = {
  tree: { root: OrgNode }
  branch: {
    id: string
    name: string
    branchType: BranchType
    communityId: string
    communityName: string
    memberCount: number
    organizations: { id: string; name: string; kind: OrganizationKind }[]
  }
}
