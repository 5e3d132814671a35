import {
  bottomOf,
  bulletinOf,
  countDiff,
  metCountOf,
  rankBranches,
  rankMembers,
} from '../../cloudfunctions/stats/src/domain'
import { nextMonth, previousMonth } from '../../cloudfunctions/_shared/participation'

const row = (memberId: string, score: number, at: string, name = memberId) => ({
  memberId,
  name,
  score,
  reachedAt: new Date(at),
})

describe('rankMembers', () => {
  test('equal scores rank the earlier one first, then the smaller member id, regardless of name', () => {
    const { top } = rankMembers(
      [
        row('m3', 5, '2026-03-02T00:00:00Z', '阿'),
        row('m2', 5, '2026-03-01T00:00:00Z', '张'),
        row('m1', 5, '2026-03-02T00:00:00Z', '赵'),
        row('m4', 9, '2026-03-05T00:00:00Z'),
      ],
      10,
      null,
    )
    expect(top.map((r) => `${r.rank}:${r.memberId}`)).toEqual(['1:m4', '2:m2', '3:m1', '4:m3'])
  })

  test('my row comes back outside the top N; no row when I have no score', () => {
    const rows = [row('a', 3, '2026-03-01'), row('b', 2, '2026-03-01'), row('c', 1, '2026-03-01')]
    expect(rankMembers(rows, 1, 'c')).toMatchObject({ ranked: 3, mine: { rank: 3, mine: true } })
    expect(rankMembers(rows, 1, 'z').mine).toBeNull()
  })
})

describe('branch fairness', () => {
  const base = { branchType: '联合' as const, counts: {} }

  test('a 3-member branch with more points per member outranks a 60-member branch with a larger total', () => {
    const ranked = rankBranches(
      [
        { ...base, branchId: 'big', name: '大', activeMembers: 60, metCount: 30, score: 600 },
        { ...base, branchId: 'small', name: '小', activeMembers: 3, metCount: 3, score: 60 },
      ],
      'big',
    )
    expect(ranked.map((b) => [b.branchId, b.perMember, b.activeRate, b.mine])).toEqual([
      ['small', 20, 1, false],
      ['big', 10, 0.5, true],
    ])
  })

  test('members without a counter meet only minimums that are disabled', () => {
    const input = { metWithCounter: 2, withCounter: 3, activeMembers: 10 }
    expect(metCountOf({ ...input, minimums: { checkin: 4, comment: 10, study: 0 } })).toBe(2)
    expect(metCountOf({ ...input, minimums: { checkin: 0, comment: 0, study: 0 } })).toBe(9)
  })

  test('the bottom list is the lowest tenth, at least one, and empty when only one branch competes', () => {
    const make = (n: number) =>
      rankBranches(
        Array.from({ length: n }, (_, i) => ({
          ...base,
          branchId: `b${String(i).padStart(2, '0')}`,
          name: `${i}`,
          activeMembers: 1,
          metCount: 0,
          score: n - i,
        })),
        null,
      )
    expect(bottomOf(make(1))).toEqual([])
    expect(bottomOf(make(8)).map((b) => b.branchId)).toEqual(['b07'])
    expect(bottomOf(make(20)).map((b) => b.branchId)).toEqual(['b18', 'b19'])
  })
})

describe('settlement helpers', () => {
  test('the month before January is December of the year before, and after December comes January', () => {
    expect(previousMonth('2026-01')).toBe('2025-12')
    expect(previousMonth('2026-03')).toBe('2026-02')
    expect(nextMonth('2026-12')).toBe('2027-01')
    expect(nextMonth('2026-11')).toBe('2026-12')
    expect(nextMonth(previousMonth('2030-01'))).toBe('2030-01')
  })

  test('countDiff lists only the rules that differ, as counter minus recount', () => {
    expect(
      countDiff({ checkin: 3, comment: 2 }, { checkin: 4, comment: 2, wishFulfilled: 1 }),
    ).toEqual({
      checkin: -1,
      wishFulfilled: -1,
    })
  })

  test('the bulletin names who met the minimums and the top members', () => {
    const { title, body } = bulletinOf({
      month: '2026-04',
      branchName: '云启支部',
      activeMembers: 3,
      counts: { checkin: 9, comment: 12 },
      minimums: { checkin: 4, comment: 0, study: 0 },
      ranked: [
        { name: '张三', score: 12, met: true },
        { name: '李四', score: 6, met: false },
        { name: '王五', score: 0, met: false },
      ],
      allMeet: false,
    })
    expect(title).toBe('2026年4月党员参与情况公布')
    expect(body).toContain('党员报到 9，评论留言 12')
    expect(body).toContain('党员报到不少于 4 次')
    expect(body).not.toContain('评论留言不少于')
    expect(body).toContain('达到最低要求的党员（1/3 人）：张三。')
    expect(body).toContain('1. 张三（12 分）\n2. 李四（6 分）')
  })
})
