import dayjs from 'dayjs'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { formatDay, formatWhen } from '../../miniprogram/utils/date'
import { dataOf } from '../support/cloud'
import { ONE_QUESTION_QUIZ, draft, wishes } from '../support/fixtures'
import {
  type PageComponent,
  handled,
  memberMe,
  newPerson,
  pointPagesAt,
  tap,
  textOf,
  until,
  usePages,
  cloudMock,
  wxMock,
} from './harness'

const { cloud, show } = usePages(['home', 'member/org-tree'])

/** The task line `key` (checkin, comment, study, orglife): its status, title and action. */
const task = (page: PageComponent<'home'>, key: string) => ({
  status: textOf(page, `.task-${key} .task-status`),
  title: textOf(page, `.task-${key} .task-title`),
  action: textOf(page, `.task-${key} .task-go`),
})

beforeAll(async () => {
  // branch-1 asks for one 报到, three 留言 and one 网上党校 item a month, so a test can meet some and not others.
  dataOf(
    await cloud
      .as('demo-secretary-1')
      .checkin.updateSettings({ minimums: { checkin: 1, comment: 3, study: 1 } }),
  )
})

test('a member who checked in today and wrote 2 of 3 留言 sees 今日已报到, 评论 2/3 · 还差 1 · 去评论 and 学习 0/1 · 去学习', async () => {
  const as = cloud.as('demo-member-1')
  dataOf(await as.checkin.checkIn({}))
  for (const text of ['支部的主题党日很有收获', '我报名参加周末的志愿服务'])
    dataOf(await as.interact.postMessage({ draftId: draft(), text }))

  const page = await show('home', 'demo-member-1')
  expect(textOf(page, '.month-title')).toBe(`${dayjs().month() + 1}月的任务`)
  expect(task(page, 'checkin')).toEqual({
    status: '今日已报到 · 已达到本月要求',
    title: '党员报到 1/1',
    action: '',
  })
  expect(task(page, 'comment')).toEqual({
    status: '还差 1 条',
    title: '评论留言 2/3',
    action: '去评论',
  })
  expect(task(page, 'study')).toEqual({
    status: '还差 1 项',
    title: '网上党校学习 0/1',
    action: '去学习',
  })
  expect(page.querySelector('.task-orglife')).toBeUndefined()
  // No base declared for 党费 yet: a line to do too.
  expect(task(page, 'dues')).toEqual({
    status: '未申报基数',
    title: `${dayjs().month() + 1}月党费`,
    action: '去申报',
  })
  expect(textOf(page, '.month-summary')).toBe('还有 3 项待完成')

  await handled(page, 'onGo', () => tap(page, '.task-comment .task-go'))
  expect(wxMock.switchTab).toHaveBeenLastCalledWith({ url: '/pages/interact/index' })
  await handled(page, 'onGo', () => tap(page, '.task-study .task-go'))
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/study/index/index' })
})

test('a member who has not checked in today gets 去报到, which opens 报到', async () => {
  const page = await show('home', 'demo-member-3')
  expect(task(page, 'checkin')).toEqual({
    status: '今日未报到 · 还差 1 次',
    title: '党员报到 0/1',
    action: '去报到',
  })
  expect(task(page, 'comment').status).toBe('还差 3 条')

  await handled(page, 'onGo', () => tap(page, '.task-checkin .task-go'))
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/checkin/index' })
})

