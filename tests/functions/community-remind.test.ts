// The community reminds members whose half-year report is due soon or overdue: one message per member per
// REMIND_EVERY_DAYS however often 提醒 is tapped, only for its own members, and only when a report is due.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()
const as = (openid: string, now: string) => cloud.as(openid, { now })

const ADMIN = 'demo-community-admin-2' // community-jiangsu
const REPORTED = '2026-12-01T10:00:00+08:00'
/** Half a year less 17 days: the report is due soon. */
const DUE_SOON = '2027-05-15T10:00:00+08:00'

const reportTo = (openid: string) =>
  as(openid, REPORTED)
    .community.report({
      communityId: 'community-jiangsu',
      area: '江苏路 480 弄',
      willingness: ['便民服务'],
    })
    .then(dataOf)
const remindersTo = async (openid: string) =>
  (await cloud.outbox()).filter(
    (m) => m.touser === openid && m.template_id === SUBSCRIBE_TEMPLATES.reportDue.id,
  )
const remind = (openid: string, now: string, by = ADMIN) =>
  as(by, now).community.remindReport({ memberId: memberIdOf(openid) })

test('a reminder goes out once a week at most, however often it is asked for', async () => {
  await reportTo('demo-member-70')
  const first = dataOf(await remind('demo-member-70', DUE_SOON))
  expect(first).toMatchObject({ sent: true, delivered: true })
  const again = dataOf(await remind('demo-member-70', '2027-05-21T09:00:00+08:00'))
  expect(again).toEqual({ ...first, sent: false, delivered: false })
  expect(await remindersTo('demo-member-70')).toEqual([
    expect.objectContaining({
      page: 'community/report/index',
      data: expect.objectContaining({ date3: { value: '2027年6月1日' } }),
    }),
  ])

  const week = dataOf(await remind('demo-member-70', '2027-05-22T10:00:00+08:00'))
  expect(week).toMatchObject({ sent: true, remindedAt: '2027-05-22T02:00:00.000Z' })
  expect(await remindersTo('demo-member-70')).toHaveLength(2)

  const { members } = dataOf(await as(ADMIN, '2027-05-22T11:00:00+08:00').community.overdue({}))
  expect(members.find((m) => m.memberId === memberIdOf('demo-member-70'))).toMatchObject({
    state: 'dueSoon',
    remindedAt: '2027-05-22T02:00:00.000Z',
  })
})

test('two taps at once send one message', async () => {
  await reportTo('demo-member-71')
  const replies = await Promise.all([1, 2, 3].map(() => remind('demo-member-71', DUE_SOON)))
  expect(replies.map((r) => dataOf(r).sent).sort()).toEqual([false, false, true])
  expect(await remindersTo('demo-member-71')).toHaveLength(1)
})

test('a report that is not yet due is not reminded of, and nothing is stored', async () => {
  await reportTo('demo-member-72')
  expect(await remind('demo-member-72', '2027-03-01T10:00:00+08:00')).toMatchObject({
    ok: false,
    code: 'CONFLICT',
    message: '该党员的报到还没有到期，不需要提醒',
  })
  const report = await cloud.doc('community_reports', memberIdOf('demo-member-72'))
  expect(report).not.toHaveProperty('remindedMs')
  expect(await remindersTo('demo-member-72')).toEqual([])
})

test('a member cannot remind; another community’s admin is answered as for a missing report', async () => {
  await reportTo('demo-member-73')
  const late = '2027-06-10T10:00:00+08:00'
  expect(await remind('demo-member-73', late, 'demo-member-74')).toMatchObject({
    ok: false,
    code: 'PERMISSION_DENIED',
  })
  const away = await remind('demo-member-73', late, 'demo-community-admin-1')
  const missing = await as('demo-community-admin-1', late).community.remindReport({
    memberId: 'm-missing',
  })
  expect(away).toEqual(missing)
  expect(away).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '该党员的报到记录不存在' })
  expect(await remindersTo('demo-member-73')).toEqual([])
})
