// Stored shapes shared by several functions.
import type { BranchType, OrgLevel, OrganizationKind } from '../../typings/org'
import type { MemberStatus, Role } from '../../typings/member'
import type { Minimums } from '../../typings/participation'

export type OrgDoc = {
  _id: string
  name: string
  level: OrgLevel
  parentId: string | null
  /** Set on branches and communities, so scope checks need no extra lookup. */
  communityId: string | null
  districtId: string
  branchType?: BranchType
  sort: number
  /** Branch settings: monthly minimums per rule, set by the secretary (see _shared/minimums.ts). */
  minimums?: Partial<Minimums>
  /** Branches: when its latest post still standing was posted (interact keeps it; see _shared/stale.ts). */
  lastNewsAt?: Date | null
  /** When the org was set up (branches that never posted are quiet since then). */
  createdAt?: Date
  /** District setting: days without news before a branch is 长期未更新 (org.updateSettings). */
  staleAfterDays?: number
}

export type OrganizationDoc = {
  _id: string
  name: string
  kind: OrganizationKind
  branchId: string
  communityId: string
}

export type MemberDoc = {
  _id: string
  openid: string
  name: string
  phone: string
  status: MemberStatus
  roles: Role[]
  /** Null for community / district staff who hold no branch membership here. */
  branchId: string | null
  communityId: string | null
  /** The community a communityAdmin serves. */
  adminCommunityId?: string | null
  rejectReason?: string | null
  createdAt: Date
  updatedAt: Date
  approvedAt?: Date | null
}

export type ResidentDoc = {
  _id: string
  openid: string
  name: string
  phone: string
  communityId: string
  createdAt: Date
}
