// Stored shapes shared by several functions.
import type { BranchType, OrgLevel, OrganizationKind } from '../../typings/org'
import type { Coverage } from '../../typings/register'
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
  /** Branch setting: monthly dues in fen of members without salaried income (dues.setFixedAmount). */
  duesFixedFen?: number
  /** Branches: when its latest post still standing was posted (interact keeps it; see _shared/stale.ts). */
  lastNewsAt?: Date | null
  /** When the org was set up (branches that never posted are quiet since then). */
  createdAt?: Date
  /** District setting: days without news before a branch is 长期未更新 (org.updateSettings). */
  staleAfterDays?: number
  /** Retired by an admin (org.retireBranch / retireCommunity): kept, never deleted; out of the tree. */
  retiredAt?: Date | null
  retiredBy?: { id: string; name: string } | null
  /** Branches: the 联合党总支 (level generalBranch, same community) it is under; null or absent when none. */
  generalBranchId?: string | null
  /** A branch merged into another (org.mergeBranches): that branch. */
  mergedInto?: string
  /** Branches: when an appointment, acceptance or merge took the branch's lease (ms; 0 once released). */
  secretaryLeaseMs?: number
  updatedAt?: Date
}

/** org_changes: a branch merged into another (org.mergeBranches), keyed `merge-<from>`. */
export type MergeLog = {
  _id: string
  kind: 'merge'
  fromBranchId: string
  intoBranchId: string
  /** Everyone moved, recorded before the first is: a rerun moves the same people. */
  memberIds: string[]
  /** The branch offices (支部书记, 信息员) those moved held, each ended by the merge but secretaryKept's. */
  offices?: { memberId: string; roles: Role[] }[]
  /** The merged branch's secretary, who stays secretary when the branch merged into had none. */
  secretaryKept?: string | null
  at: Date
  by: { id: string; name: string }
}

/** org_changes: a branch moved to another community (org.moveBranch). */
export type MoveLog = {
  _id: string
  kind: 'move'
  branchId: string
  fromCommunityId: string
  toCommunityId: string
  /** The first month whose counters count in the new community. */
  month: string
  at: Date
  by: { id: string; name: string }
}

/** 一企一表: a 两新 organisation in the district's register (org.createOrganization). */
export type OrganizationDoc = {
  _id: string
  name: string
  kind: OrganizationKind
  /** The branch that is its own party organisation (coverage own) or covers it (joint); null when none. */
  branchId: string | null
  /** The community it is registered in. */
  communityId: string
  industry: string
  address: string
  employees: number
  partyMembers: number
  coverage: Coverage
  instructor: { name: string; phone: string } | null
  /** 五清: entries are updated quarterly; one not updated this quarter is stale. */
  updatedAt: Date
  updatedBy: string
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
