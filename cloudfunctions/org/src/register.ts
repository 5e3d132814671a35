// The organisation register as plain functions: the quarter an entry was last updated in (五清), coverage
// figures and the organisations that should form their own party organisation, when a community or branch may
// be retired, and how communities, branches and organisations are shown.
import { createHash } from 'crypto'
import dayjs from 'dayjs'
import type { BranchType } from '../../../typings/org'
import {
  COVERAGE_LABELS,
  type Coverage,
  type CoverageFigures,
  type GeneralCoverage,
  ORGANIZATION_KIND_LABELS,
  OWN_ORG_THRESHOLD,
  type Organization,
  type RegisterBranch,
  type RegisterCommunity,
  type RegisterGeneralBranch,
  type Retired,
} from '../../../typings/register'
import { ZONE } from '../../_shared/clock'
import type { OrgDoc, OrganizationDoc } from '../../_shared/records'

/** The Shanghai quarter of an instant, `2026-Q1`. */
export function quarterOf(at: Date): string {
  const d = dayjs(at).tz(ZONE)
  return `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`
}

/** The first instant of the Shanghai quarter `at` falls in. */
export function quarterStart(at: Date): Date {
  const d = dayjs(at).tz(ZONE)
  return dayjs
    .tz(`${d.year()}-${String(d.month() - (d.month() % 3) + 1).padStart(2, '0')}-01`, ZONE)
    .toDate()
}

/** 五清 is updated quarterly: an entry last updated before this quarter is due. */
export const isStaleEntry = (o: Pick<OrganizationDoc, 'updatedAt'>, now: Date) =>
  new Date(o.updatedAt) < quarterStart(now)

/** A name as officers tell names apart: full-width and half-width, case and spaces aside. */
export const nameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()

/** The claim on a name at a level under a parent (org_names): one open org holds it at a time. */
export const nameClaimId = (n: { level: OrgDoc['level']; parentId: string; name: string }) =>
  `name-${createHash('sha256')
    .update(`${n.level}|${n.parentId}|${nameKey(n.name)}`)
    .digest('hex')
    .slice(0, 24)}`

/** Whether an org bears a name now: open, at that level, under that parent. */
export const bearsName = (
  org: Pick<OrgDoc, 'level' | 'parentId' | 'name' | 'retiredAt'> | null,
  level: OrgDoc['level'],
  parentId: string,
  name: string,
) =>
  !!org &&
  !org.retiredAt &&
  org.level === level &&
  org.parentId === parentId &&
  nameKey(org.name) === nameKey(name)

/** Longer than any invocation (org's timeout is 10 s): the action that took or last touched a claim has ended. */
export const CLAIM_GRACE_MS = 60_000

/**
 * A claim another org may take over: its holder does not bear the name (never created, renamed, moved or retired
 * without giving it back) and neither the claim nor the holder changed within the grace, so no action that
 * could still make the holder bear it is running.
 */
export function claimLapsed(
  claim: { level: OrgDoc['level']; parentId: string; name: string; atMs: number },
  holder: Pick<OrgDoc, 'level' | 'parentId' | 'name' | 'retiredAt' | 'updatedAt'> | null,
  nowMs: number,
) {
  if (bearsName(holder, claim.level, claim.parentId, claim.name)) return false
  const touched = Math.max(claim.atMs, holder?.updatedAt ? new Date(holder.updatedAt).getTime() : 0)
  return nowMs - touched > CLAIM_GRACE_MS
}

/** 3 or more party members but no party organisation of its own: it should form one. */
export const shouldFormOwn = (o: Pick<OrganizationDoc, 'partyMembers' | 'coverage'>) =>
  o.partyMembers >= OWN_ORG_THRESHOLD && o.coverage !== 'own'

/** One community's organisations counted (by the database, organizations.ts `tallyPipeline`). */
export type Tally = Omit<CoverageFigures, 'rate'> & { communityId: string }

const counted = ['total', 'own', 'joint', 'none', 'flagged', 'stale'] as const

/** Figures from counts: the covered share, 0 when there are none. */
export function figuresOf(t: Omit<CoverageFigures, 'rate'>): CoverageFigures {
  const f = Object.fromEntries(counted.map((k) => [k, t[k]])) as Omit<CoverageFigures, 'rate'>
  return { ...f, rate: f.total ? (f.own + f.joint) / f.total : 0 }
}

/** Each community's figures (in the order given, 0 where it has none) and the scope's, summed from them. */
export function coverageOf(communities: Pick<OrgDoc, '_id' | 'name'>[], tallies: Tally[]) {
  const rows = communities.map((c) => {
    const t = tallies.find((x) => x.communityId === c._id)
    const zero = Object.fromEntries(counted.map((k) => [k, 0])) as Omit<CoverageFigures, 'rate'>
    return { communityId: c._id, name: c.name, ...figuresOf(t ?? zero) }
  })
  const sum = Object.fromEntries(
    counted.map((k) => [k, tallies.reduce((n, t) => n + t[k], 0)]),
  ) as Omit<CoverageFigures, 'rate'>
  return { total: figuresOf(sum), communities: rows }
}

/**
 * A community's open 联合党总支 in order, each with its open branches and the organisations they cover (counted
 * per branch): a view within the community's figures, which stay as they are.
 */
export function generalCoverageOf(
  orgs: Pick<
    OrgDoc,
    '_id' | 'name' | 'level' | 'parentId' | 'sort' | 'retiredAt' | 'generalBranchId'
  >[],
  communityId: string,
  covered: Map<string, number>,
): GeneralCoverage[] {
  return orgs
    .filter((g) => g.level === 'generalBranch' && g.parentId === communityId && !g.retiredAt)
    .sort((a, b) => a.sort - b.sort)
    .map((g) => {
      const under = orgs.filter(
        (b) => b.level === 'branch' && !b.retiredAt && b.generalBranchId === g._id,
      )
      return {
        id: g._id,
        name: g.name,
        branches: under.length,
        organizations: under.reduce((n, b) => n + (covered.get(b._id) ?? 0), 0),
      }
    })
}

