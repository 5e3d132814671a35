// The district admin's pages through the emulator: 任免 (search → appoint a secretary, replacing the one in
// office → that member sees the secretary's 待办), 组织概况 with its 长期未更新 flags, the setting that moves
// them, and the 待办 page and 我的 for a district admin.
import dayjs from 'dayjs'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { demoName } from '../../emulator/scripts/demo-district'
import { dataOf } from '../support/cloud'
import { postNews } from '../support/fixtures'
import { type Rendered, handled, memberMe, tap, textOf, until, usePages, wxMock } from './harness'

const DISTRICT = 'demo-district-admin'
const { cloud, show } = usePages([
  'officer/appoint',
  'officer/overview',
  'officer/district',
  'todo',
  'mine',
  'privacy',
])

const type = (page: Rendered, selector: string, value: string) =>
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } })

test('the district admin finds a member by phone and makes them secretary in place of the one in office', async () => {
  const page = await show('officer/appoint', DISTRICT)
  expect(page.data.communityNames).toEqual(['新华路街道社区综合党委', '江苏路街道社区综合党委'])
  type(page, '.search-input', '00000012')
  await handled(page, 'onSearch', () => tap(page, '.search-button'))
  expect(page.data.hits.map((h) => [h.name, h.phone, h.secretaryName])).toEqual([
    [demoName(12), '139****0012', demoName(501)],
  ])

  const id = memberIdOf('demo-member-12')
  await handled(page, 'onAppointSecretary', () => tap(page, `#hit-${id} .appoint-secretary`))
  expect(wxMock.showModal.mock.lastCall?.[0].content).toContain(`${demoName(501)}现任该支部书记`)
  expect((await memberMe(cloud, 'demo-member-12')).roles).toEqual(['secretary'])
  expect((await memberMe(cloud, 'demo-secretary-1')).roles).toEqual([])
  // The row shows what the member holds now.
  await until(() => page.data.hits[0]?.isSecretary === true, 'the row to show the new role')
  expect(textOf(page, `#hit-${id} .hit-roles`)).toBe('职务：支部书记')

  // The new secretary's 待办 page is the branch's, without being told which 待办 it is.
  const todo = await show('todo', 'demo-member-12')
  expect(todo.data.scope).toBe('secretary')
  expect(todo.data.heading).toBe('云启科技有限公司党支部')
  expect(todo.data.sections.map((s) => s.kind)).toEqual(
    expect.arrayContaining(['cadence', 'staleBranches']),
  )
  expect(todo.data.below?.title).toMatch(/^本月 \d+ 人未达最低要求$/)
  const mine = await show('mine', 'demo-member-12')
  expect(mine.data.todoScope).toBe('secretary')
})

test('an appointment from results read before the member moved is refused, and nothing changes', async () => {
  const page = await show('officer/appoint', DISTRICT)
  type(page, '.search-input', '00000032')
  await handled(page, 'onSearch', () => tap(page, '.search-button'))
  expect(page.data.hits.map((h) => [h.branchId, h.secretaryName])).toEqual([
    ['branch-2', demoName(502)],
  ])
  // Meanwhile the member's move to branch-4 goes through (as an accepted transfer leaves them).
  const id = memberIdOf('demo-member-32')
  await cloud.db
    .collection('members')
    .doc(id)
    .update({ data: { branchId: 'branch-4' } })
  await handled(page, 'onAppointSecretary', () => tap(page, `#hit-${id} .appoint-secretary`))
  expect(wxMock.showModal.mock.lastCall?.[0]).toMatchObject({
    title: '操作未完成',
    content: '该党员的所在支部已变化，请刷新后重试',
  })
  expect((await memberMe(cloud, 'demo-member-32')).roles).toEqual([])
  expect((await memberMe(cloud, 'demo-secretary-2')).roles).toEqual(['secretary'])
  expect((await memberMe(cloud, 'demo-secretary-4')).roles).toEqual(['secretary'])
})

test('the district admin makes a member admin of the community picked, and removes them again', async () => {
  const page = await show('officer/appoint', DISTRICT)
  type(page, '.search-input', '00000070')
  await handled(page, 'onSearch', () => tap(page, '.search-button'))
  const id = memberIdOf('demo-member-70')
  await handled(page, 'onPickCommunity', () =>
    page
      .querySelector(`#hit-${id} .pick-community`)!
      .dispatchEvent('change', { detail: { value: 1 } }),
  )
  expect(await cloud.doc('members', id)).toMatchObject({
    roles: ['communityAdmin'],
    adminCommunityId: 'community-jiangsu',
  })
  await until(() => page.data.hits[0]?.isAdmin === true, 'the row to show the new role')
  expect(textOf(page, `#hit-${id} .hit-roles`)).toBe('职务：社区管理员（江苏路街道社区综合党委）')

  await handled(page, 'onRemoveAdmin', () => tap(page, `#hit-${id} .remove-admin`))
  expect(await cloud.doc('members', id)).toMatchObject({ roles: [], adminCommunityId: null })
})

