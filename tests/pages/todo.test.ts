import dayjs from 'dayjs'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf } from '../support/cloud'
import { RESIDENT, postNews, wishes } from '../support/fixtures'
import { tap, textOf, until, wxMock, usePages, type PageComponent } from './harness'

const { cloud, open, show } = usePages(['todo', 'mine'])

const kinds = (page: PageComponent<'todo'>) => page.data.sections.map((s) => s.kind)

test('the secretary sees a 留言 waiting four days under its count, and tapping it opens the 留言板', async () => {
  const { message } = dataOf(
    await cloud
      .as('demo-member-1', { now: dayjs().subtract(4, 'day').toISOString() })
      .interact.postMessage({
        draftId: 'todo-page-draft-1',
        text: '活动室的投影仪坏了，请安排维修。',
      }),
  )
  const page = await show('todo', 'demo-secretary-1')

  expect(page.data.status).toBe('ready')
  expect(kinds(page)).toEqual(expect.arrayContaining(['messages', 'cadence']))
  expect(textOf(page, '#section-messages .todo-count')).toBe('1')
  expect(textOf(page, `#item-messages-${message.id} .todo-title`)).toBe(
    '回复赵娟的留言：活动室的投影仪坏了，请安排维修。',
  )
  expect(textOf(page, `#item-messages-${message.id} .todo-note`)).toBe('4 天前留言')
  expect(textOf(page, '.todo-total')).toBe(`待办 ${page.data.totalText} 项`)

  tap(page, `#item-messages-${message.id}`)
  await until(() => wxMock.navigateTo.mock.calls.length > 0, 'navigation')
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/board/index' })
  tap(page, '#item-cadence-committee')
  await until(() => wxMock.switchTab.mock.calls.length > 0, 'switching tab')
  expect(wxMock.switchTab).toHaveBeenLastCalledWith({ url: '/pages/orglife/index' })
})

test('a community admin sees the wish waiting for review and opens it', async () => {
  const wishId = await wishes(cloud).submitted(RESIDENT, {
    title: '想学用手机挂号',
    description: '希望有党员教我用手机预约门诊',
    address: '新华路 100 号',
  })
  const page = await show('todo', 'demo-community-admin-1', { scope: 'community' })

  expect(page.data.heading).toBe('新华路街道社区综合党委')
  expect(textOf(page, '#section-wishReviews .section-title')).toBe('待审核的微心愿')
  tap(page, `#item-wishReviews-${wishId}`)
  await until(
    () =>
      wxMock.navigateTo.mock.calls.some(([arg]) => arg.url === `/wish/detail/index?id=${wishId}`),
    'the wish to open',
  )
})

test('a community admin sees a branch left without a secretary and opens its members’ month', async () => {
  dataOf(
    await cloud.as('demo-district-admin').member.setRole({
      memberId: memberIdOf('demo-secretary-2'),
      role: 'secretary',
      grant: false,
      branchId: 'branch-2',
    }),
  )
  const page = await show('todo', 'demo-community-admin-1', { scope: 'community' })

  expect(textOf(page, '#section-unstaffedBranches .section-title')).toBe('尚无书记的支部')
  expect(textOf(page, '#section-unstaffedBranches .todo-count')).toBe('1')
  expect(textOf(page, '#item-unstaffedBranches-branch-2 .todo-note')).toBe('尚无支部书记')
  tap(page, '#item-unstaffedBranches-branch-2')
  await until(
    () =>
      wxMock.navigateTo.mock.lastCall?.[0].url === '/branch/branch-month/index?branchId=branch-2',
    'the branch’s month to open',
  )
})

test('a branch with nothing waiting shows 暂无待办，辛苦了', async () => {
  const secretary = 'demo-secretary-3'
  dataOf(
    await cloud.as(secretary).checkin.updateSettings({
      minimums: { checkin: 0, comment: 0 },
    }),
  )
  // Its site is up to date (a post today), so it is not 长期未更新 either.
  dataOf(await postNews(cloud, secretary))
  const opens = dayjs().add(1, 'hour')
  for (const type of ['committee', 'groupMeeting', 'branchAssembly', 'partyLecture'] as const) {
    dataOf(
      await cloud.as(secretary).orglife.createSession({
        type,
        topic: '学习党的二十届四中全会精神',
        materials: { text: '', links: [], images: [] },
        opensAt: opens.toISOString(),
        closesAt: opens.add(2, 'hour').toISOString(),
      }),
    )
  }
  const page = await show('todo', secretary)

  expect(page.data.status).toBe('empty')
  expect(textOf(page, '.state-empty')).toBe('暂无待办，辛苦了')
  expect(page.data.sections).toEqual([])
})

