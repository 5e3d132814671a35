// Frozen rankings stored in chunks (snapshots.ts): with chunks of 3 rows here, the demo district's rankings
// and its branches' member rankings span several documents. A settled month reads page by page as the live
// month read on its last day, each page of a ranking in 2 round trips; a month frozen in one document (as
// before chunks) reads the same through every reader.
process.env.SNAPSHOT_CHUNK_ROWS = '3' // read by the stats workers the emulator starts for this file

import type { StatsOutputs } from '../../typings/stats'
import { assembled } from '../../cloudfunctions/stats/src/snapshots'
import { dataOf, useTestCloud } from '../support/cloud'
import { record } from './ledger-fixtures'

const cloud = useTestCloud()

const JUNE = '2026-06'
const LAST_DAY = '2026-06-30T20:00:00+08:00'
const JULY = '2026-07-02T09:00:00+08:00'
const DISTRICT = 'demo-district-admin'
const MEMBER = 'demo-member-1' // branch-1, community-xinhua (4 branches)

type Ranking = StatsOutputs['branchRanking']

/** Every page of a branch ranking as one list, and what each page's read took. */
async function allPages(openid: string, now: string, input: { scope?: 'district' }) {
  const pages: Ranking[] = []
  const trips: number[] = []
  for (let page = 1; page === 1 || page <= pages[0].pages; page++) {
    const { reply, meta } = await cloud
      .measure(openid, { now })
      .stats.branchRanking({ ...input, month: JUNE, page })
    pages.push(dataOf(reply))
    trips.push(meta.dbRoundTrips)
  }
  return {
    pages,
    trips,
    branches: pages.flatMap((p) => p.branches),
    bottom: pages.flatMap((p) => p.bottom),
  }
}

const reads = (now: string) =>
  Promise.all([
    allPages(DISTRICT, now, { scope: 'district' }),
    allPages(MEMBER, now, {}),
    cloud.as(MEMBER, { now }).stats.memberRanking({ month: JUNE, top: 100 }).then(dataOf),
  ])

/** What June's readers answer once it is settled, whatever form its snapshots are stored in. */
const settledReads = async () => {
  const [district, community, members] = await reads(JULY)
  const admin = cloud.as(DISTRICT, { now: JULY })
  const [trendCommunity, trendBranch, exported] = await Promise.all([
    admin.stats.trend({ scope: 'community', communityId: 'community-xinhua', month: JUNE }),
    admin.stats.trend({ scope: 'branch', branchId: 'branch-2', month: JUNE }),
    admin.stats.exportMonth({ rows: 'branches', month: JUNE }),
  ])
  return {
    district,
    community,
    members,
    trend: [dataOf(trendCommunity).points.at(-1), dataOf(trendBranch).points.at(-1)],
    rowCount: dataOf(exported).rowCount,
  }
}

let live: Awaited<ReturnType<typeof reads>>
let chunked: Awaited<ReturnType<typeof settledReads>>

beforeAll(async () => {
  // Members of every branch check in on one day and comment on another, a few of them more often.
  for (const [day, rule] of [
    ['03', 'checkin'],
    ['04', 'comment'],
  ] as const)
    await record(
      cloud,
      `${JUNE}-${day}T09:00:00+08:00`,
      Array.from({ length: 120 }, (_, i) => i + 1)
        .filter((n) => n % 3 === 0 || n < 12)
        .map((n) => ({ openid: `demo-member-${n}`, rule, ref: `${day}-${n}` })),
    )
  live = await reads(LAST_DAY)
  for (let press = 0; press < 10; press++) {
    const run = dataOf(await cloud.as(DISTRICT, { now: JULY }).stats.settle({ month: JUNE }))
    if (run.summary) break
  }
  chunked = await settledReads()
}, 60_000)

test('a settled ranking reads in pages of 3 from its chunks, as the live ranking of the last day', async () => {
  const [district, community] = live
  expect(district.pages[0]).toMatchObject({ settled: false, total: 8, pages: 3 })
  expect(community.pages[0]).toMatchObject({ settled: false, total: 4, pages: 2 })
  for (const [settled, before] of [
    [chunked.district, district],
    [chunked.community, community],
  ]) {
    expect(settled.pages.map((p) => [p.settled, p.page, p.branches.length])).toEqual(
      before.pages.map((p) => [true, p.page, p.branches.length]),
    )
    expect(settled.branches).toEqual(before.branches)
    // 末位 is of the whole ranking: the last branch, on the last page only.
    expect(settled.bottom).toEqual([before.branches.at(-1)])
    expect(settled.pages.map((p) => p.bottom.length)).toEqual(
      settled.pages.map((_, i) => (i === settled.pages.length - 1 ? 1 : 0)),
    )
    // The caller, then the header and one chunk.
    expect(settled.trips).toEqual(settled.pages.map(() => 2))
  }
  expect(chunked.community.branches.filter((b) => b.mine).map((b) => b.branchId)).toEqual([
    'branch-1',
  ])
  // Stored as 3 chunks and a header holding no rows.
  const header = await cloud.doc(`ranking_snapshots`, `branches_${JUNE}_district`)
  expect(header).toMatchObject({ count: 8, chunks: 3, size: 3 })
  expect(header).not.toHaveProperty('rows')
  expect(await cloud.docs('ranking_snapshots', { of: `branches_${JUNE}_district` })).toHaveLength(3)
})

test('a branch’s member ranking settled in chunks reads as the live one of the last day', async () => {
  const members = live[2]
  expect(members.ranked).toBeGreaterThan(3)
  expect(chunked.members).toEqual({ ...members, settled: true })
  expect(await cloud.docs('ranking_snapshots', { of: `members_${JUNE}_branch-1` })).toHaveLength(
    Math.ceil(members.ranked / 3),
  )
  const { meta } = await cloud
    .measure(MEMBER, { now: JULY })
    .stats.memberRanking({ month: JUNE, top: 100 })
  expect(meta.dbRoundTrips).toBe(2)
})

test('a month frozen in one document, as before chunks, reads the same through every reader', async () => {
  expect(chunked.rowCount).toBe(8)
  expect(chunked.trend[0]).toMatchObject({ month: JUNE, settled: true })
  expect(chunked.trend[1]).toMatchObject({ month: JUNE, settled: true })
  const stored = await cloud.docs('ranking_snapshots', { month: JUNE })
  const whole = [...assembled(stored as never).values()]
  expect(whole.length).toBeLessThan(stored.length)
  const snapshots = cloud.db.collection('ranking_snapshots')
  await snapshots.where({ month: JUNE }).remove()
  for (const doc of whole) await snapshots.add({ data: doc })
  expect(await cloud.doc('ranking_snapshots', `branches_${JUNE}_district`)).toMatchObject({
    rows: chunked.district.branches.map((b) => ({ ...b, mine: false })),
  })
  expect(await settledReads()).toEqual(chunked)
})
