import { dataOf } from '../support/cloud'
import { newPerson, tap, textOf, until, wxMock, usePages } from './harness'

const { cloud, show } = usePages(['checkin', 'branch/branch-month'])

const navigatedTo = (url: string) =>
  wxMock.navigateTo.mock.calls.some(([arg]) => (arg as { url: string }).url === url)

test('a member checks in with the big button; the calendar and count follow the server', async () => {
  const page = await show('checkin', 'demo-member-3')
  expect(page.data.checkedToday).toBe(false)
  expect(textOf(page, '.checkin-button')).toBe('今日报到')

  tap(page, '.checkin-button')
  await until(() => page.data.checkedToday, 'the check-in to land')

  const month = dataOf(await cloud.as('demo-member-3').checkin.myMonth())
  expect(month.checkedInDays).toEqual([month.today])
  expect(page.data.monthCount).toBe(1)
  expect(wxMock.showToast).toHaveBeenCalledWith({ title: '报到成功', icon: 'success' })
  expect(textOf(page, '.checkin-button')).toBe('今日已报到')
  expect(page.querySelectorAll('.day-checked')).toHaveLength(1)
  expect(page.data.rows.map((r) => r.label)).toEqual(['党员报到', '评论留言'])
  expect(page.querySelector('.secretary-link')).toBeUndefined()
})

test('a guest is told why and offered registration', async () => {
  const page = await show('checkin', newPerson().openid)
  expect(page.data.status).toBe('denied')
  expect(textOf(page, '.denied-message')).toBe('请先注册为党员')
  tap(page, '.register-button')
  await until(() => navigatedTo('/pages/register/index'), 'navigation to registration')
})

test('the secretary opens the branch month view, sees who is below and changes the minimums', async () => {
  const checkin = await show('checkin', 'demo-secretary-4')
  tap(checkin, '.secretary-link')
  await until(() => navigatedTo('/branch/branch-month/index'), 'navigation to the month view')

  const page = await show('branch/branch-month', 'demo-secretary-4')
  const view = dataOf(await cloud.as('demo-secretary-4').checkin.branchMonth())
  expect(page.data.total).toBe(view.members.length)
  expect(page.data.belowCount).toBe(view.belowCount)
  expect(page.querySelectorAll('.member-row')).toHaveLength(view.members.length)
  expect(textOf(page, '.member-row')).toContain('报到还差 4 次')

  expect(textOf(page, '.link-below')).toBe('查看未达标名单，一键提醒 ›')
  // The minimums open in a sheet, prefilled with the rules in force (set elsewhere since the page loaded).
  expect(page.querySelector('.save-minimums')).toBeUndefined()
  dataOf(
    await cloud
      .as('demo-secretary-4')
      .checkin.updateSettings({ minimums: { checkin: 3, comment: 8, study: 1 } }),
  )
  tap(page, '.open-minimums')
  await until(() => page.data.sheetOpen, 'the sheet to open')
  expect(page.data).toMatchObject({ minCheckin: '3', minComment: '8', minStudy: '1' })
  expect(page.querySelector('.minimums-sheet')).toBeDefined()

  page.setData({ minCheckin: '1', minComment: '0', minStudy: '0' })
  tap(page, '.save-minimums')
  await until(() => wxMock.showToast.mock.calls.some((c) => c[0].title === '已保存'), 'the save')
  expect(dataOf(await cloud.as('demo-member-60').checkin.settings()).minimums).toEqual({
    checkin: 1,
    comment: 0,
    study: 0,
  })
  await until(
    () => !page.data.sheetOpen && page.data.rulesText === '报到 ≥ 1 次',
    'the sheet to close',
  )
})

test('a member who opens the month view is told whose it is, with no 重试', async () => {
  const page = await show('branch/branch-month', 'demo-member-3')
  expect(page.data.status).toBe('forbidden')
  expect(textOf(page, '.state-forbidden')).toContain('这里是支部书记查看本支部每月达标情况的页面')
  expect(page.querySelector('.state-retry')).toBeUndefined()
})