test('a session in progress leads with 去签到 into its room; once signed in it reads 进入会议 and 组织生活 is done', async () => {
  const closesAt = dayjs().add(2, 'day').toISOString()
  const { session } = dataOf(
    await cloud
      .as('demo-secretary-1', { now: dayjs().subtract(2, 'hour').toISOString() })
      .orglife.createSession({
        type: 'themeDay',
        topic: '学习《中国共产党支部工作条例》',
        opensAt: dayjs().subtract(1, 'hour').toISOString(),
        closesAt,
      }),
  )

  const page = await show('home', 'demo-member-4')
  expect(textOf(page, '.session-task .task-title')).toBe('学习《中国共产党支部工作条例》')
  expect(textOf(page, '.session-task .task-status')).toBe('主题党日 · 进行中')
  expect(textOf(page, '.session-task .task-note')).toBe(`${formatWhen(closesAt)} 结束`)
  expect(task(page, 'orglife')).toEqual({
    status: '已参加 0 · 还可参加 1',
    title: '组织生活 本月 1 次',
    action: '去参加',
  })
  expect(textOf(page, '.session-task .task-go')).toBe('去签到')
  // 报到, 留言, 学习, 组织生活 and 党费: the open session is the 组织生活 line acted on, not one more task.
  expect(textOf(page, '.month-summary')).toBe('还有 5 项待完成')
  await handled(page, 'onGo', () => tap(page, '.session-task .task-go'))
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
    url: `/orglife/room/index?id=${session.id}`,
  })

  dataOf(await cloud.as('demo-member-4').orglife.attend({ sessionId: session.id }))
  const after = await show('home', 'demo-member-4')
  expect(textOf(after, '.session-task .task-status')).toBe('主题党日 · 已签到')
  expect(textOf(after, '.session-task .task-go')).toBe('进入会议')
  expect(task(after, 'orglife')).toEqual({
    status: '已参加 1',
    title: '组织生活 本月 1 次',
    action: '',
  })
  expect(textOf(after, '.month-summary')).toBe('还有 4 项待完成')
})

test('a session of the month that closed without the member reads 错过, beside those still to attend', async () => {
  // Opened and closed within this month (on the 1st, at its first minute).
  const start = dayjs().startOf('month')
  const opened = dayjs().subtract(3, 'hour').isBefore(start) ? start : dayjs().subtract(3, 'hour')
  const secretary = cloud.as('demo-secretary-1', {
    now: opened.subtract(1, 'minute').toISOString(),
  })
  dataOf(
    await secretary.orglife.createSession({
      type: 'groupMeeting',
      topic: '党小组学习讨论',
      opensAt: opened.toISOString(),
      closesAt: opened.add(1, 'minute').toISOString(),
    }),
  )
  const page = await show('home', 'demo-member-7')
  expect(task(page, 'orglife')).toEqual({
    status: expect.stringMatching(/^已参加 0 · 错过 1( · 还可参加 \d+)?$/),
    title: expect.stringMatching(/^组织生活 本月 \d+ 次$/),
    action: expect.any(String),
  })
})

test('this month’s required 网上党校 items read 网上党校 必学 0/1 · 去学习, which opens the item; done reads 已完成', async () => {
  const as = cloud.as('demo-district-admin').study
  const { topic } = dataOf(
    await as.createTopic({
      draftId: draft(),
      title: '学习党章',
      dueMonth: dayjs().format('YYYY-MM'),
    }),
  )
  const { item } = dataOf(
    await as.publish({
      draftId: draft(),
      topicId: topic.id,
      title: '5分钟电子党课',
      kind: 'article',
      body: '党章是党的根本大法。',
      minutes: 1,
      quiz: ONE_QUESTION_QUIZ,
    }),
  )
  const page = await show('home', 'demo-member-8')
  expect(task(page, 'studyDue')).toEqual({
    status: '还差 1 项',
    title: '网上党校 必学 0/1',
    action: '去学习',
  })
  await handled(page, 'onGo', () => tap(page, '.task-studyDue .task-go'))
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: `/study/item/index?id=${item.id}` })

  dataOf(await cloud.as('demo-member-8').study.submitQuiz({ itemId: item.id, answers: [[0]] }))
  const after = await show('home', 'demo-member-8')
  expect(task(after, 'studyDue')).toEqual({
    status: '已完成',
    title: '网上党校 必学 1/1',
    action: '',
  })
})

