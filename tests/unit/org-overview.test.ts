// 组织概况's paging: whole communities, as many as fit a page's branches, at least one.
import { communityPage, newsNoteOf, overviewOf } from '../../cloudfunctions/org/src/overview'

const communities = ['a', 'b', 'c', 'd'].map((_id) => ({ _id }))
const sizes: Record<string, number> = { a: 30, b: 20, c: 60, d: 5 }
const page = (cursor?: string) => communityPage(communities, (id) => sizes[id], cursor, 50)
const ids = (p: ReturnType<typeof page>) => p && [p.page.map((c) => c._id), p.next]

test('a page holds whole communities up to the branch limit, and says where the next starts', () => {
  expect(ids(page())).toEqual([['a', 'b'], 'c'])
  // A community larger than a page is a page of its own, never split.
  expect(ids(page('c'))).toEqual([['c'], 'd'])
  expect(ids(page('d'))).toEqual([['d'], null])
})

test('a cursor that names no community is refused (null)', () => {
  expect(page('zz')).toBeNull()
})

test('the news line says when a branch last posted, or how long it has been quiet', () => {
  const now = new Date('2026-05-20T10:00:00+08:00')
  const at = (iso: string) => new Date(iso)
  expect(
    newsNoteOf({ _id: 'x', lastNewsAt: at('2026-05-20T08:00:00+08:00') } as never, now, 30),
  ).toBe('今天有更新')
  expect(
    newsNoteOf({ _id: 'x', lastNewsAt: at('2026-05-17T23:00:00+08:00') } as never, now, 30),
  ).toBe('3 天前更新')
  expect(
    newsNoteOf({ _id: 'x', createdAt: at('2026-05-10T08:00:00+08:00') } as never, now, 30),
  ).toBe('尚未发布动态')
  expect(
    newsNoteOf({ _id: 'x', lastNewsAt: at('2026-04-20T08:00:00+08:00') } as never, now, 30),
  ).toBe('已 30 天未发布动态')
})

test('branches come grouped by their 联合党总支 in its order, those under none last; each names its 党总支', () => {
  const now = new Date('2026-05-20T10:00:00+08:00')
  const branch = (_id: string, sort: number, generalBranchId?: string) => ({
    _id,
    name: _id,
    parentId: 'c1',
    sort,
    generalBranchId,
    createdAt: now,
  })
  const [c1] = overviewOf({
    communities: [{ _id: 'c1', name: 'c1', sort: 0 }],
    branches: [
      branch('b1', 0),
      branch('b2', 1, 'g2'),
      branch('b3', 2, 'g1'),
      branch('b4', 3, 'g2'),
    ],
    generalBranches: [
      { _id: 'g1', name: '甲总支', sort: 1 },
      { _id: 'g2', name: '乙总支', sort: 0 },
    ],
    ranked: [],
    secretaries: new Map(),
    sessions: [],
    staleAfterDays: 30,
    now,
  })
  expect(c1.branches.map((b) => [b.id, b.generalBranchName])).toEqual([
    ['b2', '乙总支'],
    ['b4', '乙总支'],
    ['b3', '甲总支'],
    ['b1', ''],
  ])
})
