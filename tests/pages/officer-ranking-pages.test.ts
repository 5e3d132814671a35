// The district's ranking in pages on officer/ranking: with pages of 3 branches here (a city's district ranks
// in pages of 1,000), 上一页 / 下一页 walk the demo district's 8 branches, live and settled, 末位 on the last.
process.env.SNAPSHOT_CHUNK_ROWS = '3' // read by the stats workers the emulator starts for this file

import { dataOf } from '../support/cloud'
import { record } from '../functions/ledger-fixtures'
import { type Rendered, handled, tap, textOf, usePages } from './harness'

const { cloud, show } = usePages(['officer/ranking'])

const DISTRICT = 'demo-district-admin'
const pad = (n: number) => String(n).padStart(2, '0')
// Page calls carry no clock header: the months are the real ones, as the pages read them.
const today = new Date()
const last = new Date(today.getFullYear(), today.getMonth() - 1, 1)
const LAST_MONTH = `${last.getFullYear()}-${pad(last.getMonth() + 1)}`

beforeAll(async () => {
  // Last month: members of every branch check in, then it is settled (its district ranking in 3 chunks).
  await record(
    cloud,
    `${LAST_MONTH}-03T09:00:00+08:00`,
    Array.from({ length: 40 }, (_, i) => ({
      openid: `demo-member-${i * 3 + 1}`,
      rule: 'checkin' as const,
      ref: `${LAST_MONTH}-${i}`,
    })),
  )
  dataOf(await cloud.as(DISTRICT).stats.settle({ month: LAST_MONTH }))
}, 60_000)

const ranks = (page: Rendered & { data: { branches: { rank: number }[] } }) =>
  page.data.branches.map((b) => b.rank)

async function walk(page: Awaited<ReturnType<typeof show<'officer/ranking'>>>, settled: boolean) {
  const ranking = dataOf(
    await cloud
      .as(DISTRICT)
      .stats.branchRanking({ scope: 'district', ...(settled ? { month: LAST_MONTH } : {}) }),
  )
  expect(ranking).toMatchObject({ settled, total: 8, pages: 3 })
  expect(page.data).toMatchObject({ settled, page: 1, pages: 3 })
  expect(ranks(page)).toEqual([1, 2, 3])
  expect(textOf(page, '.page-note')).toBe('第 1 / 3 页，共 8 个支部')
  expect(page.querySelector('.bottom')).toBeFalsy()
  for (const expected of [
    [4, 5, 6],
    [7, 8],
  ]) {
    await handled(page, 'onPage', () => tap(page, '.page-next'))
    expect(ranks(page)).toEqual(expected)
  }
  expect(page.data.page).toBe(3)
  // 末位 is the whole district's last tenth: the last branch, on the last page.
  expect(page.data.branches.filter((b) => b.bottom).map((b) => b.rank)).toEqual([8])
  expect(textOf(page, '.bottom')).toContain('末位')
  await handled(page, 'onPage', () => tap(page, '.page-prev'))
  expect(ranks(page)).toEqual([4, 5, 6])
}

test('the district admin walks the live ranking page by page', async () => {
  await walk(await show('officer/ranking', DISTRICT, { scope: 'district' }), false)
})

test('a settled month reads page by page from its chunks; picking the month starts at page 1', async () => {
  const page = await show('officer/ranking', DISTRICT, { scope: 'district' })
  await handled(page, 'onPage', () => tap(page, '.page-next'))
  await handled(page, 'onMonth', () =>
    page.querySelector('.month-picker')!.dispatchEvent('change', { detail: { value: LAST_MONTH } }),
  )
  await walk(page, true)
})
