// 积分规则 in plain Chinese, one line per rule of the table the ledger enforces, so the sheet never drifts from it.
import { PARTICIPATION_RULES, RULE_IDS } from '../participation-rules'

export type RuleLine = { key: string; label: string; text: string }

/** 评论留言: 每条 1 分，每天最多 5 条、每月最多 60 条. */
export const ruleLines = (): RuleLine[] =>
  RULE_IDS.map((id) => {
    const { label, unit, weight, dailyCap, monthlyCap, perRefCap } = PARTICIPATION_RULES[id]
    const perRef = perRefCap ? `，同一次活动最多 ${perRefCap} ${unit}` : ''
    return {
      key: id,
      label,
      text: `每${unit} ${weight} 分，每天最多 ${dailyCap} ${unit}、每月最多 ${monthlyCap} ${unit}${perRef}`,
    }
  })
