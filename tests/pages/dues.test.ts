// 党费 on the pages, end to end through the emulator: a member declares the base on 我的党费, the secretary
// confirms it on the register, the member pays a month through wx.requestPayment (the test plays WeChat Pay
// with the emulator's /__pay), and both pages show it paid; a cancelled payment leaves the month owed.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf } from '../support/cloud'
import { memberMe, pointPagesAt, tap, textOf, until, usePages, wxMock } from './harness'

const { cloud, show } = usePages(['dues/mine', 'dues/register'])
const requestPayment = (wx as unknown as { requestPayment: jest.Mock }).requestPayment

/** WeChat Pay as the user completes (or cancels) it: the order the page's payment names is settled. */
function payWith(result: 'success' | 'cancel') {
  requestPayment.mockImplementationOnce(async ({ package: pkg }: { package: string }) => {
    if (result === 'cancel') throw { errMsg: 'requestPayment:fail cancel' }
    const order = (await cloud.pay.orders()).find((o) => pkg === `prepay_id=${o.prepayId}`)
    if (!order) throw new Error(`no order for ${pkg}`)
    await cloud.pay.settle(order.outTradeNo, 'success')
    return { errMsg: 'requestPayment:ok' }
  })
}

test('declared, confirmed on the register, paid: both pages show the month paid', async () => {
  const member = 'demo-member-12'
  const mine = await show('dues/mine', member)
  expect(mine.data.months).toEqual([])
  expect(textOf(mine, '.unconfirmed')).toContain('还没有确认的党费基数')
  mine.setData({ kindIndex: 0, baseYuan: '6500' })
  tap(mine, '.declare-button')
  await until(() => !!mine.data.declaredText, 'the declaration')
  expect(mine.data.declaredText).toBe('税后月收入 6500.00 元')

  const register = await show('dues/register', 'demo-secretary-1')
  const rowId = `#member-${memberIdOf(member)}`
  expect(textOf(register, `${rowId} .declared`)).toContain(
    '申报税后月收入 6500.00 元，每月 97.50 元',
  )
  tap(register, `${rowId} .confirm-button`)
  await until(
    () => register.data.rows.some((r) => r.id === memberIdOf(member) && r.owed),
    'the confirmation',
  )

  const again = await show('dues/mine', member)
  expect(again.data.confirmedText).toContain('每月 97.50 元')
  const [month] = again.data.months
  expect(month).toMatchObject({ amount: '97.50 元', paid: false })
  expect(textOf(again, '.owed')).toBe('欠交 97.50 元')
  payWith('success')
  tap(again, `#month-${month.month} .pay-button`)
  await until(() => again.data.months[0]?.paid, 'the payment')
  expect(requestPayment).toHaveBeenCalledWith(
    expect.objectContaining({ package: expect.stringMatching(/^prepay_id=/), signType: 'MD5' }),
  )
  // Nothing owed: no red 欠交 0.00 元, a plain 无欠交.
  expect(again.data.owed).toBe('')
  expect(again.dom.querySelector('.owed')).toBeNull()
  expect(textOf(again, '.no-owed')).toBe('无欠交')
  expect(await cloud.docs('dues_payments', { memberId: memberIdOf(member) })).toHaveLength(1)

  const after = await show('dues/register', 'demo-secretary-1')
  expect(after.data.rows.find((r) => r.id === memberIdOf(member))).toMatchObject({
    statusText: '已交',
    amount: '97.50 元',
  })
})

test('the secretary records a refund of a paid month as a correction; the month nets to it', async () => {
  const memberId = memberIdOf('demo-member-12')
  const register = await show('dues/register', 'demo-secretary-1')
  tap(register, `#member-${memberId} .correct-button`)
  await until(() => !!register.data.correcting, 'the correction form')
  register.setData({ correctionYuan: '20', correctionReason: '基数申报有误，多交部分退还' })
  tap(register, '.submit-correction')
  await until(() => register.data.correcting === null, 'the correction')
  expect(register.data.rows.find((r) => r.id === memberId)).toMatchObject({ amount: '77.50 元' })
  const records = await cloud.docs('dues_payments', { memberId })
  expect(records).toHaveLength(2)
  expect(records).toContainEqual(
    expect.objectContaining({
      kind: 'correction',
      amountFen: -2_000,
      reason: '基数申报有误，多交部分退还',
    }),
  )
})

test('a second payment of a paid month shows as 待退款 with its amount, and the refund is recorded from it', async () => {
  const member = 'demo-member-16'
  const memberId = memberIdOf(member)
  dataOf(await cloud.as(member).dues.declareBase({ kind: 'fixed' }))
  dataOf(await cloud.as('demo-secretary-1').dues.confirmBase({ memberId }))
  const { month } = dataOf(await cloud.as(member).dues.myDues({}))
  const orders = [
    dataOf(await cloud.as(member).dues.pay({ month })),
    dataOf(await cloud.as(member).dues.pay({ month })),
  ]
  for (const o of orders) await cloud.pay.settle(o.outTradeNo, 'success')
  const duplicate = orders[1].outTradeNo

  const register = await show('dues/register', 'demo-secretary-1')
  const row = `#refund-${duplicate}`
  expect(textOf(register, `${row} .refund-text`)).toMatch(/重复交纳 0\.20 元$/)
  tap(register, `${row} .refund-button`)
  await until(() => !!register.data.correcting, 'the refund form')
  expect(textOf(register, '.refund-amount')).toContain('退还全部 0.20 元')
  register.setData({ correctionReason: '同一月份重复支付，已原路退还' })
  tap(register, '.submit-correction')
  await until(() => register.data.correcting === null, 'the refund')
  expect(register.data.refunds).toEqual([])
  expect(await cloud.doc('dues_orders', duplicate)).toMatchObject({ status: 'refunded' })
  expect(await cloud.docs('dues_payments', { memberId })).toContainEqual(
    expect.objectContaining({ amountFen: 0, refundOf: { orderId: duplicate, amountFen: 20 } }),
  )
  expect(register.data.rows.find((r) => r.id === memberId)).toMatchObject({ amount: '0.20 元' })
})