test('this month’s 党费 reads 未交 36.00 元 · 去交纳 (opens 我的党费) once the base is confirmed, 已交 once paid', async () => {
  const openid = 'demo-member-9'
  const month = dayjs().format('YYYY-MM')
  dataOf(await cloud.as(openid).dues.declareBase({ kind: 'salary', baseFen: 360_000 }))
  const waiting = await show('home', openid)
  expect(task(waiting, 'dues')).toMatchObject({ status: '基数待确认', action: '查看' })

  const { me } = dataOf(await cloud.as(openid).member.me())
  if (me.kind !== 'member') throw new Error(`${openid} is a member`)
  dataOf(await cloud.as('demo-secretary-1').dues.confirmBase({ memberId: me.id }))
  const page = await show('home', openid)
  expect(task(page, 'dues')).toEqual({
    status: '未交 36.00 元',
    title: `${dayjs().month() + 1}月党费`,
    action: '去交纳',
  })
  await handled(page, 'onGo', () => tap(page, '.task-dues .task-go'))
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/dues/mine/index' })

  const paying = dataOf(await cloud.as(openid).dues.pay({ month }))
  await cloud.pay.settle(paying.outTradeNo, 'success')
  const paid = await show('home', openid)
  expect(task(paid, 'dues')).toMatchObject({ status: '已交', action: '' })
  expect(paid.querySelector('.task-dues .task-done')).toBeDefined()
})

test('a claimed wish waits with the day it is due and 去完成 opens it', async () => {
  const wishId = await wishes(cloud).published()
  dataOf(await cloud.as('demo-member-5').wish.claim({ wishId }))
  const { wish } = dataOf(await cloud.as('demo-member-5').wish.detail({ wishId }))

  const page = await show('home', 'demo-member-5')
  expect(textOf(page, '.wish-task .task-title')).toBe(wish.title)
  const due = dayjs(wish.claimedAt!).add(14, 'day').toISOString()
  expect(textOf(page, '.wish-task .task-status')).toBe('微心愿 · 待完成')
  expect(textOf(page, '.wish-task .task-note')).toBe(`请在${formatDay(due)}前完成`)

  await handled(page, 'onGo', () => tap(page, '.wish-task .task-go'))
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: `/wish/detail/index?id=${wishId}` })
})

test('a wish claimed 15 days ago reads 已超期, with the day it was due', async () => {
  const wishId = await wishes(cloud).published()
  const claimedAt = dayjs().subtract(15, 'day')
  dataOf(await cloud.as('demo-member-6', { now: claimedAt.toISOString() }).wish.claim({ wishId }))

  const page = await show('home', 'demo-member-6')
  expect(textOf(page, '.wish-task .task-status')).toBe('微心愿 · 已超期')
  expect(textOf(page, '.wish-task .task-note')).toBe(
    `约定${formatDay(claimedAt.add(14, 'day').toISOString())}前完成`,
  )
})

test('a secretary’s 首页 shows their 待办 with the count the 待办 page counts', async () => {
  const person = newPerson()
  const { branchId } = await memberMe(cloud, 'demo-secretary-1')
  dataOf(
    await cloud.as(person.openid).member.register({
      kind: 'member',
      name: person.name,
      phone: person.phone,
      branchId,
    }),
  )
  const { total } = dataOf(await cloud.as('demo-secretary-1').todo.secretary())
  expect(total).toBeGreaterThan(0)

  const page = await show('home', 'demo-secretary-1')
  expect(textOf(page, '.todo-badge')).toBe(String(total))
  expect(page.querySelector('.month-card')).toBeDefined()
  expect(page.querySelector('.workbench-link')).toBeUndefined()
})

test('a 信息员’s 首页 shows 我的待办 with their count; a secretary who is also 信息员 gets one block, the secretary’s', async () => {
  dataOf(
    await cloud
      .as('demo-member-1')
      .interact.postMessage({ draftId: draft(), text: '想了解支部近期活动安排' }),
  )
  const { total } = dataOf(await cloud.as('demo-member-2').todo.infoOfficer())
  expect(total).toBeGreaterThan(0)

  const page = await show('home', 'demo-member-2')
  expect(page.data.todoScope).toBe('infoOfficer')
  expect(textOf(page, '.todo-badge')).toBe(String(total))
  expect(page.querySelector('.workbench-link')).toBeUndefined()

  const secretary = cloud.db.collection('members').doc(memberIdOf('demo-secretary-1'))
  await secretary.update({ data: { roles: ['secretary', 'infoOfficer'] } })
  try {
    const both = await show('home', 'demo-secretary-1')
    expect(both.data.todoScope).toBe('secretary')
    expect(both.querySelectorAll('.todo-link')).toHaveLength(1)
  } finally {
    await secretary.update({ data: { roles: ['secretary'] } })
  }
})