test('a member who has no 待办 is told whose page it is, without an error', async () => {
  const page = await show('todo', 'demo-member-1')

  expect(page.data.status).toBe('empty')
  expect(textOf(page, '.state-empty')).toBe('待办供支部书记、信息员、社区和区委组织部管理员使用')
})

test('a 信息员 sees only their branch’s 留言 and its quiet site: a line opens the 留言板, 去发布 the news editor', async () => {
  const info = 'demo-member-2'
  dataOf(await postNews(cloud, info, {}, dayjs().subtract(31, 'day').toISOString()))
  const { message } = dataOf(
    await cloud
      .as('demo-member-1', { now: dayjs().subtract(4, 'day').toISOString() })
      .interact.postMessage({ draftId: 'todo-page-draft-info', text: '支部活动照片什么时候发？' }),
  )
  const todo = dataOf(await cloud.as(info).todo.infoOfficer())
  const messages = todo.sections[0]
  expect(messages.count).toBeGreaterThan(0)

  const page = await show('todo', info)
  expect(page.data.scope).toBe('infoOfficer')
  expect(kinds(page)).toEqual(['messages', 'staleBranches'])
  expect(page.data.owed).toEqual([])
  expect(page.data.below).toBeNull()
  expect(textOf(page, '.todo-total')).toBe(`待办 ${todo.total} 项`)
  expect(textOf(page, '#section-messages .todo-count')).toBe(String(messages.count))
  expect(textOf(page, '#section-staleBranches .todo-count')).toBe('1')
  expect(textOf(page, '#item-staleBranches-branch-1 .todo-note')).toBe('已 31 天未发布动态')
  expect(textOf(page, '#item-staleBranches-branch-1 .todo-go')).toBe('去发布')
  // Oldest first: this one shows when it is among the first three.
  if (messages.items.some((i) => i.id === message.id))
    expect(textOf(page, `#item-messages-${message.id} .todo-note`)).toBe('4 天前留言')

  const opened = wxMock.navigateTo.mock.calls.length
  tap(page, `#item-messages-${messages.items[0].id}`)
  await until(() => wxMock.navigateTo.mock.calls.length > opened, 'the board to open')
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/board/index' })
  tap(page, '#item-staleBranches-branch-1')
  await until(() => wxMock.navigateTo.mock.calls.length > opened + 1, 'the news editor to open')
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/branch/news-editor/index' })
})

test('a member sent to a secretary’s 待办 sees why, with a retry button', async () => {
  const page = await show('todo', 'demo-member-1', { scope: 'secretary' })

  expect(page.data.status).toBe('error')
  expect(textOf(page, '.state-error .state-message')).toBe('您没有权限进行此操作')
  expect(page.querySelector('.state-retry')).toBeDefined()
})

test('a registration on the list opens 我的, where it is approved', async () => {
  const openid = `todo-page-applicant-${Date.now()}`
  dataOf(
    await cloud.as(openid).member.register({
      kind: 'member',
      name: '周新民',
      phone: '13911112222',
      branchId: 'branch-1',
    }),
  )
  const page = await show('todo', 'demo-secretary-1')
  const id = memberIdOf(openid)

  expect(textOf(page, `#item-registrations-${id} .todo-title`)).toBe('审核周新民的党员登记')
  expect(textOf(page, `#item-registrations-${id} .todo-note`)).toBe('今天提交')
  tap(page, `#item-registrations-${id}`)
  await until(
    () => wxMock.switchTab.mock.calls.some(([arg]) => arg.url === '/pages/mine/index'),
    'switching to 我的',
  )
})

test('我的 shows a secretary the 待办 card with the same total, and a plain member none', async () => {
  const { total } = dataOf(await cloud.as('demo-secretary-1').todo.secretary())
  const mine = open('mine', 'demo-secretary-1')
  await until(() => mine.data.todoTotal !== null, 'the todo count')

  expect(mine.data.todoScope).toBe('secretary')
  expect(textOf(mine, '.todo-entry-count')).toBe(`${total} 项`)

  const member = await show('mine', 'demo-member-1')
  expect(member.querySelector('.todo-entry')).toBeUndefined()
})

test('我的 gives a community admin the community 待办 card', async () => {
  const { total } = dataOf(await cloud.as('demo-community-admin-1').todo.community())
  const mine = open('mine', 'demo-community-admin-1')
  await until(() => mine.data.todoTotal !== null, 'the todo count')

  expect(mine.data.todoScope).toBe('community')
  expect(textOf(mine, '.todo-entry-count')).toBe(`${total} 项`)
})
