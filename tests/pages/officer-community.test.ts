// The community admin's pages end to end through the emulator: a post made on the form, a member signing up on
// their own page, the 反馈卡 on the confirm page raising the member's hours and month score; the workbench's
// counts; cancelling a post as members then see it; the roster's 提醒 sending once a week; others told what
// the pages are for.
import dayjs from 'dayjs'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf } from '../support/cloud'
import { tap, textOf, until, usePages, wxMock } from './harness'

const { cloud, show } = usePages([
  'officer/community',
  'officer/service-form',
  'officer/services',
  'officer/service-confirm',
  'officer/roster',
  'officer/wish-review',
  'community/services',
  'todo',
])

const ADMIN = 'demo-community-admin-2' // community-jiangsu
const day = (n: number) => dayjs().add(n, 'day').hour(10).toISOString()

const reportTo = (openid: string, now?: string) =>
  cloud
    .as(openid, { now })
    .community.report({
      communityId: 'community-jiangsu',
      area: '江苏路 480 弄',
      skills: '理发',
      willingness: ['便民服务'],
    })
    .then(dataOf)

/** The admin's posts, upcoming and past, by title. */
async function postTitled(title: string) {
  const lists = await Promise.all(
    (['upcoming', 'past'] as const).map((when) =>
      cloud.as(ADMIN).community.services({ when }).then(dataOf),
    ),
  )
  return lists.flatMap((l) => l.services).find((s) => s.title === title)
}

test('a post made on the form, signed up for by a member, confirmed on the 反馈卡 raises the member’s hours and month score', async () => {
  const member = 'demo-member-70'
  await reportTo(member)

  const form = await show('officer/service-form', ADMIN)
  form.setData({ title: '社区理发志愿服务', place: '江苏路街道为老服务中心', time: '09:00-11:00' })
  form.setData({ slotsText: '3' })
  wxMock.redirectTo.mockClear()
  tap(form, '.submit-button')
  await until(() => wxMock.redirectTo.mock.calls.length > 0, 'the post to be published')
  expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/officer/services/index' })
  const post = (await postTitled('社区理发志愿服务'))!
  expect(post).toMatchObject({ slots: 3, kind: '志愿活动', date: dayjs().format('YYYY-MM-DD') })

  const list = await show('officer/services', ADMIN)
  expect(textOf(list, `#service-${post.id} .service-slots`)).toBe('已报名 0/3')

  const signup = await show('community/services', member)
  tap(signup, `#signup-${post.id}`)
  await until(() => !!signup.querySelector(`#withdraw-${post.id}`), 'the sign-up')

  const before = dataOf(await cloud.as(member).stats.myMonth({}))
  const confirm = await show('officer/service-confirm', ADMIN, { id: post.id })
  expect(confirm.data.cards).toEqual([
    expect.objectContaining({ memberId: memberIdOf(member), confirmed: false, hours: 2 }),
  ])
  tap(confirm, '.step-up')
  await until(() => confirm.data.cards[0].hours === 2.5, 'half an hour more')
  tap(confirm, `#card-${memberIdOf(member)} .star-4`)
  await until(() => confirm.data.cards[0].rating === 4, 'the rating')
  confirm
    .querySelector('.comment-input')!
    .dispatchEvent('input', { detail: { value: '手艺好，老人满意' } })
  await until(() => confirm.data.cards[0].comment === '手艺好，老人满意', 'the comment')
  tap(confirm, '.submit-button')
  await until(() => confirm.data.cards[0]?.confirmed === true, 'the confirmation')
  expect(textOf(confirm, '.confirmed-tag')).toBe('已确认 2.5 小时')

  const record = dataOf(await cloud.as(member).community.myRecord({}))
  expect(record.totalHours).toBe(2.5)
  expect(record.services[0]).toMatchObject({ rating: 4, comment: '手艺好，老人满意' })
  const after = dataOf(await cloud.as(member).stats.myMonth({}))
  expect((after.counts.serviceHours ?? 0) - (before.counts.serviceHours ?? 0)).toBe(2.5)
  expect(after.score).toBeGreaterThan(before.score)
})