test('a cancelled payment leaves the month owed and says so', async () => {
  const member = 'demo-member-13'
  dataOf(await cloud.as(member).dues.declareBase({ kind: 'fixed' }))
  dataOf(await cloud.as('demo-secretary-1').dues.confirmBase({ memberId: memberIdOf(member) }))
  const mine = await show('dues/mine', member)
  const [month] = mine.data.months
  expect(month.amount).toBe('0.20 元')
  payWith('cancel')
  tap(mine, `#month-${month.month} .pay-button`)
  await until(
    () => wxMock.showToast.mock.calls.some(([o]) => o.title === '未完成支付'),
    'the toast',
  )
  expect(mine.data.months[0].paid).toBe(false)
  expect(await cloud.docs('dues_payments', { memberId: memberIdOf(member) })).toEqual([])
})

test('a member on the register, and a resident on 我的党费, are told what the page is for', async () => {
  const register = await show('dues/register', 'demo-member-1')
  expect(register.data.status).toBe('forbidden')
  expect(register.data.message).toContain('支部书记的党费交纳登记')
  const mine = await show('dues/mine', 'demo-resident-1')
  expect(mine.data.status).toBe('forbidden')
  expect(mine.data.message).toContain('党员本人申报收入基数')
})

test('a base that is not an amount in 元 is refused on the page and nothing is sent', async () => {
  const mine = await show('dues/mine', 'demo-member-14')
  mine.setData({ kindIndex: 0, baseYuan: '6500.123' })
  tap(mine, '.declare-button')
  await until(
    () => wxMock.showToast.mock.calls.some(([o]) => o.title.startsWith('请填写税后月收入')),
    'the toast',
  )
  expect(await cloud.docs('dues_profiles', { memberId: memberIdOf('demo-member-14') })).toEqual([])
})

test('without a network the register says so, and 重试 recovers once it is back', async () => {
  pointPagesAt('http://127.0.0.1:9') // the discard port: nothing listens there
  const page = await show('dues/register', 'demo-secretary-1')
  expect(page.data.status).toBe('error')
  expect(textOf(page, '.state-error')).toContain('网络不可用，请稍后重试')
  pointPagesAt(cloud.url)
  tap(page, '.state-retry')
  await until(() => page.data.status === 'ready', 'recovery')
  expect(page.data.rows.length).toBeGreaterThan(0)
})

test('community and district admins read a branch’s register without the secretary’s edit controls', async () => {
  const member = 'demo-member-15'
  dataOf(await cloud.as(member).dues.declareBase({ kind: 'salary', baseFen: 450000 }))
  const { branchId } = await memberMe(cloud, 'demo-secretary-1')
  const row = `#member-${memberIdOf(member)}`
  const controls = ['.confirm-button', '.correct-button', '.refund-button', '.save-fixed-button']

  const secretary = await show('dues/register', 'demo-secretary-1')
  expect(secretary.data.editable).toBe(true)
  expect(secretary.querySelector(`${row} .confirm-button`)).toBeDefined()
  expect(secretary.querySelector('.save-fixed-button')).toBeDefined()

  for (const admin of ['demo-community-admin-1', 'demo-district-admin']) {
    const page = await show('dues/register', admin, { branchId })
    expect(page.data.status).toBe('ready')
    expect(page.data.editable).toBe(false)
    expect(textOf(page, `${row} .declared`)).toContain('申报税后月收入 4500.00 元')
    for (const control of controls) expect(page.querySelector(control)).toBeUndefined()
    expect(textOf(page, '.fixed-text')).toContain('无工资收入党员每月交纳 0.20 元')
  }
})

test('全部 / 未交 / 待确认 filter the register’s rows in place', async () => {
  dataOf(await cloud.as('demo-member-16').dues.declareBase({ kind: 'fixed' }))
  const page = await show('dues/register', 'demo-secretary-1')
  const shownIds = () =>
    page.data.rows
      .filter((r) => page.querySelector(`#member-${r.id}`))
      .map((r) => r.id)
      .sort()
  const idsWhere = (keep: (r: (typeof page.data.rows)[number]) => boolean) =>
    page.data.rows
      .filter(keep)
      .map((r) => r.id)
      .sort()
  expect(page.data.chips.map((c) => c.label)).toEqual([
    `全部 ${page.data.rows.length}`,
    expect.stringMatching(/^未交 \d+$/),
    expect.stringMatching(/^待确认 \d+$/),
  ])
  expect(shownIds()).toEqual(idsWhere(() => true))

  tap(page, '#filter-waiting')
  await until(() => page.data.filter === 'waiting', 'the filter')
  expect(shownIds()).toContain(memberIdOf('demo-member-16'))
  expect(shownIds()).toEqual(idsWhere((r) => r.waiting))
  expect(shownIds().length).toBeLessThan(page.data.rows.length)
  expect(page.querySelector('#filter-waiting.chosen')).toBeDefined()

  tap(page, '#filter-owed')
  await until(() => page.data.filter === 'owed', 'the filter')
  expect(shownIds()).toEqual(idsWhere((r) => r.owed))
  expect(shownIds()).not.toContain(memberIdOf('demo-member-16'))
  if (!shownIds().length) expect(textOf(page, '.filter-empty')).toBe('本月没有未交的党员')

  tap(page, '#filter-all')
  await until(() => page.data.filter === 'all', 'the filter')
  expect(shownIds()).toEqual(idsWhere(() => true))
})
