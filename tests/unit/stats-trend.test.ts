import { monthsEnding, rankBranches, scopeFigures } from '../../cloudfunctions/stats/src/domain'

test('the 12 months ending at a month run oldest first, across the turn of the year', () => {
  expect(monthsEnding('2026-03', 12)).toEqual([
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
  ])
  expect(monthsEnding('2026-03', 1)).toEqual(['2026-03'])
})

describe('scopeFigures', () => {
  const branch = (activeMembers: number, metCount: number, score: number) => ({
    activeMembers,
    metCount,
    score,
  })

  test('a community’s figures are per member over all its branches, not an average of branch averages', () => {
    // 3 members scoring 30 and 27 members scoring 0: 90 / 30 = 3, not (10 + 0) / 2 = 5.
    expect(scopeFigures([branch(3, 3, 90), branch(27, 0, 0)])).toEqual({
      perMember: 3,
      activeRate: 0.1,
    })
  })

  test('one branch gets the very figures its ranking row shows', () => {
    const totals = { branchId: 'b', name: 'b', branchType: '' as const, counts: {} }
    const [row] = rankBranches([{ ...totals, activeMembers: 7, metCount: 2, score: 23 }], null)
    expect(scopeFigures([row])).toEqual({ perMember: row.perMember, activeRate: row.activeRate })
    expect(row).toMatchObject({ perMember: 3.3, activeRate: 0.286 })
  })

  test('no active member, or no branch at all, gives no figures rather than 0', () => {
    expect(scopeFigures([])).toEqual({ perMember: null, activeRate: null })
    expect(scopeFigures([branch(0, 0, 0)])).toEqual({ perMember: null, activeRate: null })
  })
})