test('a plain member’s 首页 has no 待办', async () => {
  const page = await show('home', 'demo-member-1')
  expect(page.data.todoScope).toBe('')
  expect(page.querySelector('.todo-link')).toBeUndefined()
})

test('a community admin keeps the 工作台 entry and their 待办 count', async () => {
  const { total } = dataOf(await cloud.as('demo-community-admin-1').todo.community())
  const page = await show('home', 'demo-community-admin-1')

  expect(textOf(page, '.workbench-link')).toBe('社区工作台')
  expect(textOf(page, '.todo-link')).toContain(total ? String(total) : '暂无待办')
  expect(page.querySelector('.org-tree-link')).toBeDefined()
})

test('a guest is invited to register and can look at the district’s organisation', async () => {
  const page = await show('home', newPerson().openid)

  expect(textOf(page, '.guest-card')).toContain('欢迎来到两新互动')
  expect(page.querySelector('.month-card')).toBeUndefined()
  expect(page.querySelector('.org-tree-link')).toBeDefined()
  tap(page, '.register-button')
  await until(() => wxMock.navigateTo.mock.calls.length > 0, 'navigation')
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/register/index' })
})

test('a pending member is told their registration waits, and gets no month yet', async () => {
  const person = newPerson()
  const { branchId } = await memberMe(cloud, 'demo-secretary-2')
  dataOf(
    await cloud.as(person.openid).member.register({
      kind: 'member',
      name: person.name,
      phone: person.phone,
      branchId,
    }),
  )
  const page = await show('home', person.openid)

  expect(textOf(page, '.greeting')).toBe(`${person.name}，您好`)
  expect(textOf(page, '.pending-notice')).toContain('等待支部书记审核')
  expect(page.querySelector('.month-card')).toBeUndefined()
  expect(page.querySelector('.ranking-link')).toBeUndefined()
})

test('a resident who registered as a member keeps the 微心愿 card beside the member’s side', async () => {
  dataOf(
    await cloud.as('demo-resident-5').member.register({
      kind: 'member',
      name: '赵丽华',
      phone: '15800000705',
      branchId: 'branch-1',
    }),
  )
  const page = await show('home', 'demo-resident-5')

  expect(page.querySelector('.pending-notice')).toBeDefined()
  expect(textOf(page, '.resident-wish')).toBe('我有一个心愿')
  expect(page.querySelector('.org-tree-link')).toBeDefined()
  // A member who is no resident has no 微心愿 card of their own.
  const member = await show('home', 'demo-member-3')
  expect(member.querySelector('.resident-actions')).toBeUndefined()
})

test('a member who left is told so, and gets no month and no ranking', async () => {
  const { id } = await memberMe(cloud, 'demo-member-7')
  dataOf(
    await cloud
      .as('demo-secretary-1')
      .member.markLeft({ memberId: id, kind: 'movedOut', reason: '调往外区工作' }),
  )
  const page = await show('home', 'demo-member-7')

  expect(textOf(page, '.left-notice')).toContain('您已办理离开')
  expect(page.querySelector('.month-card')).toBeUndefined()
  expect(page.querySelector('.ranking-link')).toBeUndefined()
  expect(page.querySelector('.org-tree-link')).toBeDefined()
})

test('without a network the page says so, and 重试 recovers once it is back', async () => {
  pointPagesAt('http://127.0.0.1:9') // the discard port: nothing listens there
  const page = await show('home', 'demo-member-1')

  expect(page.data.meStatus).toBe('error')
  expect(textOf(page, '.state-error')).toContain('网络不可用，请稍后重试')

  pointPagesAt(cloud.url)
  tap(page, '.state-retry')
  await until(() => page.data.meStatus === 'ready' && page.data.tasksStatus === 'ready', 'recovery')
  expect(page.querySelector('.state-error')).toBeUndefined()
})

