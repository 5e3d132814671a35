// The officers' month views: the branch ranking of any month (a past month as settled, the current one live),
// and a branch's detail with its members below the minimum and its 12-month trend table.
import { dataOf } from '../support/cloud'
import { record } from '../functions/ledger-fixtures'
import { handled, textOf, until, usePages } from './harness'

const { cloud, show } = usePages(['officer/ranking', 'officer/trend'])

const ADMIN = 'demo-community-admin-1'
const pad = (n: number) => String(n).padStart(2, '0')
// Page calls carry no clock header: the months are the real ones, as the pages read them.
const today = new Date()
const THIS_MONTH = `${today.getFullYear()}-${pad(today.getMonth() + 1)}`
const last = new Date(today.getFullYear(), today.getMonth() - 1, 1)
const LAST_MONTH = `${last.getFullYear()}-${pad(last.getMonth() + 1)}`
const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`

beforeAll(async () => {
  // Last month: branch-2's four members meet every minimum, one of branch-1's checks in once; then settled.
  const small = ['demo-member-31', 'demo-member-32', 'demo-member-33', 'demo-secretary-2']
  for (let d = 1; d <= 4; d++)
    await record(
      cloud,
      `${LAST_MONTH}-${pad(d)}T09:00:00+08:00`,
      [...small, ...(d === 1 ? ['demo-member-2'] : [])].flatMap((openid) => [
        { openid, rule: 'checkin' as const, ref: `${LAST_MONTH}-${d}` },
        ...[1, 2, 3].map((i) => ({ openid, rule: 'comment' as const, ref: `${d}-${i}` })),
      ]),
    )
  dataOf(await cloud.as('demo-district-admin').stats.settle({ month: LAST_MONTH }))
  // This month (live): branch-1 leads.
  await cloud.as('demo-member-1').checkin.checkIn({})
}, 60_000)

test('picking a past month shows its settled ranking; the current month is live', async () => {
  const page = await show('officer/ranking', ADMIN)
  expect(page.data).toMatchObject({ status: 'ready', month: THIS_MONTH, settled: false })
  expect(page.data.branches[0]).toMatchObject({ name: '云启科技有限公司党支部', rank: 1 })
  expect(textOf(page, '.month-note')).toContain('实时排行')

  await handled(page, 'onMonth', () =>
    page.querySelector('.month-picker')!.dispatchEvent('change', { detail: { value: LAST_MONTH } }),
  )
  const settled = dataOf(await cloud.as(ADMIN).stats.branchRanking({ month: LAST_MONTH }))
  expect(settled.settled).toBe(true)
  expect(page.data).toMatchObject({ status: 'ready', month: LAST_MONTH, settled: true })
  expect(page.data.branches.map((b) => [b.key, b.perMember, b.ratePercent])).toEqual(
    settled.branches.map((b) => [b.branchId, b.perMember, Math.round(b.activeRate * 100)]),
  )
  expect(page.data.branches[0]).toMatchObject({ key: 'branch-2', ratePercent: 100 })
  expect(textOf(page, '.month-note')).toContain(`${monthLabel(LAST_MONTH)}已结算`)
  expect(textOf(page, '.bottom')).toContain('末位')
  expect(page.data.exportUrl).toBe(
    `/officer/export/index?month=${LAST_MONTH}&scope=community&communityId=community-xinhua`,
  )
})

test('a branch’s detail lists who was below the minimum that month and the 12-month trend as a table', async () => {
  const ranking = await show('officer/ranking', ADMIN, { month: LAST_MONTH })
  expect(ranking.data.lastMonth).toBe(THIS_MONTH)
  const row = ranking.data.branches.find((b) => b.key === 'branch-1')!
  expect(row.detail).toBe(`/officer/trend/index?scope=branch&branchId=branch-1&month=${LAST_MONTH}`)
  const query = Object.fromEntries(new URLSearchParams(row.detail.split('?')[1]))
  const page = await show('officer/trend', ADMIN, query)
  await until(() => page.data.membersStatus !== 'loading', 'the members below the minimum')
  expect(page.data.name).toBe('云启科技有限公司党支部')
  expect(page.data.rows).toHaveLength(12)
  // No canvas under the simulator: the table carries the figures, ending at the month picked.
  const lastRow = page.data.rows[11]
  const trend = dataOf(
    await cloud.as(ADMIN).stats.trend({ scope: 'branch', branchId: 'branch-1', month: LAST_MONTH }),
  )
  expect(lastRow).toEqual({
    month: LAST_MONTH,
    label: monthLabel(LAST_MONTH),
    perMember: String(trend.points[11].perMember),
    rate: '0%',
  })
  expect(page.querySelectorAll('.trend-row')).toHaveLength(12)
  expect(page.data.rows[0].perMember).toBe('—')
  // Every one of branch-1's 31 active members was below the minimum; demo-member-2 had begun.
  expect(page.data.members).toHaveLength(31)
  const started = page.data.members.find((m) => m.detail === '报到还差 3 次，留言还差 7 条')
  expect(started).toBeDefined()
  expect(page.data.status).toBe('ready')
})

test('the trend is drawn on the page’s 2D canvas: a point per month with a figure, one line per series', async () => {
  const page = await show('officer/trend', ADMIN, {
    scope: 'community',
    communityId: 'community-xinhua',
  })
  const drawn: string[] = []
  const ctx = new Proxy({} as Record<string, unknown>, {
    get:
      (_, key) =>
      (...args: unknown[]) =>
        drawn.push(`${String(key)}(${args.length})`),
    set: () => true,
  })
  const canvas = { width: 0, height: 0, getContext: () => ctx }
  const select = () => ({
    fields: () => ({
      exec: (cb: (r: unknown[]) => void) => cb([{ node: canvas, width: 300, height: 220 }]),
    }),
  })
  Object.assign(page.instance, { createSelectorQuery: () => ({ select }) })
  await page.instance.load()
  await until(() => drawn.length > 0, 'the chart')
  expect(canvas.width / canvas.height).toBeCloseTo(300 / 220)
  // This month (live) and last month (settled) have figures: two points on each of the two series.
  const withFigures = page.data.rows.filter((r) => r.perMember !== '—')
  expect(withFigures.map((r) => r.month)).toEqual([LAST_MONTH, THIS_MONTH])
  expect(drawn.filter((c) => c === 'fillRect(4)')).toHaveLength(4)
  expect(drawn.filter((c) => c === 'lineTo(2)').length).toBeGreaterThanOrEqual(2)
})

test('a district admin ranks the district and picks a community', async () => {
  const page = await show('officer/ranking', 'demo-district-admin')
  expect(page.data).toMatchObject({ scope: 'district', communityIndex: 0 })
  expect(page.data.branches).toHaveLength(8)
  expect(page.data.communities.map((c) => c.name)[0]).toBe('全区')
  const index = page.data.communities.findIndex((c) => c.id === 'community-jiangsu')
  await handled(page, 'onCommunity', () =>
    page.querySelector('.community-picker')!.dispatchEvent('change', { detail: { value: index } }),
  )
  expect(page.data).toMatchObject({ scope: 'community', communityId: 'community-jiangsu' })
  expect(page.data.branches.map((b) => b.key).sort()).toEqual([
    'branch-5',
    'branch-6',
    'branch-7',
    'branch-8',
  ])
  expect(page.data.trendUrl).toContain('scope=community&communityId=community-jiangsu')
})

test('a past month never settled is ranked from its counters, and says so', async () => {
  const page = await show('officer/ranking', ADMIN, { month: '2020-01' })
  expect(page.data).toMatchObject({ status: 'ready', settled: false })
  expect(textOf(page, '.month-note')).toContain('2020年1月尚未结算')
})

test('a resident is told what the page is for, not shown an error', async () => {
  const page = await show('officer/ranking', 'demo-resident-1')
  expect(page.data.status).toBe('forbidden')
  expect(page.querySelector('.state-error')).toBeUndefined()
  expect(textOf(page, '.state-message')).toBe(
    '请先注册为党员。月度排行供社区党委和区委组织部查看各支部的人均积分、达标率和末位',
  )
})
