// Ranking, fairness, settlement and CSV rules as plain functions (unit-tested in tests/unit/stats-domain).
import {
  type Minimums,
  MINIMUM_RULES,
  PARTICIPATION_RULES,
  RULE_IDS,
  type RuleCounts,
} from '../../../typings/participation'
import type { RankedBranch, RankedMember } from '../../../typings/stats'
import { monthLabel } from '../../_shared/clock'
import { type RankRow, meetsMinimums, previousMonth, rankOrder } from '../../_shared/participation'

export const DEFAULT_TOP = 50
/** 末位: the lowest tenth of the ranked branches, at least one when two or more compete. */
export const BOTTOM_SHARE = 0.1

export type ScoreRow = RankRow & { name: string; counts?: RuleCounts }

/** Top N plus the caller's own row, wherever it falls. Rows are ranked with rankOrder (ties never by name). */
export function rankMembers(rows: ScoreRow[], top: number, myId: string | null) {
  const sorted = scored(rows).sort(rankOrder)
  const toRanked = (r: ScoreRow, i: number): RankedMember => ({
    rank: i + 1,
    memberId: r.memberId,
    name: r.name,
    score: r.score,
    mine: r.memberId === myId,
  })
  const index = myId ? sorted.findIndex((r) => r.memberId === myId) : -1
  return {
    ranked: sorted.length,
    top: sorted.slice(0, top).map(toRanked),
    mine: index >= 0 ? toRanked(sorted[index], index) : null,
  }
}

/** Only members who scored are ranked; a month's counters are opened at 0 for everyone. */
export const scored = <T extends { score: number }>(rows: T[]): T[] =>
  rows.filter((r) => r.score > 0)

export type BranchTotals = {
  branchId: string
  name: string
  branchType: RankedBranch['branchType']
  activeMembers: number
  metCount: number
  score: number
  counts: RuleCounts
}

/** Members of a branch who met every minimum: those with a counter who met them, plus, when every
 * minimum is disabled, the active members without a counter (0 meets a disabled minimum). */
export function metCountOf(input: {
  metWithCounter: number
  withCounter: number
  activeMembers: number
  minimums: Minimums
}): number {
  const silent = Math.max(0, input.activeMembers - input.withCounter)
  const met = input.metWithCounter + (meetsMinimums({}, input.minimums) ? silent : 0)
  return Math.min(input.activeMembers, met)
}

const round1 = (n: number) => Math.round(n * 10) / 10

/** Score per active member first, then active rate, then raw score, then id: fair between a 3-member
 * 联合支部 and a 60-member branch, and deterministic. */
export function rankBranches(totals: BranchTotals[], myBranchId: string | null): RankedBranch[] {
  return totals
    .map((t) => ({
      ...t,
      activeRate: t.activeMembers ? t.metCount / t.activeMembers : 0,
      perMember: t.activeMembers ? t.score / t.activeMembers : 0,
    }))
    .sort(
      (a, b) =>
        b.perMember - a.perMember ||
        b.activeRate - a.activeRate ||
        b.score - a.score ||
        (a.branchId < b.branchId ? -1 : a.branchId > b.branchId ? 1 : 0),
    )
    .map((t, i) => ({
      ...t,
      rank: i + 1,
      perMember: round1(t.perMember),
      activeRate: Math.round(t.activeRate * 1000) / 1000,
      mine: t.branchId === myBranchId,
    }))
}

/** The lowest-ranked branches (末位), worst last as in the ranking: of a page of it, those of the ranking's
 * `total` branches that are 末位, the page starting at `offset` in the whole ranking. */
export function bottomOf(
  ranked: RankedBranch[],
  total = ranked.length,
  offset = 0,
): RankedBranch[] {
  if (total < 2) return []
  const from = total - Math.max(1, Math.floor(total * BOTTOM_SHARE))
  return ranked.slice(Math.max(0, from - offset))
}

