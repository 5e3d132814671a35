// 各支部党费收缴 on the page, through the emulator: branch-2's three members confirmed on the fixed amount and
// paid this month; the community admin sees the rows lowest 收缴率 first, switches to last month, and each row
// opens that branch's 党费交纳登记. Others are told what the page is for.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { shiftMonth, thisMonthKey } from '../../miniprogram/utils/date'
import { dataOf } from '../support/cloud'
import { APP_PAGES, textOf, until, usePages } from './harness'

const { cloud, show } = usePages(['dues/branches', 'officer/community', 'officer/district'])

beforeAll(async () => {
  const month = thisMonthKey()
  for (const m of ['demo-member-31', 'demo-member-32', 'demo-member-33']) {
    dataOf(await cloud.as(m).dues.declareBase({ kind: 'fixed' }))
    dataOf(await cloud.as('demo-secretary-2').dues.confirmBase({ memberId: memberIdOf(m) }))
    const order = dataOf(await cloud.as(m).dues.pay({ month }))
    await cloud.pay.settle(order.outTradeNo, 'success')
  }
})

test('the community admin sees each branch’s counts, lowest 收缴率 first, and last month on switching', async () => {
  const page = await show('dues/branches', 'demo-community-admin-1')
  expect(page.data.status).toBe('ready')
  expect(page.data.rows.map((r) => r.id).sort()).toEqual([
    'branch-1',
    'branch-2',
    'branch-3',
    'branch-4',
  ])
  // Nobody else has a base: the other branches are at 0%, branch-2 (3 of 4 paid) comes last.
  expect(page.data.rows.at(-1)).toMatchObject({
    id: 'branch-2',
    rate: '75%',
    note: '应交 4 人 · 已交 3 · 未交 0 · 基数待确认 1',
  })
  expect(page.data.rows[0].rate).toBe('0%')
  expect(textOf(page, '#branch-branch-2 .branch-rate')).toBe('75%')
  // The row's navigator leads to the branch's register, a page of the app.
  const url = page.data.rows.at(-1)!.url
  expect(url).toBe('/dues/register/index?branchId=branch-2')
  expect(APP_PAGES).toContain(url.slice(1).split('?')[0])

  const last = shiftMonth(thisMonthKey(), -1)
  page.querySelector('.month-picker-wrap')!.dispatchEvent('change', { detail: { value: last } })
  await until(() => page.data.status === 'ready' && page.data.month === last, 'last month')
  // The bases were confirmed this month: last month nobody of branch-2 had one, nor paid.
  expect(page.data.rows.find((r) => r.id === 'branch-2')).toMatchObject({
    rate: '0%',
    note: '应交 4 人 · 已交 0 · 未交 0 · 基数待确认 4',
  })
})

test('a secretary is told what the page is for, without an error', async () => {
  const page = await show('dues/branches', 'demo-secretary-1')
  expect(page.data.status).toBe('forbidden')
  expect(textOf(page, '.state-forbidden')).toContain('各支部党费收缴情况')
})

test('the community and district workbenches link to it', async () => {
  for (const [bench, openid] of [
    ['officer/community', 'demo-community-admin-1'],
    ['officer/district', 'demo-district-admin'],
  ] as const) {
    const page = await show(bench, openid)
    expect(textOf(page, '#link-dues')).toBe('各支部党费收缴')
  }
})
