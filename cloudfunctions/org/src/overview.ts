// 组织概况 as a plain function: communities and their branches with members, this month's score per member and
// 达标率, missed 三会一课, the 长期未更新 rule, and the 末位 list, from rows the action read.
import type { OverviewBranch, OverviewCommunity } from '../../../typings/org'
import type { RankedBranch } from '../../../typings/stats'
import { type CadenceSession, cadenceOf } from '../../_shared/orglife-rules'
import type { OrgDoc } from '../../_shared/records'
import { isStale, quietDays, staleNote } from '../../_shared/stale'

export type OverviewInput = {
  communities: Pick<OrgDoc, '_id' | 'name' | 'sort'>[]
  branches: Pick<
    OrgDoc,
    '_id' | 'name' | 'parentId' | 'sort' | 'branchType' | 'lastNewsAt' | 'createdAt'
  >[]
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

export function overviewOf(input: OverviewInput): OverviewCommunity[] {
  const { now, staleAfterDays: days } = input
  const rank = new Map(input.ranked.map((r) => [r.branchId, r]))
  const byOrder = <T extends { sort: number }>(a: T, b: T) => a.sort - b.sort
  return [...input.communities].sort(byOrder).map((c) => {
    const branches = input.branches
      .filter((b) => b.parentId === c._id)
      .sort(byOrder)
      .map((b): OverviewBranch => {
        const r = rank.get(b._id)
        const sessions = input.sessions.filter((s) => s.branchId === b._id)
        return {
          id: b._id,
          name: b.name,
          branchType: b.branchType ?? '',
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