/** Rule-by-rule difference between what counters hold and what the ledger recounts (only the rules that differ). */
export function countDiff(counter: RuleCounts, recount: RuleCounts): RuleCounts {
  const out: RuleCounts = {}
  for (const r of RULE_IDS) {
    const d = (counter[r] ?? 0) - (recount[r] ?? 0)
    if (d !== 0) out[r] = d
  }
  return out
}

export const sameCounts = (a: RuleCounts, b: RuleCounts) =>
  Object.keys(countDiff(a, b)).length === 0

export function addCounts(into: RuleCounts, add: RuleCounts): RuleCounts {
  for (const r of RULE_IDS) if (add[r]) into[r] = (into[r] ?? 0) + (add[r] ?? 0)
  return into
}

export const RULE_HEADERS = RULE_IDS.map((r) => PARTICIPATION_RULES[r].label)
export const countsColumns = (counts: RuleCounts) => RULE_IDS.map((r) => counts[r] ?? 0)

const NAMES_SHOWN = 30

function nameList(names: string[]): string {
  if (!names.length) return '暂无'
  const shown = names.slice(0, NAMES_SHOWN).join('、')
  return names.length > NAMES_SHOWN ? `${shown}等 ${names.length} 人` : shown
}

/** The monthly bulletin a secretary used to post by hand (发帖公布): counts, who met the minimums, the top members. */
export function bulletinOf(input: {
  month: string
  branchName: string
  activeMembers: number
  counts: RuleCounts
  minimums: Minimums
  /** Everyone in rank order with whether they met every minimum. */
  ranked: { name: string; score: number; met: boolean }[]
  /** True when every minimum is disabled: members without activity met them too. */
  allMeet: boolean
}): { title: string; body: string } {
  const met = input.ranked.filter((r) => r.met).map((r) => r.name)
  const metCount = input.allMeet ? input.activeMembers : met.length
  const countsLine = RULE_IDS.filter((r) => input.counts[r])
    .map((r) => `${PARTICIPATION_RULES[r].label} ${input.counts[r]}`)
    .join('，')
  const minimumsLine = MINIMUM_RULES.filter((r) => input.minimums[r] > 0)
    .map((r) => `${PARTICIPATION_RULES[r].label}不少于 ${input.minimums[r]} 次`)
    .join('，')
  const top = input.ranked
    .filter((r) => r.score > 0)
    .slice(0, 5)
    .map((r, i) => `${i + 1}. ${r.name}（${r.score} 分）`)
  return {
    title: `${monthLabel(input.month)}党员参与情况公布`,
    body: [
      `${input.branchName} ${monthLabel(input.month)}参与情况：${countsLine || '本月暂无记录'}。`,
      `本支部每月最低要求：${minimumsLine || '未设置'}。`,
      `达到最低要求的党员（${metCount}/${input.activeMembers} 人）：${
        input.allMeet ? '全体党员' : nameList(met)
      }。`,
      top.length ? `本月排名前列：\n${top.join('\n')}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  }
}

export function groupBy<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    if (k === null) continue
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

/** The `n` months ending at `month`, oldest first. */
export function monthsEnding(month: string, n: number): string[] {
  const out = [month]
  while (out.length < n) out.unshift(previousMonth(out[0]))
  return out
}

/** Per-capita score and 达标率 of branches taken together, rounded as the ranking rounds them; null figures
 * when none has an active member (a branch, or a community, that month). */
export function scopeFigures(rows: Pick<BranchTotals, 'activeMembers' | 'metCount' | 'score'>[]) {
  const active = rows.reduce((s, r) => s + r.activeMembers, 0)
  if (!active) return { perMember: null, activeRate: null }
  const sum = (k: 'metCount' | 'score') => rows.reduce((s, r) => s + r[k], 0)
  return {
    perMember: round1(sum('score') / active),
    activeRate: Math.round((sum('metCount') / active) * 1000) / 1000,
  }
}
