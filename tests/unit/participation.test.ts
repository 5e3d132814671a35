import {
  ledgerEntryId,
  meetsMinimums,
  pointsFor,
  reversalId,
  scoreOf,
  shortfall,
} from '../../cloudfunctions/_shared/participation'
import { minimumsOf } from '../../cloudfunctions/_shared/minimums'
import { branchMonthOrder, progressOf } from '../../cloudfunctions/checkin/src/progress'
import { PARTICIPATION_RULES, RULE_IDS } from '../../typings/participation'

describe('participation rules', () => {
  test('a score is the weighted sum of counted units', () => {
    expect(pointsFor('serviceHours', 3)).toBe(3 * PARTICIPATION_RULES.serviceHours.weight)
    expect(scoreOf({ checkin: 4, comment: 2 })).toBe(
      4 * PARTICIPATION_RULES.checkin.weight + 2 * PARTICIPATION_RULES.comment.weight,
    )
    expect(scoreOf({})).toBe(0)
  })

  test('ledger ids are deterministic and safe as document ids', () => {
    expect(ledgerEntryId('m1', 'checkin', '2026-11-01')).toBe('checkin_m1_2026-11-01')
    expect(ledgerEntryId('m1', 'comment', 'a/b c')).toBe('comment_m1_a-b-c')
  })

  test('a reversal’s id is fixed by its entry and never another entry’s', () => {
    const id = ledgerEntryId('m1', 'comment', 'c1')
    expect(reversalId(id)).toBe('reversal_comment_m1_c1')
    expect(RULE_IDS.some((r) => reversalId(id).startsWith(`${r}_`))).toBe(false)
  })

  test('a minimum of 0 is disabled; shortfalls never go negative', () => {
    expect(meetsMinimums({ checkin: 4 }, { checkin: 4, comment: 10, study: 0 })).toBe(false)
    expect(meetsMinimums({ checkin: 4 }, { checkin: 4, comment: 0, study: 0 })).toBe(true)
    expect(meetsMinimums({}, { checkin: 0, comment: 0, study: 0 })).toBe(true)
    expect(meetsMinimums({ checkin: 4, comment: 10 }, { checkin: 4, comment: 10, study: 2 })).toBe(
      false,
    )
    expect(
      shortfall({ checkin: 6, comment: 3, study: 1 }, { checkin: 4, comment: 10, study: 3 }),
    ).toEqual({ checkin: 0, comment: 7, study: 2 })
  })

  test('a branch without settings uses the defaults; partial settings keep the rest', () => {
    expect(minimumsOf(null)).toEqual({ checkin: 4, comment: 10, study: 0 })
    expect(minimumsOf({ minimums: { comment: 0 } })).toEqual({ checkin: 4, comment: 0, study: 0 })
  })

  test('the month view puts whoever is furthest below the minimums first', () => {
    const minimums = { checkin: 4, comment: 10, study: 0 }
    const row = (name: string, checkin: number, comment: number, score: number) => ({
      name,
      score,
      ...progressOf({ checkin, comment }, minimums),
    })
    const list = [
      row('甲', 4, 10, 18),
      row('乙', 0, 0, 0),
      row('丙', 3, 10, 16),
      row('丁', 5, 12, 22),
    ]
    expect(list.sort(branchMonthOrder).map((r) => r.name)).toEqual(['乙', '丙', '丁', '甲'])
  })
})
