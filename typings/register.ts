// The organisation register the district keeps (org function): communities and branches created, edited and
// retired by admins, and the 两新 organisations (一企一表) with their party coverage and 党建指导员.
import { z } from 'zod'
import { ChinesePhone, DraftId, Id, PersonName, text } from './common'
import { BRANCH_TYPES, type BranchType, ORGANIZATION_KINDS, type OrganizationKind } from './org'

/** own: the organisation has its own party organisation; joint: a joint (联合/楼宇/园区/行业) branch covers it. */
export const COVERAGES = ['own', 'joint', 'none'] as const
export type Coverage = (typeof COVERAGES)[number]
export const COVERAGE_LABELS: Record<Coverage, string> = {
  own: '单独建立党组织',
  joint: '联合党组织覆盖',
  none: '未覆盖',
}
export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  enterprise: '非公企业',
  social: '社会组织',
}
/** 凡有 3 名以上党员的，应当单独成立党组织. */
export const OWN_ORG_THRESHOLD = 3

/** A community or branch no longer in use: kept with when and by whom it was retired. */
export type Retired = { at: string; by: string } | null

export type RegisterBranch = {
  id: string
  name: string
  branchType: BranchType
  /** The 联合党总支 it is under, '' when none. */
  generalBranchId: string
  memberCount: number
  /** 两新 organisations it covers (its roster). */
  organizationCount: number
  retired: Retired
}

/** A 联合党总支: a level between a community and some of its branches, where a district uses it. */
export type RegisterGeneralBranch = {
  id: string
  name: string
  retired: Retired
  /** Its roster: the open branches under it, in the community's order. */
  branchIds: string[]
}

export type RegisterCommunity = {
  id: string
  name: string
  retired: Retired
  /** Every branch of the community (each names its 党总支, if any). */
  branches: RegisterBranch[]
  generalBranches: RegisterGeneralBranch[]
}

/** 一企一表: one 两新 organisation as the register shows it. */
export type Organization = {
  id: string
  name: string
  kind: OrganizationKind
  kindText: string
  industry: string
  address: string
  employees: number
  partyMembers: number
  communityId: string
  coverage: Coverage
  coverageText: string
  /** The branch that is its own party organisation or covers it; '' when not covered. */
  branchId: string
  branchName: string
  instructor: { name: string; phone: string } | null
  updatedAt: string
  /** 3 or more party members but no party organisation of its own: it should form one. */
  flagged: boolean
  /** Not updated this quarter (五清: the register is updated quarterly). */
  stale: boolean
}

/** A 联合党总支 on 覆盖情况: how many branches it has and the organisations they cover (within its community's). */
export type GeneralCoverage = { id: string; name: string; branches: number; organizations: number }

export type CoverageFigures = {
  total: number
  own: number
  joint: number
  none: number
  /** (own + joint) / total, 0..1; 0 when there are none. */
  rate: number
  flagged: number
  stale: number
}

const Name = text({ label: '名称', min: 2, max: 40 })
const OrganizationFields = {
  communityId: Id,
  name: Name,
  kind: z.enum(ORGANIZATION_KINDS, '请选择组织类型'),
  industry: text({ label: '行业', min: 2, max: 20 }),
  address: text({ label: '地址', min: 2, max: 80 }),
  employees: z.number('请输入从业人数').int('人数须为整数').min(0).max(1_000_000),
  partyMembers: z.number('请输入党员人数').int('人数须为整数').min(0).max(100_000),
  coverage: z.enum(COVERAGES, '请选择党组织覆盖情况'),
  /** The branch for own / joint coverage; absent when not covered. */
  branchId: Id.optional(),
  instructor: z.object({ name: PersonName, phone: ChinesePhone }).strict().nullable(),
}
type Checked = { employees: number; partyMembers: number; coverage: Coverage; branchId?: string }
const organizationRules = <T extends z.ZodType<Checked>>(schema: T) =>
  schema
    .refine((o) => o.partyMembers <= o.employees, '党员人数不能多于从业人数')
    .refine(
      (o) => (o.coverage === 'none') === !o.branchId,
      '已覆盖的请选择所在党组织，未覆盖的无需选择',
    )

