// The organisation register's rules: Shanghai quarters and 五清's quarterly staleness, coverage figures and
// the organisations that should form their own party organisation, which branch may cover an organisation,
// and when a branch or community may be retired.
import fc from 'fast-check'
import {
  branchRetireRefusal,
  claimLapsed,
  communityRetireRefusal,
  coverageOf,
  coverageRefusal,
  isStaleEntry,
  nameClaimId,
  quarterStart,
  changeRefusal,
  quarterOf,
  generalBranchRetireRefusal,
  generalCoverageOf,
  registerOf,
  shouldFormOwn,
} from '../../cloudfunctions/org/src/register'

const at = (iso: string) => new Date(iso)

test('quarters are Shanghai quarters', () => {
  expect(quarterOf(at('2026-03-31T23:59:00+08:00'))).toBe('2026-Q1')
  // 2026-03-31T16:30Z is already April 1st in Shanghai.
  expect(quarterOf(at('2026-03-31T16:30:00Z'))).toBe('2026-Q2')
  expect(quarterOf(at('2026-12-31T12:00:00+08:00'))).toBe('2026-Q4')
})

test('an entry not updated this quarter is due (五清, quarterly), one updated this quarter is not', () => {
  const now = at('2026-04-02T10:00:00+08:00')
  expect(isStaleEntry({ updatedAt: at('2026-03-31T22:00:00+08:00') }, now)).toBe(true)
  expect(isStaleEntry({ updatedAt: at('2026-04-01T00:00:00+08:00') }, now)).toBe(false)
  expect(isStaleEntry({ updatedAt: at('2025-05-01T00:00:00+08:00') }, now)).toBe(true)
})

test('3 or more party members without an organisation of their own are flagged', () => {
  expect(shouldFormOwn({ partyMembers: 3, coverage: 'none' })).toBe(true)
  expect(shouldFormOwn({ partyMembers: 4, coverage: 'joint' })).toBe(true)
  expect(shouldFormOwn({ partyMembers: 30, coverage: 'own' })).toBe(false)
  expect(shouldFormOwn({ partyMembers: 2, coverage: 'none' })).toBe(false)
})

test('a quarter starts on its first Shanghai day', () => {
  expect(quarterStart(at('2026-05-20T10:00:00+08:00'))).toEqual(at('2026-04-01T00:00:00+08:00'))
  expect(quarterStart(at('2026-03-31T16:30:00Z'))).toEqual(at('2026-04-01T00:00:00+08:00'))
  expect(quarterStart(at('2026-01-01T00:00:00+08:00'))).toEqual(at('2026-01-01T00:00:00+08:00'))
})

const tally = fc.record({
  communityId: fc.constantFrom('c1', 'c2', 'c3'),
  own: fc.nat(20),
  joint: fc.nat(20),
  none: fc.nat(20),
  flagged: fc.nat(5),
  stale: fc.nat(5),
})

test('the figures add up: the communities sum to the whole, the rate is the covered share, one without any is 0', () => {
  fc.assert(
    fc.property(fc.uniqueArray(tally, { selector: (t) => t.communityId }), (counts) => {
      const tallies = counts.map((t) => ({ ...t, total: t.own + t.joint + t.none }))
      const { total, communities } = coverageOf(
        ['c1', 'c2', 'c3'].map((_id) => ({ _id, name: _id })),
        tallies,
      )
      for (const k of ['total', 'own', 'joint', 'none', 'flagged', 'stale'] as const)
        expect(communities.reduce((n, r) => n + r[k], 0)).toBe(total[k])
      expect(total.own + total.joint + total.none).toBe(total.total)
      expect(total.rate).toBeCloseTo(total.total ? (total.own + total.joint) / total.total : 0)
      for (const c of communities)
        if (!tallies.some((t) => t.communityId === c.communityId))
          expect(c).toMatchObject({ total: 0, rate: 0 })
    }),
  )
})