test('the workbench counts services awaiting a 反馈卡 and reports due, each tile leading to its page', async () => {
  // A service five days ago with a member still unconfirmed, and a report that lapsed.
  await reportTo('demo-member-71', day(-20))
  const { service } = dataOf(
    await cloud.as(ADMIN, { now: day(-10) }).community.postService({
      title: '垃圾分类宣传',
      kind: '志愿活动',
      category: '便民服务',
      date: dayjs().subtract(5, 'day').format('YYYY-MM-DD'),
      place: '江苏路街道党群服务中心',
      slots: 5,
    }),
  )
  dataOf(
    await cloud.as('demo-member-71', { now: day(-9) }).community.signup({ serviceId: service.id }),
  )
  await reportTo('demo-member-72', day(-200))

  const bench = await show('officer/community', ADMIN)
  const count = (tile: string) => textOf(bench, `#tile-${tile} .tile-count`)
  expect(count('confirmations')).toBe('1')
  expect(count('reports')).toBe('1')
  expect(textOf(bench, '.bench-heading')).toBe('江苏路街道社区综合党委')

  wxMock.navigateTo.mockClear()
  tap(bench, '#tile-confirmations')
  await until(() => wxMock.navigateTo.mock.calls.length > 0, 'the services page')
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/officer/services/index?when=past' })

  const past = await show('officer/services', ADMIN, { when: 'past' })
  expect(textOf(past, `#confirm-${service.id}`)).toBe('填反馈卡（1）')

  // The 待办 page shows the same lines, each opening where it is handled.
  const todo = await show('todo', ADMIN, { scope: 'community' })
  expect(textOf(todo, '#section-serviceConfirmations .section-title')).toBe('待填写反馈卡的服务')
  expect(textOf(todo, '#section-overdueReports .section-title')).toBe('报到即将到期或已超期的党员')
  tap(todo, `#item-serviceConfirmations-${service.id}`)
  await until(
    () =>
      wxMock.navigateTo.mock.lastCall?.[0]?.url ===
      `/officer/service-confirm/index?id=${service.id}`,
    'the 反馈卡 page',
  )
})

test('cancelling a post on the form keeps it, marked cancelled, on the member’s page', async () => {
  await reportTo('demo-member-73')
  const { service } = dataOf(
    await cloud.as(ADMIN).community.postService({
      title: '社区义诊',
      kind: '志愿活动',
      category: '爱心帮扶',
      date: dayjs().add(3, 'day').format('YYYY-MM-DD'),
      place: '江苏路街道社区卫生服务站',
      slots: 5,
    }),
  )
  dataOf(await cloud.as('demo-member-73').community.signup({ serviceId: service.id }))

  const form = await show('officer/service-form', ADMIN, { id: service.id })
  expect(form.data).toMatchObject({ title: '社区义诊', slotsText: '5', signedUp: 1 })
  wxMock.showModal.mockResolvedValueOnce({
    errMsg: 'showModal:ok',
    confirm: true,
    content: '医生临时出诊',
  })
  wxMock.redirectTo.mockClear()
  tap(form, '.cancel-button')
  await until(() => wxMock.redirectTo.mock.calls.length > 0, 'the cancellation')

  const mine = await show('community/services', 'demo-member-73')
  expect(textOf(mine, `#service-${service.id} .cancelled-tag`)).toBe('已取消')
  expect(mine.querySelector(`#withdraw-${service.id}`)).toBeUndefined()
  const sent = (await cloud.outbox()).filter(
    (m) => m.template_id === SUBSCRIBE_TEMPLATES.serviceCancelled.id,
  )
  expect(sent.map((m) => [m.touser, m.data.thing3.value])).toEqual([
    ['demo-member-73', '医生临时出诊'],
  ])
})

test('the roster lists who reported and whose report lapsed; 提醒 sends once', async () => {
  await reportTo('demo-member-74', day(-190))
  const member = memberIdOf('demo-member-74')
  const roster = await show('officer/roster', ADMIN)
  expect(textOf(roster, `#member-${member} .member-name`)).toBe(
    roster.data.members.find((m) => m.memberId === member)!.name,
  )
  expect(textOf(roster, `#due-${member}`)).toContain('已超期')

  const reminders = async () =>
    (await cloud.outbox()).filter(
      (m) => m.touser === 'demo-member-74' && m.template_id === SUBSCRIBE_TEMPLATES.reportDue.id,
    )
  tap(roster, `#remind-${member}`)
  await until(() => textOf(roster, `#due-${member}`).includes('已提醒'), 'the reminder')
  expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已发送提醒', icon: 'success' })
  tap(roster, `#remind-${member}`)
  await until(
    () => wxMock.showToast.mock.lastCall?.[0]?.title === '7 天内已提醒过',
    'the second tap answered',
  )
  expect(await reminders()).toHaveLength(1)
})

test('the wish queue publishes a wish in place', async () => {
  const { wish } = dataOf(
    await cloud.as('demo-resident-2').wish.submit({
      title: '想学用智能手机',
      description: '想学会视频通话',
      category: '服务',
    }),
  )
  const queue = await show('officer/wish-review', ADMIN)
  tap(queue, `#publish-${wish.id}`)
  await until(() => !queue.data.cards.some((c) => c.id === wish.id), 'the wish to leave the queue')
  expect(dataOf(await cloud.as(ADMIN).wish.detail({ wishId: wish.id })).wish.status).toBe('待认领')
})

test('a district admin and a member are told what the workbench is for', async () => {
  for (const openid of ['demo-district-admin', 'demo-member-75']) {
    const bench = await show('officer/community', openid)
    expect(bench.data.status).toBe('forbidden')
    expect(textOf(bench, '.state-forbidden')).toContain('街道社区综合党委管理员的工作页面')
  }
})