export const registerInputs = {
  /** 组织名册: a community admin's community, a district admin's whole district (or one community). */
  register: z.object({ communityId: Id.optional() }).strict(),
  createCommunity: z.object({ draftId: DraftId, name: Name }).strict(),
  updateCommunity: z.object({ communityId: Id, name: Name }).strict(),
  retireCommunity: z.object({ communityId: Id }).strict(),
  createBranch: z
    .object({
      draftId: DraftId,
      communityId: Id,
      name: Name,
      branchType: z.enum(BRANCH_TYPES, '请选择支部类型'),
    })
    .strict(),
  updateBranch: z
    .object({ branchId: Id, name: Name, branchType: z.enum(BRANCH_TYPES, '请选择支部类型') })
    .strict(),
  retireBranch: z.object({ branchId: Id }).strict(),
  createGeneralBranch: z.object({ draftId: DraftId, communityId: Id, name: Name }).strict(),
  updateGeneralBranch: z.object({ generalBranchId: Id, name: Name }).strict(),
  /** Refused while open branches are under it. */
  retireGeneralBranch: z.object({ generalBranchId: Id }).strict(),
  /** Puts a branch under a 党总支 of its community, or (null) takes it out of its 党总支. */
  placeBranch: z.object({ branchId: Id, generalBranchId: Id.nullable() }).strict(),
  /**
   * Merges a branch into another: its members (and those awaiting approval) move to `intoBranchId`, the
   * organisations it covers with them; it is then retired. A community admin within their community.
   */
  mergeBranches: z.object({ fromBranchId: Id, intoBranchId: Id }).strict(),
  /** District admins: a branch moves to another community, counting there from this month on. */
  moveBranch: z.object({ branchId: Id, toCommunityId: Id }).strict(),
  /** The register of 两新 organisations in a scope, or a branch's roster (the ones it covers). */
  organizations: z
    .object({
      communityId: Id.optional(),
      branchId: Id.optional(),
      flaggedOnly: z.boolean().optional(),
    })
    .strict(),
  createOrganization: organizationRules(
    z.object({ draftId: DraftId, ...OrganizationFields }).strict(),
  ),
  updateOrganization: organizationRules(
    z.object({ organizationId: Id, ...OrganizationFields }).strict(),
  ),
  /** 覆盖情况: the figures per community and for the scope, and the organisations flagged. */
  coverage: z.object({ communityId: Id.optional() }).strict(),
}

export type RegisterOutputs = {
  /** `manageCommunities`: the caller may create, rename and retire communities (a district admin). */
  register: { communities: RegisterCommunity[]; manageCommunities: boolean }
  createCommunity: { community: RegisterCommunity }
  updateCommunity: { community: RegisterCommunity }
  retireCommunity: { communityId: string; retired: Retired }
  createBranch: { branch: RegisterBranch }
  updateBranch: { branch: RegisterBranch }
  retireBranch: { branchId: string; retired: Retired }
  createGeneralBranch: { generalBranch: RegisterGeneralBranch }
  updateGeneralBranch: { generalBranch: RegisterGeneralBranch }
  retireGeneralBranch: { generalBranchId: string; retired: Retired }
  placeBranch: { branchId: string; generalBranchId: string | null }
  mergeBranches: { fromBranchId: string; intoBranchId: string; moved: number; retired: Retired }
  /** `members`: those whose community changed; `month`: the first month counted in the new community. */
  moveBranch: { branchId: string; communityId: string; members: number; month: string }
  organizations: {
    /** The branch whose roster this is, when one was asked for. */
    branch: { id: string; name: string } | null
    organizations: Organization[]
    /** This quarter, `2026-Q1`: entries last updated before it are stale. */
    quarter: string
  }
  createOrganization: { organization: Organization }
  updateOrganization: { organization: Organization }
  coverage: {
    quarter: string
    total: CoverageFigures
    communities: (CoverageFigures & {
      communityId: string
      name: string
      generalBranches: GeneralCoverage[]
    })[]
    flagged: Organization[]
  }
}
