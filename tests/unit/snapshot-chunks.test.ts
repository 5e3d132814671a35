// Frozen snapshots in chunks (stats/src/snapshots.ts): where a snapshot is cut, and that the pieces assemble
// to it; 末位 of a page of a ranking.
import type { RankedBranch } from '../../typings/stats'
import { bottomOf } from '../../cloudfunctions/stats/src/domain'
import { assembled, storedDocs } from '../../cloudfunctions/stats/src/snapshots'

const snapshot = (n: number) => ({
  _id: 'branches_2026-03_district',
  kind: 'branches',
  month: '2026-03',
  scopeId: 'district',
  rows: Array.from({ length: n }, (_, i) => ({ branchId: `b${i}` })),
  settledAt: new Date('2026-04-01T00:00:00Z'),
})

test('a snapshot that fits one document stays one; one row more is chunks and then its header', () => {
  expect(storedDocs(snapshot(3), 3)).toEqual([snapshot(3)])
  const docs = storedDocs(snapshot(7), 3)
  expect(docs.map((d) => d._id)).toEqual([
    'page_branches_2026-03_district_0000',
    'page_branches_2026-03_district_0001',
    'page_branches_2026-03_district_0002',
    'branches_2026-03_district',
  ])
  expect(docs.map((d) => ('rows' in d ? d.rows.length : null))).toEqual([3, 3, 1, null])
  expect(docs[3]).toEqual({
    ...snapshot(0),
    rows: undefined,
    count: 7,
    chunks: 3,
    size: 3,
  })
})

test('chunks read in any order, beside other snapshots, assemble to the snapshot', () => {
  const other = { ...snapshot(2), _id: 'branches_2026-03_c1', scopeId: 'c1' }
  const docs = [...storedDocs(snapshot(7), 3).reverse(), other]
  expect(assembled(docs)).toEqual(
    new Map([
      ['branches_2026-03_district', snapshot(7)],
      ['branches_2026-03_c1', other],
    ]),
  )
})

test('末位 of a page: the whole ranking’s last tenth that falls on it', () => {
  const ranked = Array.from({ length: 25 }, (_, i) => ({ branchId: `b${i}` }) as RankedBranch)
  // Pages of 12: the last tenth (b23, b24) straddles pages 2 and 3.
  const pages = [0, 12, 24].map((offset) => bottomOf(ranked.slice(offset, offset + 12), 25, offset))
  expect(pages.map((p) => p.map((b) => b.branchId))).toEqual([[], ['b23'], ['b24']])
  expect(pages.flat()).toEqual(bottomOf(ranked))
  expect(bottomOf(ranked.slice(0, 1), 1)).toEqual([])
})
