// checkin.today, the member's 首页 card, through the real SDK: today's 报到, the minimums, the month's sessions
// and those open now, and claimed wishes awaiting fulfilment.
import { dataOf, useTestCloud } from '../support/cloud'
import { draft, sessionInput, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const NOW = '2026-11-10T10:00:00+08:00'
const today = (openid: string, now = NOW) => cloud.as(openid, { now }).checkin.today({})

test('a member with nothing done yet sees 报到 not done and every minimum still owed', async () => {
  const card = dataOf(await today('demo-member-20'))

  expect(card).toMatchObject({
    today: '2026-11-10',
    month: '2026-11',
    checkedInToday: false,
    orglife: { done: 0, total: 0, ahead: 0 },
    openSessions: [],
    claimedWishes: [],
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

test('the month’s sessions: attended and excused are done, those ahead are owed, cancelled ones and last month’s are not counted; open ones list who signed in', async () => {
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
  expect(card.orglife).toEqual({ done: 1, total: 2, ahead: 1 })
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
  expect(dataOf(await today('demo-member-1')).orglife).toEqual({ done: 2, total: 2, ahead: 0 })
  // Another member of the branch owes both.
  expect(dataOf(await today('demo-member-3')).orglife).toEqual({ done: 0, total: 2, ahead: 2 })
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

test('one call reads the card in at most 7 database round trips', async () => {
  const { reply, meta } = await cloud.measure('demo-member-1', { now: NOW }).checkin.today({})
  expect(reply.ok).toBe(true)
  // The caller; counter, branch, today's ledger entry, sessions and wishes at once; the marks when sessions.
  expect(meta.dbRoundTrips).toBeLessThanOrEqual(7)
})

test('a resident is refused and gets no card', async () => {
  expect(await today('demo-resident-1')).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
})
