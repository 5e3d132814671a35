// checkin.today, the member's 首页 card, through the real SDK: today's 报到, the minimums, the month's sessions
// and those open now, and claimed wishes awaiting fulfilment.
import { dataOf, useTestCloud } from '../support/cloud'
import { ONE_QUESTION_QUIZ, draft, sessionInput, todoSection, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const NOW = '2026-11-10T10:00:00+08:00'
const today = (openid: string, now = NOW) => cloud.as(openid, { now }).checkin.today({})

test('a member with nothing done yet sees 报到 not done and every minimum still owed', async () => {
  const card = dataOf(await today('demo-member-20'))

  expect(card).toMatchObject({
    today: '2026-11-10',
    month: '2026-11',
    checkedInToday: false,
    orglife: { attended: 0, excused: 0, missed: 0, ahead: 0, total: 0 },
    openSessions: [],
    claimedWishes: [],
    study: { done: 0, required: 0, nextItemId: null },
    dues: { state: 'undeclared', amountFen: 0 },
  })
  expect(
    card.progress.items.map(({ rule, count, minimum, missing }) => [rule, count, minimum, missing]),
  ).toEqual([
    ['checkin', 0, 4, 4],
    ['comment', 0, 10, 10],
  ])
})

test('today’s 报到 and 留言 show as done and counted, and the next day 报到 is owed again', async () => {
  const as = cloud.as('demo-member-21', { now: NOW })
  dataOf(await as.checkin.checkIn({}))
  for (const text of ['支部的活动很有意义', '我报名参加志愿服务'])
    dataOf(await as.interact.postMessage({ draftId: draft(), text }))

  const card = dataOf(await today('demo-member-21'))
  expect(card.checkedInToday).toBe(true)
  expect(card.progress.items.map(({ rule, count, missing }) => [rule, count, missing])).toEqual([
    ['checkin', 1, 3],
    ['comment', 2, 8],
  ])
  const tomorrow = dataOf(await today('demo-member-21', '2026-11-11T08:00:00+08:00'))
  expect(tomorrow.checkedInToday).toBe(false)
  expect(tomorrow.progress.items[0].count).toBe(1)
})

test('the month’s sessions: attended, excused, missed once closed without the member, and those ahead; cancelled ones and last month’s are not counted; open ones list who signed in; the 组织生活 list shows only the caller’s own part', async () => {
  const secretary = (now: string) => cloud.as('demo-secretary-1', { now }).orglife
  const create = async (now: string, ...args: Parameters<typeof sessionInput>) =>
    dataOf(await secretary(now).createSession(sessionInput(...args))).session.id
  // Opened last month and still open: listed as open, not counted in November.
  const lastMonth = await create(
    '2026-10-20T09:00:00+08:00',
    'partyLecture',
    '十月党课：学习新党章',
    '2026-10-25T09:00:00+08:00',
    '2026-11-12T21:00:00+08:00',
  )
  const openNow = await create(
    '2026-11-01T09:00:00+08:00',
    'themeDay',
    '十一月主题党日',
    '2026-11-09T09:00:00+08:00',
    '2026-11-11T21:00:00+08:00',
  )
  const later = await create(
    '2026-11-01T09:00:00+08:00',
    'groupMeeting',
    '十一月党小组会',
    '2026-11-20T09:00:00+08:00',
    '2026-11-20T21:00:00+08:00',
  )
  const cancelled = await create(
    '2026-11-01T09:00:00+08:00',
    'committee',
    '十一月支委会',
    '2026-11-25T09:00:00+08:00',
    '2026-11-25T21:00:00+08:00',
  )
  dataOf(await secretary(NOW).cancelSession({ sessionId: cancelled }))
  dataOf(await cloud.as('demo-member-1', { now: NOW }).orglife.attend({ sessionId: openNow }))

  const card = dataOf(await today('demo-member-1'))
  expect(card.orglife).toEqual({ attended: 1, excused: 0, missed: 0, ahead: 1, total: 2 })
  expect(card.openSessions.map(({ id, signedIn }) => [id, signedIn])).toEqual([
    [openNow, true],
    [lastMonth, false],
  ])
  expect(card.openSessions[0]).toMatchObject({ topic: '十一月主题党日', type: 'themeDay' })

  // Approved leave for the later session: nothing is owed any more.
  const member = cloud.as('demo-member-1', { now: NOW }).orglife
  dataOf(await member.requestLeave({ sessionId: later, reason: '出差在外地' }))
  const { me } = dataOf(await cloud.as('demo-member-1').member.me())
  if (me.kind !== 'member') throw new Error('demo-member-1 is a member')
  dataOf(await secretary(NOW).decideLeave({ sessionId: later, memberId: me.id, approve: true }))
  expect(dataOf(await today('demo-member-1')).orglife).toEqual({
    attended: 1,
    excused: 1,
    missed: 0,
    ahead: 0,
    total: 2,
  })
  // Another member of the branch owes both; once both have closed without them, both are missed.
  expect(dataOf(await today('demo-member-3')).orglife).toEqual({
    attended: 0,
    excused: 0,
    missed: 0,
    ahead: 2,
    total: 2,
  })
  const after = '2026-11-21T10:00:00+08:00'
  expect(dataOf(await today('demo-member-3', after)).orglife).toEqual({
    attended: 0,
    excused: 0,
    missed: 2,
    ahead: 0,
    total: 2,
  })
  expect(dataOf(await today('demo-member-1', after)).orglife).toMatchObject({ missed: 0 })

  // The 组织生活 list gives each card the caller's own part, and no part to a reader from outside the branch.
  const mine = async (openid: string, now: string, branchId?: string) => {
    const list = dataOf(await cloud.as(openid, { now }).orglife.listSessions({ branchId }))
    return Object.fromEntries(
      [...list.open, ...list.upcoming, ...list.closed].map((x) => [x.id, x.mine]),
    )
  }
  expect(await mine('demo-member-1', NOW)).toEqual({
    [lastMonth]: 'notSignedIn',
    [openNow]: 'attended',
    [later]: 'excused',
  })
  expect(await mine('demo-member-3', after)).toEqual({
    [lastMonth]: 'absent',
    [openNow]: 'absent',
    [later]: 'absent',
  })
  expect(await mine('demo-community-admin-1', NOW, 'branch-1')).toEqual({
    [lastMonth]: null,
    [openNow]: null,
    [later]: null,
  })
})

test('a claimed wish waits on the card with its due day, overdue after 14 days, and leaves once fulfilled', async () => {
  const { published } = wishes(cloud)
  const wishId = await published()
  const claimer = (now: string) => cloud.as('demo-member-22', { now }).wish
  dataOf(await claimer('2026-11-01T09:00:00+08:00').claim({ wishId }))

  const card = dataOf(await today('demo-member-22'))
  expect(card.claimedWishes).toEqual([
    {
      id: wishId,
      title: expect.stringContaining('帮忙修理收音机'),
      dueAt: new Date('2026-11-15T09:00:00+08:00').toISOString(),
      overdue: false,
    },
  ])
  const late = dataOf(await today('demo-member-22', '2026-11-16T09:00:00+08:00'))
  expect(late.claimedWishes[0].overdue).toBe(true)

  dataOf(await claimer(NOW).fulfil({ wishId, note: '已经帮忙修好了' }))
  expect(dataOf(await today('demo-member-22')).claimedWishes).toEqual([])
})

test('this month’s required 网上党校 items: done of required and the first still to do, as the 待办 counts them', async () => {
  const publish = async (openid: string, title: string, dueMonth = '2026-11') => {
    const as = cloud.as(openid, { now: NOW }).study
    const { topic } = dataOf(
      await as.createTopic({ draftId: draft(), title: '学习专题', dueMonth }),
    )
    const quiz = ONE_QUESTION_QUIZ
    const reply = await as.publish({
      draftId: draft(),
      topicId: topic.id,
      title,
      kind: 'article',
      body: '全会审议通过了建议稿。',
      minutes: 2,
      quiz,
    })
    return dataOf(reply).item.id
  }
  const pushed = await publish('demo-district-admin', '全区必学：四中全会精神')
  const own = await publish('demo-secretary-1', '支部必学：党章第一章')
  // December's item is not this month's; another branch's item is not this branch's.
  await publish('demo-secretary-1', '下月必学', '2026-12')
  await publish('demo-secretary-3', '三支部必学')

  expect(dataOf(await today('demo-member-23')).study).toEqual({
    done: 0,
    required: 2,
    nextItemId: pushed,
  })
  dataOf(
    await cloud
      .as('demo-member-23', { now: NOW })
      .study.submitQuiz({ itemId: pushed, answers: [[0]] }),
  )
  expect(dataOf(await today('demo-member-23')).study).toEqual({
    done: 1,
    required: 2,
    nextItemId: own,
  })
  dataOf(
    await cloud
      .as('demo-member-23', { now: NOW })
      .study.submitQuiz({ itemId: own, answers: [[0]] }),
  )
  expect(dataOf(await today('demo-member-23')).study).toEqual({
    done: 2,
    required: 2,
    nextItemId: null,
  })
  // Another member's completions are not theirs; the secretary's 待办 counts the same two missing.
  expect(dataOf(await today('demo-member-24')).study).toMatchObject({ done: 0, required: 2 })
  // Branch-1's 30 members and its secretary, less the one who finished both.
  const due = await todoSection(cloud, 'demo-secretary-1', 'secretary', 'studyDue', NOW)
  expect(due.count).toBe(30)
  expect(due.items[0].note).toBe('本月必学内容还差 2 项')
})

test('this month’s 党费: not declared, waiting for the secretary, owed with its amount, then paid', async () => {
  const openid = 'demo-member-25'
  const dues = (who: string) => cloud.as(who, { now: NOW }).dues
  expect(dataOf(await today(openid)).dues).toEqual({ state: 'undeclared', amountFen: 0 })

  // 3,600 元 after tax is 1 %: 36.00 元.
  dataOf(await dues(openid).declareBase({ kind: 'salary', baseFen: 360_000 }))
  expect(dataOf(await today(openid)).dues).toEqual({ state: 'unconfirmed', amountFen: 0 })

  const { me } = dataOf(await cloud.as(openid).member.me())
  if (me.kind !== 'member') throw new Error(`${openid} is a member`)
  dataOf(await dues('demo-secretary-1').confirmBase({ memberId: me.id }))
  expect(dataOf(await today(openid)).dues).toEqual({ state: 'owed', amountFen: 3600 })

  const paying = dataOf(await dues(openid).pay({ month: '2026-11' }))
  await cloud.pay.settle(paying.outTradeNo, 'success', { now: NOW })
  expect(dataOf(await today(openid)).dues).toEqual({ state: 'paid', amountFen: 0 })
})

test('a member whose month owes 0 元 (a confirmed base of 0) gets no 党费 line', async () => {
  const openid = 'demo-member-26'
  dataOf(await cloud.as(openid, { now: NOW }).dues.declareBase({ kind: 'salary', baseFen: 0 }))
  const { me } = dataOf(await cloud.as(openid).member.me())
  if (me.kind !== 'member') throw new Error(`${openid} is a member`)
  dataOf(await cloud.as('demo-secretary-1', { now: NOW }).dues.confirmBase({ memberId: me.id }))
  expect(dataOf(await today(openid)).dues).toBeNull()
})

test('one call reads the card in at most 11 database round trips', async () => {
  const { reply, meta } = await cloud.measure('demo-member-1', { now: NOW }).checkin.today({})
  expect(reply.ok).toBe(true)
  // The caller; counter, branch, today's ledger entry, sessions, wishes, the month's study items and the
  // member's completions, the dues profile and the month's payment at once; the marks when sessions.
  expect(meta.dbRoundTrips).toBeLessThanOrEqual(11)
})

test('a resident is refused and gets no card', async () => {
  expect(await today('demo-resident-1')).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
})
