// 组织概况 as plain functions: which communities make a page, and the communities with their branches —
// members, this month's score per member and 达标率, missed 三会一课, the 长期未更新 rule — from rows read.
import type { OverviewBranch, OverviewCommunity } from '../../../typings/org'
import type { RankedBranch } from '../../../typings/stats'
import { type CadenceSession, cadenceOf } from '../../_shared/orglife-rules'
import type { OrgDoc } from '../../_shared/records'
import { isStale, quietDays, staleNote } from '../../_shared/stale'

export type OverviewInput = {
  communities: Pick<OrgDoc, '_id' | 'name' | 'sort'>[]
  branches: Pick<
    OrgDoc,
    | '_id'
    | 'name'
    | 'parentId'
    | 'sort'
    | 'branchType'
    | 'generalBranchId'
    | 'lastNewsAt'
    | 'createdAt'
  >[]
  /** Open 联合党总支 of these communities. */
  generalBranches?: Pick<OrgDoc, '_id' | 'name' | 'sort'>[]
  /** This month's ranking of the branches with active members (stats' rankBranches). */
  ranked: RankedBranch[]
  secretaries: Map<string, string>
  sessions: (CadenceSession & { branchId: string })[]
  staleAfterDays: number
  now: Date
}

/** What a branch's news looks like: quiet for long, or when it last posted. */
export function newsNoteOf(branch: OverviewInput['branches'][number], now: Date, days: number) {
  const quiet = quietDays(branch, now)
  if (isStale(branch, now, days)) return staleNote(quiet, !!branch.lastNewsAt)
  if (!branch.lastNewsAt) return '尚未发布动态'
  return quiet ? `${quiet} 天前更新` : '今天有更新'
}

/** Branches a page of 组织概况 holds at most (a community is never split): its sessions stay one read. */
export const PAGE_BRANCHES = 50

/**
 * The communities of one page, in order from `cursor` (a community's id; the first when absent), as many as
 * fit `max` branches but at least one; `next` is the community the following page starts with.
 */
export function communityPage<C extends { _id: string }>(
  communities: C[],
  branchesOf: (communityId: string) => number,
  cursor: string | undefined,
  max = PAGE_BRANCHES,
): { page: C[]; next: string | null } | null {
  const start = cursor ? communities.findIndex((c) => c._id === cursor) : 0
  if (start < 0) return null
  let end = start
  let held = 0
  while (
    end < communities.length &&
    (end === start || held + branchesOf(communities[end]._id) <= max)
  )
    held += branchesOf(communities[end++]._id)
  return { page: communities.slice(start, end), next: communities[end]?._id ?? null }
}

export function overviewOf(input: OverviewInput): OverviewCommunity[] {
  const { now, staleAfterDays: days } = input
  const rank = new Map(input.ranked.map((r) => [r.branchId, r]))
  const byOrder = <T extends { sort: number }>(a: T, b: T) => a.sort - b.sort
  const general = new Map((input.generalBranches ?? []).map((g) => [g._id, g]))
  // Grouped by 党总支 in their order, those under none last.
  const groupOf = (b: OverviewInput['branches'][number]) =>
    general.get(b.generalBranchId ?? '')?.sort ?? Infinity
  return [...input.communities].sort(byOrder).map((c) => {
    const branches = input.branches
      .filter((b) => b.parentId === c._id)
      .sort((a, b) => groupOf(a) - groupOf(b) || byOrder(a, b))
      .map((b): OverviewBranch => {
        const r = rank.get(b._id)
        const sessions = input.sessions.filter((s) => s.branchId === b._id)
        return {
          id: b._id,
          name: b.name,
          branchType: b.branchType ?? '',
          generalBranchName: general.get(b.generalBranchId ?? '')?.name ?? '',
          memberCount: r?.activeMembers ?? 0,
          secretaryName: input.secretaries.get(b._id) ?? '',
          perMember: r?.perMember ?? 0,
          activeRate: r?.activeRate ?? 0,
          cadenceOverdue: cadenceOf(sessions, now)
            .filter((i) => i.overdue)
            .map((i) => i.type),
          stale: isStale(b, now, days),
          quietDays: quietDays(b, now),
          newsNote: newsNoteOf(b, now, days),
        }
      })
    return {
      id: c._id,
      name: c.name,
      memberCount: branches.reduce((n, b) => n + b.memberCount, 0),
      staleCount: branches.filter((b) => b.stale).length,
      cadenceCount: branches.filter((b) => b.cadenceOverdue.length > 0).length,
      branches,
    }
  })
}
