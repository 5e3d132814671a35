// Progress towards a branch's minimums, from a member's month counters.
import type { Progress } from '../../../typings/checkin'
import {
  DEFAULT_MINIMUMS,
  MINIMUM_RULES,
  type Minimums,
  PARTICIPATION_RULES,
  type RuleCounts,
} from '../../../typings/participation'
import { meetsMinimums, shortfall } from '../../_shared/participation'

export function progressOf(counts: RuleCounts, minimums: Minimums): Progress {
  const missing = shortfall(counts, minimums)
  return {
    counts,
    minimums,
    shortfall: missing,
    metAll: meetsMinimums(counts, minimums),
    // A minimum off by default (study) shows only once the branch sets it.
    items: MINIMUM_RULES.filter((r) => minimums[r] > 0 || DEFAULT_MINIMUMS[r] > 0).map((rule) => ({
      rule,
      label: PARTICIPATION_RULES[rule].label,
      count: counts[rule] ?? 0,
      minimum: minimums[rule],
      missing: missing[rule],
    })),
  }
}

/** Below-minimum members first (most missing first), then by score, then by name. */
export function branchMonthOrder(
  a: { metAll: boolean; shortfall: Minimums; score: number; name: string },
  b: { metAll: boolean; shortfall: Minimums; score: number; name: string },
): number {
  const missing = (m: Minimums) => m.checkin + m.comment + m.study
  return (
    Number(a.metAll) - Number(b.metAll) ||
    missing(b.shortfall) - missing(a.shortfall) ||
    b.score - a.score ||
    a.name.localeCompare(b.name, 'zh-Hans-CN')
  )
}