test('a search that finds nobody, or is too short, says so without an error', async () => {
  const page = await show('officer/appoint', DISTRICT)
  type(page, '.search-input', '139')
  await handled(page, 'onSearch', () => tap(page, '.search-button'))
  expect(page.data.resultStatus).toBe('empty')
  expect(page.data.resultMessage).toBe('按手机号搜索请至少输入 4 位数字')
  expect(page.dom.querySelector('[class*="state-error"]')).toBeNull()
})

test('组织概况 flags a quiet branch, and a post clears its flag', async () => {
  const quiet = await show('officer/overview', DISTRICT)
  expect(quiet.data.communities.map((c) => c.id)).toEqual(['community-xinhua', 'community-jiangsu'])
  expect(quiet.querySelector('#branch-branch-3 .stale-tag')).toBeTruthy()
  expect(textOf(quiet, '#branch-branch-3 .news-note')).toMatch(/^动态：成立 \d+ 天，从未发布动态$/)

  dataOf(await postNews(cloud, 'demo-secretary-3'))
  const fresh = await show('officer/overview', DISTRICT)
  expect(fresh.querySelector('#branch-branch-3 .stale-tag')).toBeFalsy()
  expect(textOf(fresh, '#branch-branch-3 .news-note')).toBe('动态：今天有更新')

  // A community admin sees only their own community.
  const community = await show('officer/overview', 'demo-community-admin-2')
  expect(community.data.communities.map((c) => c.id)).toEqual(['community-jiangsu'])
})

test('changing the days on 区工作台 moves a branch into and out of 长期未更新', async () => {
  dataOf(await postNews(cloud, 'demo-secretary-5', {}, dayjs().subtract(10, 'day').toISOString()))
  const setDays = async (days: string) => {
    const bench = await show('officer/district', DISTRICT)
    type(bench, '.days-input', days)
    await handled(bench, 'onSaveDays', () => tap(bench, '.save-days'))
    return bench
  }
  const stale = async () =>
    !!(await show('officer/overview', DISTRICT)).querySelector('#branch-branch-5 .stale-tag')
  expect(await stale()).toBe(false)

  const bench = await setDays('7')
  expect(bench.data.staleAfterDays).toBe(7)
  expect(await stale()).toBe(true)

  // An impossible number is refused with the reason, and nothing changes.
  await setDays('3')
  expect(wxMock.showModal.mock.lastCall?.[0].content).toBe('至少 7 天')
  expect(await stale()).toBe(true)

  await setDays('30')
  expect(await stale()).toBe(false)
})

test('the district admin’s 待办 page and 我的 lead to the district’s work', async () => {
  const todo = await show('todo', DISTRICT)
  expect(todo.data.scope).toBe('district')
  expect(todo.data.heading).toBe('长宁区')
  const { total, sections } = dataOf(await cloud.as(DISTRICT).todo.district({}))
  expect(todo.data.sections.map((s) => s.kind)).toEqual(
    sections.filter((s) => s.count > 0).map((s) => s.kind),
  )
  expect(textOf(todo, '#section-staleBranches .section-title')).toBe('支部动态长期未更新')
  const stale = sections.find((s) => s.kind === 'staleBranches')!
  tap(todo, `#item-staleBranches-${stale.items[0].id}`)
  await until(
    () => wxMock.navigateTo.mock.lastCall?.[0].url === '/officer/overview/index',
    'the overview to open',
  )

  const mine = await show('mine', DISTRICT)
  await until(() => mine.data.todoTotal !== null, 'the 待办 count')
  expect(textOf(mine, '.todo-entry-count')).toBe(`${total} 项`)
  expect(mine.querySelector('.workbench-entry')).toBeTruthy()
  expect(mine.data.workbench).toBe('/officer/district/index')

  // The workbench's tiles count the same 待办.
  const bench = await show('officer/district', DISTRICT)
  expect(textOf(bench, '.bench-total')).toBe(`待办 ${total} 项`)
  tap(bench, '#tile-unstaffed')
  await until(
    () => wxMock.navigateTo.mock.lastCall?.[0].url === '/officer/appoint/index',
    'the appointments to open',
  )
})

test('members and community admins are told the district pages are not theirs', async () => {
  for (const openid of ['demo-member-1', 'demo-community-admin-1']) {
    const bench = await show('officer/district', openid)
    expect(bench.data.status).toBe('forbidden')
    expect(bench.data.message).toContain('区委组织部的工作页面')
    const appoint = await show('officer/appoint', openid)
    expect(appoint.data.status).toBe('forbidden')
  }
  const overview = await show('officer/overview', 'demo-member-1')
  expect(overview.data).toMatchObject({
    status: 'forbidden',
    message: expect.stringContaining('区委组织部'),
  })
})

test('the privacy guide says what the district sees when it searches members', async () => {
  const guide = await show('privacy', 'demo-member-1')
  expect(textOf(guide, '.district-search')).toContain('只看到姓名、所在支部和打码的手机号')
})