test('a resident’s home leads with the 微心愿 actions, in 您 voice, without the party’s month', async () => {
  const page = await show('home', 'demo-resident-2')

  expect(textOf(page, '.greeting')).toMatch(/，您好$/)
  expect(textOf(page, '.resident-wish')).toBe('我有一个心愿')
  expect(textOf(page, '.resident-mine')).toBe('看看我的心愿')
  expect(page.querySelector('.month-card')).toBeUndefined()
  expect(page.querySelector('.org-tree-link')).toBeUndefined()
})

test('a resident sees a claimed wish and one waiting for their confirmation first, each a tap from its page', async () => {
  const wish = wishes(cloud)
  const claimed = await wish.published()
  const done = await wish.published()
  dataOf(await cloud.as('demo-member-47').wish.claim({ wishId: claimed }))
  dataOf(await cloud.as('demo-member-44').wish.claim({ wishId: done }))
  dataOf(await cloud.as('demo-member-44').wish.fulfil({ wishId: done, note: '已经修好了' }))
  const names = await Promise.all(
    ['demo-member-47', 'demo-member-44'].map(
      async (openid) => dataOf(await cloud.as(openid).member.me()).me,
    ),
  )
  const page = await show('home', 'demo-resident-1')
  const ids = () => page.data.myWishes.map((w) => w.id)
  await until(() => ids().includes(done) && ids().includes(claimed), 'the resident’s wishes')

  const rows = page
    .querySelectorAll('.my-wish')
    .map((row) => row.dom!.textContent!.replace(/\s+/g, ''))
  const byId = new Map(page.data.myWishes.map((w) => [w.id, w]))
  expect(byId.get(done)).toMatchObject({ status: '待您确认', action: '去确认' })
  expect(byId.get(claimed)).toMatchObject({ status: '已认领', action: '查看' })
  const [claimer, fulfiller] = names.map((me) => (me.kind === 'member' ? me.name : ''))
  expect(rows.join()).toContain(`${fulfiller}已完成，请您确认`)
  expect(rows.join()).toContain(`${claimer}认领了您的心愿`)

  const index = page.data.myWishes.findIndex((w) => w.id === done)
  await handled(page, 'onGo', () =>
    page.querySelectorAll('.my-wish .task-go')[index].dispatchEvent('tap'),
  )
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: `/wish/detail/index?id=${done}` })
})

test('a phone that last saw a member asks for the month beside who they are, not after', async () => {
  const events: string[] = []
  const real = cloudMock.callFunction.getMockImplementation()!
  cloudMock.callFunction.mockImplementation(async (call: { data: { action: string } }) => {
    events.push(`${call.data.action} asked`)
    const reply = await real(call)
    events.push(`${call.data.action} answered`)
    return reply
  })
  try {
    wx.setStorageSync('tabRole', 'member')
    const page = await show('home', 'demo-member-3')
    expect(page.data.tasksStatus).toBe('ready')
    expect(events.indexOf('today asked')).toBeLessThan(events.indexOf('me answered'))
  } finally {
    cloudMock.callFunction.mockImplementation(real)
  }
})

describe('组织架构, its own page', () => {
  test('shows every community and branch with the server’s member counts and marks the member’s branch', async () => {
    const page = await show('member/org-tree', 'demo-member-1')
    const { root } = dataOf(await cloud.as('demo-member-1').org.tree())
    const branches = root.children.flatMap((community) =>
      community.children.filter((c) => c.level === 'branch'),
    )

    expect(textOf(page, '.tree-summary')).toBe(
      `${root.name}：${root.children.length} 个社区（街道）党委，${branches.length} 个支部，${root.memberCount} 名党员`,
    )
    expect(page.querySelectorAll('.community-card')).toHaveLength(root.children.length)
    expect(page.querySelectorAll('.branch-row')).toHaveLength(branches.length)
    expect(page.querySelectorAll('.my-branch')).toHaveLength(1)
    expect(page.data.communities[0].branches[0].memberCount).toBe(
      root.children[0].children[0].memberCount,
    )
  })

  test('a guest reads it too, with no branch marked', async () => {
    const page = await show('member/org-tree', newPerson().openid)
    expect(page.data.status).toBe('ready')
    expect(page.querySelectorAll('.my-branch')).toHaveLength(0)
  })
})
