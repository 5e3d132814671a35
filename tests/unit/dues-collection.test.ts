// 各支部党费收缴's tally: grouped member counts read by monthToPay into each branch's counts, lowest 收缴率 first.
import { type MemberGroup, tallyBranches } from '../../cloudfunctions/dues/src/collection'

const MONTH = '2026-03'
const branches = [
  { _id: 'b1', name: '甲支部', fixedFen: 20 },
  { _id: 'b2', name: '乙支部', fixedFen: 20 },
  { _id: 'b3', name: '丙支部', fixedFen: 20 },
]
const group = (branchId: string, n: number, g: Partial<MemberGroup['_id']> = {}): MemberGroup => ({
  _id: { branchId, paid: false, declared: false, ...g },
  n,
})

test('paid, owed and no base are counted apart; a month owing 0 元 is not required', () => {
  const rows = tallyBranches(
    branches,
    [
      group('b1', 3, { paid: true }),
      group('b1', 2, { kind: 'salary', baseFen: 800_000 }),
      group('b1', 1, { kind: 'fixed', baseFen: null }),
      // 0.5 % of 0.99 元 rounds to 0 fen: nothing owed; of 1.00 元, 1 fen.
      group('b1', 4, { kind: 'salary', baseFen: 99 }),
      group('b1', 1, { kind: 'salary', baseFen: 100 }),
      group('b1', 2, { declared: true }),
      group('b1', 1),
      group('b2', 1, { paid: true }),
      group('elsewhere', 9, { paid: true }),
    ],
    MONTH,
  )
  expect(rows).toEqual([
    {
      branchId: 'b1',
      branchName: '甲支部',
      required: 10,
      paid: 3,
      unpaid: 4,
      unconfirmed: 3,
      rate: 30,
    },
    {
      branchId: 'b2',
      branchName: '乙支部',
      required: 1,
      paid: 1,
      unpaid: 0,
      unconfirmed: 0,
      rate: 100,
    },
    {
      branchId: 'b3',
      branchName: '丙支部',
      required: 0,
      paid: 0,
      unpaid: 0,
      unconfirmed: 0,
      rate: null,
    },
  ])
})

test('lowest rate first, rounded down; equal rates by name', () => {
  const rows = tallyBranches(
    branches,
    [
      group('b1', 2, { paid: true }),
      group('b1', 1),
      group('b2', 1, { paid: true }),
      group('b2', 2),
      group('b3', 1, { paid: true }),
      group('b3', 2),
    ],
    MONTH,
  )
  expect(rows.map((r) => [r.branchName, r.rate])).toEqual([
    ['丙支部', 33],
    ['乙支部', 33],
    ['甲支部', 66],
  ])
})
