// Stored shapes shared by several functions.
import type { BranchType, OrgLevel, OrganizationKind } from '../../typings/org'
import type { MemberStatus, Role } from '../../typings/member'

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
