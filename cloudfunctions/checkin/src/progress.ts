// Progress towards a branch's minimums, from a member's month counters.
import type { Progress } from '../../../typings/checkin'
import {
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
    items: MINIMUM_RULES.map((rule) => ({
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
  const missing = (m: Minimums) => m.checkin + m.comment
  return (
    Number(a.metAll) - Number(b.metAll) ||
    missing(b.shortfall) - missing(a.shortfall) ||
    b.score - a.score ||
    a.name.localeCompare(b.name, 'zh-Hans-CN')
  )
}