test('its own party organisation is an 独立 branch; a joint one any other kind', () => {
  expect(coverageRefusal('own', '独立')).toBeNull()
  expect(coverageRefusal('own', '联合')).toBe('单独建立的党组织应选择独立党支部')
  expect(coverageRefusal('joint', '楼宇')).toBeNull()
  expect(coverageRefusal('joint', '独立')).toBe('联合覆盖应选择联合、楼宇、园区或行业党支部')
  expect(coverageRefusal('none', undefined)).toBeNull()
})

test('a branch with members or organisations, a community with branches or organisations, is not retired', () => {
  expect(branchRetireRefusal(3, 0)).toBe('该支部还有 3 名党员，请先将他们转出后再撤销')
  expect(branchRetireRefusal(0, 2)).toBe('该支部还覆盖 2 家两新组织，请先调整它们的覆盖情况')
  expect(branchRetireRefusal(0, 0)).toBeNull()
  expect(communityRetireRefusal(1, 0)).toBe('该社区还有 1 个支部，请先撤销或调整后再撤销社区')
  expect(communityRetireRefusal(0, 4)).toBe('该社区还登记有 4 家两新组织，请先调整后再撤销社区')
  expect(communityRetireRefusal(0, 0)).toBeNull()
  expect(communityRetireRefusal(0, 4, 1)).toBe('该社区还有 1 个党总支，请先撤销后再撤销社区')
})

test('a 党总支 with open branches under it is not retired', () => {
  expect(generalBranchRetireRefusal(2)).toBe('该党总支还有 2 个支部，请先将它们移出后再撤销')
  expect(generalBranchRetireRefusal(0)).toBeNull()
})

test('the register lists communities and branches in order, retired ones last with who retired them', () => {
  const org = (
    _id: string,
    level: 'community' | 'branch',
    parentId: string,
    sort: number,
    retired = false,
  ) => ({
    _id,
    name: _id,
    level,
    parentId,
    sort,
    ...(retired
      ? { retiredAt: at('2026-03-01T10:00:00+08:00'), retiredBy: { id: 'm', name: '王伟' } }
      : {}),
  })
  const list = registerOf(
    [
      org('c2', 'community', 'd', 1),
      org('c1', 'community', 'd', 2),
      org('b1', 'branch', 'c1', 0, true),
      org('b2', 'branch', 'c1', 1),
    ],
    new Map([['b2', 5]]),
    new Map([['b2', 2]]),
  )
  expect(list.map((c) => c.id)).toEqual(['c2', 'c1'])
  expect(list[1].branches).toEqual([
    {
      id: 'b2',
      name: 'b2',
      branchType: '独立',
      generalBranchId: '',
      memberCount: 5,
      organizationCount: 2,
      retired: null,
    },
    {
      id: 'b1',
      name: 'b1',
      branchType: '独立',
      generalBranchId: '',
      memberCount: 0,
      organizationCount: 0,
      retired: { at: '2026-03-01T02:00:00.000Z', by: '王伟' },
    },
  ])
})

test('a 党总支 lists the open branches under it in order; each branch names its 党总支', () => {
  const org = (_id: string, level: 'community' | 'generalBranch' | 'branch', sort: number) => ({
    _id,
    name: _id,
    level,
    parentId: level === 'community' ? 'd' : 'c1',
    sort,
  })
  const under = (b: ReturnType<typeof org>, generalBranchId: string, retired = false) => ({
    ...b,
    generalBranchId,
    ...(retired ? { retiredAt: at('2026-03-01T10:00:00+08:00') } : {}),
  })
  const [c1] = registerOf(
    [
      org('c1', 'community', 0),
      org('g2', 'generalBranch', 1),
      org('g1', 'generalBranch', 0),
      under(org('b3', 'branch', 2), 'g1'),
      under(org('b1', 'branch', 0), 'g1'),
      under(org('b2', 'branch', 1), 'g1', true),
      org('b4', 'branch', 3),
    ],
    new Map(),
    new Map(),
  )
  expect(c1.generalBranches).toEqual([
    { id: 'g1', name: 'g1', retired: null, branchIds: ['b1', 'b3'] },
    { id: 'g2', name: 'g2', retired: null, branchIds: [] },
  ])
  expect(c1.branches.map((b) => [b.id, b.generalBranchId])).toEqual([
    ['b1', 'g1'],
    ['b3', 'g1'],
    ['b4', ''],
    ['b2', 'g1'],
  ])
})