/**
 * Why an organisation's coverage cannot name this branch, or null: its own party organisation is a 独立
 * branch; a joint one is any other kind. Retired branches were refused before (as missing).
 */
export function coverageRefusal(coverage: Coverage, branchType: BranchType | undefined) {
  if (coverage === 'own' && branchType !== '独立') return '单独建立的党组织应选择独立党支部'
  if (coverage === 'joint' && (branchType ?? '独立') === '独立')
    return '联合覆盖应选择联合、楼宇、园区或行业党支部'
  return null
}

/** Why a branch cannot be retired yet (members still in it, organisations it covers), or null. */
export function branchRetireRefusal(members: number, organizations: number): string | null {
  if (members) return `该支部还有 ${members} 名党员，请先将他们转出后再撤销`
  if (organizations) return `该支部还覆盖 ${organizations} 家两新组织，请先调整它们的覆盖情况`
  return null
}

/**
 * Why a branch cannot be merged, moved or retired now: a transfer in flight from or to it names its branch and
 * community as they were, and would land its member in a retired branch or the old community.
 */
export const changeRefusal = (transfersInFlight: number, change: '合并' | '调整' | '撤销') =>
  transfersInFlight
    ? `该支部有 ${transfersInFlight} 份组织关系接转正在办理，请办结后再${change}`
    : null

/** Why a 党总支 cannot be retired yet (open branches under it), or null: as a branch with members. */
export const generalBranchRetireRefusal = (branches: number): string | null =>
  branches ? `该党总支还有 ${branches} 个支部，请先将它们移出后再撤销` : null

/**
 * Why a community cannot be retired yet (branches or 党总支 still open, organisations registered in it), or
 * null.
 */
export function communityRetireRefusal(
  branches: number,
  organizations: number,
  generalBranches = 0,
): string | null {
  if (branches) return `该社区还有 ${branches} 个支部，请先撤销或调整后再撤销社区`
  if (generalBranches) return `该社区还有 ${generalBranches} 个党总支，请先撤销后再撤销社区`
  if (organizations) return `该社区还登记有 ${organizations} 家两新组织，请先调整后再撤销社区`
  return null
}

export const retiredOf = (org: Pick<OrgDoc, 'retiredAt' | 'retiredBy'>): Retired =>
  org.retiredAt
    ? { at: new Date(org.retiredAt).toISOString(), by: org.retiredBy?.name ?? '' }
    : null

type Listed = Pick<OrgDoc, '_id' | 'name' | 'level' | 'parentId' | 'sort' | 'branchType'> &
  Pick<OrgDoc, 'retiredAt' | 'retiredBy' | 'generalBranchId'>

export function branchOf(b: Listed, members: number, organizations: number): RegisterBranch {
  return {
    id: b._id,
    name: b.name,
    branchType: b.branchType ?? '独立',
    generalBranchId: b.generalBranchId ?? '',
    memberCount: members,
    organizationCount: organizations,
    retired: retiredOf(b),
  }
}

/** A 党总支 with its roster: the open branches under it (ids in the order given). */
export const generalBranchOf = (
  g: Pick<OrgDoc, '_id' | 'name' | 'retiredAt' | 'retiredBy'>,
  branches: Pick<Listed, '_id' | 'retiredAt' | 'generalBranchId'>[],
): RegisterGeneralBranch => ({
  id: g._id,
  name: g.name,
  retired: retiredOf(g),
  branchIds: branches.filter((b) => !b.retiredAt && b.generalBranchId === g._id).map((b) => b._id),
})

/**
 * Communities in order with their branches and 党总支 in order, open ones before retired ones at each level;
 * each 党总支 lists the open branches under it.
 */
export function registerOf(
  orgs: Listed[],
  members: Map<string, number>,
  organizations: Map<string, number>,
): RegisterCommunity[] {
  const order = (a: Listed, b: Listed) =>
    Number(!!a.retiredAt) - Number(!!b.retiredAt) || a.sort - b.sort
  const under = (c: Listed, level: Listed['level']) =>
    orgs.filter((o) => o.level === level && o.parentId === c._id).sort(order)
  return orgs
    .filter((o) => o.level === 'community')
    .sort(order)
    .map((c) => {
      const branches = under(c, 'branch')
      return {
        id: c._id,
        name: c.name,
        retired: retiredOf(c),
        branches: branches.map((b) =>
          branchOf(b, members.get(b._id) ?? 0, organizations.get(b._id) ?? 0),
        ),
        generalBranches: under(c, 'generalBranch').map((g) => generalBranchOf(g, branches)),
      }
    })
}

export function toOrganization(o: OrganizationDoc, branchName: string, now: Date): Organization {
  return {
    id: o._id,
    name: o.name,
    kind: o.kind,
    kindText: ORGANIZATION_KIND_LABELS[o.kind],
    industry: o.industry,
    address: o.address,
    employees: o.employees,
    partyMembers: o.partyMembers,
    communityId: o.communityId,
    coverage: o.coverage,
    coverageText: COVERAGE_LABELS[o.coverage],
    branchId: o.branchId ?? '',
    branchName,
    instructor: o.instructor,
    updatedAt: new Date(o.updatedAt).toISOString(),
    flagged: shouldFormOwn(o),
    stale: isStaleEntry(o, now),
  }
}
