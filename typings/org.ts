// 区 → 街道/社区综合党委 → 支部, and the 两新 organisations linked to branches. Where a district uses it, a
// 联合党总支 (generalBranch) groups some of a community's branches; branches keep their community as parent.
import { z } from 'zod'
import { Id } from './common'
import type { SessionType } from './orglife'

export const ORG_LEVELS = ['district', 'community', 'generalBranch', 'branch'] as const
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

/** A branch in 组织概况 (org.overview). */
export type OverviewBranch = {
  id: string
  name: string
  branchType: BranchType | ''
  /** The 联合党总支 it is under ('' when none): a community's branches come grouped by it, those under none last. */
  generalBranchName: string
  memberCount: number
  /** The branch secretary's name, '' when there is none. */
  secretaryName: string
  /** This month so far: score per active member, and the share who met every minimum (0..1). */
  perMember: number
  activeRate: number
  /** 三会一课 the branch missed last period with nothing planned this one. */
  cadenceOverdue: SessionType[]
  /** 长期未更新: no news for the district's staleAfterDays. */
  stale: boolean
  /** Days since its latest post (or its setup); null when unknown. */
  quietDays: number | null
  /** One line on its news: '3 天前更新', '已 45 天未发布动态'… */
  newsNote: string
}

export type OverviewCommunity = {
  id: string
  name: string
  memberCount: number
  staleCount: number
  cadenceCount: number
  branches: OverviewBranch[]
}

export const orgInputs = {
  /** The whole district tree; any registered user may read it (registration needs it). */
  tree: z.object({}).strict(),
  /** One branch with its 两新 organisations. */
  branch: z.object({ branchId: Id }).strict(),
  /** 组织概况: a community admin's community, a district admin's whole district (or one community). */
  overview: z
    .object({
      communityId: Id.optional(),
      /** The community the page starts with (the previous page's nextCursor). */
      cursor: Id.optional(),
    })
    .strict(),
  /** District admins: the district's settings. */
  updateSettings: z
    .object({
      staleAfterDays: z
        .number('请输入天数')
        .int('天数须为整数')
        .min(7, '至少 7 天')
        .max(180, '最多 180 天'),
    })
    .strict(),
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
  overview: {
    month: string
    staleAfterDays: number
    /** A page of whole communities, in the district's order. */
    communities: OverviewCommunity[]
    nextCursor: string | null
    /** 末位: the lowest-ranked branches this month (per member, as stats ranks them). */
    bottom: { branchId: string; name: string; communityName: string; perMember: number }[]
  }
  updateSettings: { staleAfterDays: number }
}
