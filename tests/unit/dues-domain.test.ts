// The dues rule: brackets and their boundaries, rounding to the fen, and a change of base from the next month.
import fc from 'fast-check'
import {
  type ConfirmedBasis,
  amountOf,
  arrearsDue,
  basisIn,
  confirmInto,
  duesMonths,
  outTradeNoOf,
  paidOnTime,
  perMilleOf,
  salaryDues,
  yuan,
} from '../../cloudfunctions/_shared/dues-rules'

const at = new Date('2026-03-01T00:00:00Z')

describe('brackets (after-tax monthly base, in fen)', () => {
  test.each([
    // 3000 元以下（含 3000 元）0.5 %
    [1, 5],
    [299_999, 5],
    [300_000, 5],
    // 3000 元以上至 5000 元（含）1 %
    [300_001, 10],
    [500_000, 10],
    // 5000 元以上至 10000 元（含）1.5 %
    [500_001, 15],
    [1_000_000, 15],
    // 10000 元以上 2 %
    [1_000_001, 20],
    [100_000_000, 20],
  ])('%i fen pays %i ‰', (base, perMille) => expect(perMilleOf(base)).toBe(perMille))

  test.each([
    [0, 0],
    [300_000, 1_500], // 3000 元 → 15.00 元
    [300_001, 3_000], // 3000.01 元 × 1 % = 30.0001 → 30.00 元
    [500_000, 5_000],
    [500_001, 7_500], // 5000.01 元 × 1.5 % = 75.00015 → 75.00 元
    [1_000_000, 15_000],
    [1_000_001, 20_000], // 10000.01 元 × 2 % = 200.0002 → 200.00 元
    [123_456, 617], // 1234.56 元 × 0.5 % = 6.1728 → 6.17 元
    [100, 1], // 1 元 × 0.5 % = 0.005 → 0.01 元 (half up)
    [99, 0], // 0.99 元 × 0.5 % = 0.00495 → 0.00 元
    [350_050, 3_501], // 3500.50 元 × 1 % = 35.005 → 35.01 元 (half up)
  ])('%i fen of base pays %i fen (四舍五入到分)', (base, fen) => expect(salaryDues(base)).toBe(fen))

  test('the amount is an integer, never more than half a fen from base × rate', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (base) => {
        const fen = salaryDues(base)
        expect(Number.isInteger(fen)).toBe(true)
        expect(Math.abs(fen * 1000 - base * perMilleOf(base))).toBeLessThanOrEqual(500)
      }),
    ))

  test('members without salaried income pay the branch’s fixed amount, whatever a stale base says', () => {
    expect(amountOf({ kind: 'fixed', baseFen: null }, 20)).toBe(20)
    expect(amountOf({ kind: 'fixed', baseFen: 800_000 }, 50)).toBe(50)
    expect(amountOf({ kind: 'salary', baseFen: 800_000 }, 50)).toBe(12_000)
  })
})

describe('confirming a base', () => {
  const salary = (baseFen: number) => ({ kind: 'salary' as const, baseFen })

  test('the first base applies from the month it is confirmed, a change from the next month', () => {
    const first = confirmInto([], salary(250_000), '2026-03', at)
    expect(first.map((h) => h.from)).toEqual(['2026-03'])
    const changed = confirmInto(first, salary(800_000), '2026-03', at)
    expect(changed.map((h) => [h.from, h.baseFen])).toEqual([
      ['2026-03', 250_000],
      ['2026-04', 800_000],
    ])
    expect(basisIn(changed, '2026-03')?.baseFen).toBe(250_000)
    expect(basisIn(changed, '2026-04')?.baseFen).toBe(800_000)
    expect(basisIn(changed, '2027-01')?.baseFen).toBe(800_000)
    expect(basisIn(changed, '2026-02')).toBeNull()
  })

  test('a second change in the same month replaces the first change, not the month in effect', () => {
    let h: ConfirmedBasis[] = confirmInto([], salary(100_000), '2026-01', at)
    h = confirmInto(h, salary(400_000), '2026-03', at)
    h = confirmInto(h, salary(600_000), '2026-03', at)
    expect(h.map((x) => [x.from, x.baseFen])).toEqual([
      ['2026-01', 100_000],
      ['2026-04', 600_000],
    ])
  })

  test('months owed run from the first confirmed base to now, newest first; a paid one nets its corrections', () => {
    const h = confirmInto(
      confirmInto([], salary(250_000), '2025-11', at),
      salary(800_000),
      '2026-01',
      at,
    )
    const months = duesMonths(
      h,
      [
        { kind: 'payment', month: '2025-12', amountFen: 1_250, paidAt: at, onTime: true },
        { kind: 'correction', month: '2025-12', amountFen: -250 },
        { kind: 'correction', month: '2026-01', amountFen: 100 },
      ],
      20,
      '2026-02',
    )
    expect(months.map((m) => [m.month, m.status, m.amountFen])).toEqual([
      ['2026-02', 'owed', 12_000],
      ['2026-01', 'owed', 1_250],
      ['2025-12', 'paid', 1_000],
      ['2025-11', 'owed', 1_250],
    ])
    expect(duesMonths([], [], 20, '2026-02')).toEqual([])
  })
})

test('按时交纳 is paying within the month (or ahead), not after it', () => {
  expect(paidOnTime('2026-03', '2026-03')).toBe(true)
  expect(paidOnTime('2026-03', '2026-02')).toBe(true)
  expect(paidOnTime('2026-03', '2026-04')).toBe(false)
})

test('an out_trade_no is at most 32 characters WeChat Pay accepts', () => {
  const no = outTradeNoOf('2026-03', 'a'.repeat(40))
  expect(no).toHaveLength(32)
  expect(no).toMatch(/^D202603[0-9A-Za-z]+$/)
})

test('amounts read in 元 with two decimals', () => {
  expect([yuan(0), yuan(5), yuan(1_250), yuan(12_000)]).toEqual([
    '0.00 元',
    '0.05 元',
    '12.50 元',
    '120.00 元',
  ])
})

test('an unpaid month is chased from the reminder day (the 25th) to the month end', () => {
  expect([1, 24, 25, 31].map(arrearsDue)).toEqual([false, false, true, true])
})