test("覆盖情况 counts a 党总支's open branches and what they cover; retired ones count for none", () => {
  const org = (
    _id: string,
    level: 'generalBranch' | 'branch',
    sort: number,
    extra: { generalBranchId?: string; retiredAt?: Date } = {},
  ) => ({ _id, name: _id, level, parentId: 'c1', sort, ...extra })
  const retiredAt = at('2026-03-01T10:00:00+08:00')
  expect(
    generalCoverageOf(
      [
        org('g2', 'generalBranch', 1),
        org('g1', 'generalBranch', 0),
        org('g0', 'generalBranch', 2, { retiredAt }),
        org('b1', 'branch', 0, { generalBranchId: 'g1' }),
        org('b2', 'branch', 1, { generalBranchId: 'g1' }),
        org('b3', 'branch', 2, { generalBranchId: 'g1', retiredAt }),
        org('b4', 'branch', 3),
      ],
      'c1',
      new Map([
        ['b1', 2],
        ['b3', 4],
        ['b4', 1],
      ]),
    ),
  ).toEqual([
    { id: 'g1', name: 'g1', branches: 2, organizations: 2 },
    { id: 'g2', name: 'g2', branches: 0, organizations: 0 },
  ])
})

test('a branch with transfers in flight is not merged, moved or retired, naming how many', () => {
  expect(changeRefusal(2, '合并')).toBe('该支部有 2 份组织关系接转正在办理，请办结后再合并')
  expect(changeRefusal(1, '调整')).toBe('该支部有 1 份组织关系接转正在办理，请办结后再调整')
  expect(changeRefusal(3, '撤销')).toBe('该支部有 3 份组织关系接转正在办理，请办结后再撤销')
  expect(changeRefusal(0, '合并')).toBeNull()
})

test('names one claim whatever their width, case or spaces; level and parent tell claims apart', () => {
  const claim = { level: 'branch' as const, parentId: 'c1', name: 'ABC 科技党支部' }
  expect(nameClaimId({ ...claim, name: 'ａｂｃ科技党支部' })).toBe(nameClaimId(claim))
  expect(nameClaimId({ ...claim, name: 'ABC 科技 党支部 ' })).toBe(nameClaimId(claim))
  expect(nameClaimId({ ...claim, parentId: 'c2' })).not.toBe(nameClaimId(claim))
  expect(nameClaimId({ ...claim, level: 'generalBranch' })).not.toBe(nameClaimId(claim))
  expect(nameClaimId({ ...claim, name: 'ABC 科技二党支部' })).not.toBe(nameClaimId(claim))
})

test('a claim lapses only when its org does not bear the name and neither changed for the grace', () => {
  const t = at('2026-03-10T10:00:00+08:00').getTime()
  const claim = { level: 'branch' as const, parentId: 'c1', name: '甲支部', atMs: t }
  const org = { level: 'branch' as const, parentId: 'c1', name: '甲支部', retiredAt: null }
  const later = t + 61_000
  expect(claimLapsed(claim, org, later)).toBe(false)
  expect(claimLapsed(claim, null, t + 10_000)).toBe(false)
  expect(claimLapsed(claim, null, later)).toBe(true)
  expect(claimLapsed(claim, { ...org, name: '乙支部' }, later)).toBe(true)
  expect(claimLapsed(claim, { ...org, parentId: 'c2' }, later)).toBe(true)
  expect(claimLapsed(claim, { ...org, retiredAt: new Date(t) }, later)).toBe(true)
  // Retired a moment ago: the retire may still reopen it.
  const justNow = new Date(later - 5_000)
  expect(claimLapsed(claim, { ...org, retiredAt: justNow, updatedAt: justNow }, later)).toBe(false)
})
