// The participation rules (the table itself is miniprogram/participation-rules.ts, shipped to the pages), the
// branches' monthly minimums and the counts they are checked against.

export {
  RULE_IDS,
  PARTICIPATION_RULES,
  type RuleId,
  type ParticipationRule,
} from '../miniprogram/participation-rules'
import type { RuleId } from '../miniprogram/participation-rules'

/** The monthly minimums a branch sets (0 disables one); defaults from the branch websites: 报到 ≥ 4, 留言 ≥ 10;
 * 网上党校 items completed: none until the branch sets one. */
export type Minimums = { checkin: number; comment: number; study: number }
export const DEFAULT_MINIMUMS: Minimums = { checkin: 4, comment: 10, study: 0 }
export const MINIMUM_RULES = ['checkin', 'comment', 'study'] as const satisfies readonly RuleId[]

export type RuleCounts = Partial<Record<RuleId, number>>
