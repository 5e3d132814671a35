// Members below the month's minimums, for their secretary: the list (furthest short first, what each misses),
// 一键提醒 (one subscription message per member per day, however often or at once it is pressed, counting the
// automatic reminder of the 20th), and the 待办, which counts the reminding as the secretary's one action
// instead of one per member.
import type { Reply, StatsOutputs, TodoSection } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()
const NOW = '2026-05-20T10:00:00+08:00'
const as = (openid: string, now = NOW) => cloud.as(openid, { now })

const activeIn = async (branchId: string) =>
  (await cloud.docs<{ _id: string; openid: string }>('members', { branchId, status: 'active' }))
    .length
const reminders = async () =>
  (await cloud.outbox()).filter((m) => m.template_id === SUBSCRIBE_TEMPLATES.monthlyMinimum.id)
const section = (todo: { sections: TodoSection[] }, kind: TodoSection['kind']) =>
  todo.sections.find((s) => s.kind === kind)!

test('the list is the secretary’s own branch, the furthest short first, with what each still misses', async () => {
  dataOf(
    await as('demo-secretary-2').checkin.updateSettings({ minimums: { checkin: 2, comment: 0 } }),
  )
  dataOf(await as('demo-member-31').checkin.checkIn({}))
  const list = dataOf(await as('demo-secretary-2').checkin.belowMinimum({}))

  expect(list).toMatchObject({ branchId: 'branch-2', month: '2026-05', remindedToday: 0 })
  expect(list.members).toHaveLength(await activeIn('branch-2'))
  const last = list.members[list.members.length - 1]
  expect(last).toEqual({
    id: memberIdOf('demo-member-31'),
    name: expect.any(String),
    missing: '还差 报到 1 次',
    remindedToday: false,
  })
  expect(list.members[0].missing).toBe('还差 报到 2 次')

  for (const openid of ['demo-member-31', 'demo-community-admin-1'])
    expect(await as(openid).checkin.belowMinimum({})).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
})

test('一键提醒 pressed twice at once reminds each member once that day, and again the next day', async () => {
  const secretary = 'demo-secretary-3'
  const below = await activeIn('branch-3')
  const before = dataOf(await as(secretary).todo.secretary({}))
  expect(before.belowMinimum).toEqual({ below, remindedToday: 0 })
  expect(section(before, 'belowMinimum')).toMatchObject({ count: 1, own: true })
  expect(section(before, 'belowMinimum').items).toEqual([
    expect.objectContaining({ title: `本月 ${below} 人未达最低要求`, note: '今天还没有提醒' }),
  ])

  const sentBefore = (await reminders()).length
  const presses = (
    await Promise.all([
      as(secretary).checkin.remindBelow({}),
      as(secretary).checkin.remindBelow({}),
    ])
  ).map(dataOf)
  expect(presses.map((p) => p.reminded).reduce((a, b) => a + b)).toBe(below)
  expect(presses.every((p) => p.below === below && p.reminded + p.already === below)).toBe(true)
  const sent = (await reminders()).slice(sentBefore)
  expect(sent).toHaveLength(below)
  expect(new Set(sent.map((m) => m.touser)).size).toBe(below)
  expect(sent[0]).toMatchObject({
    page: 'pages/checkin/index',
    data: expect.objectContaining({ thing1: { value: '还差 报到 4 次 · 留言 10 条' } }),
  })
  const markers = await cloud.docs('minimum_reminders', { branchId: 'branch-3', day: '2026-05-20' })
  expect(markers).toHaveLength(below)
  expect(markers[0]).toMatchObject({ by: memberIdOf(secretary), delivered: true })

  // Later the same day: nobody is reminded twice, and the 待办 no longer asks for it.
  const again = dataOf(await as(secretary, '2026-05-20T21:00:00+08:00').checkin.remindBelow({}))
  expect(again).toEqual({ below, reminded: 0, delivered: 0, already: below })
  expect((await reminders()).length).toBe(sentBefore + below)
  const after = dataOf(await as(secretary).todo.secretary({}))
  expect(after.belowMinimum).toEqual({ below, remindedToday: below })
  expect(section(after, 'belowMinimum')).toMatchObject({ count: 0 })
  expect(section(after, 'belowMinimum').items[0].note).toBe('今天已全部提醒')
  expect(after.total).toBe(before.total - 1)
  const list = dataOf(await as(secretary).checkin.belowMinimum({}))
  expect(list.remindedToday).toBe(below)
  expect(list.members.every((m) => m.remindedToday)).toBe(true)

  const nextDay = dataOf(await as(secretary, '2026-05-21T09:00:00+08:00').checkin.remindBelow({}))
  expect(nextDay).toMatchObject({ reminded: below, already: 0 })
})

test('一键提醒 counts apart a member who has not turned on notifications; their day is still used', async () => {
  const SEP_15 = '2026-09-15T10:00:00+08:00'
  const branch = await cloud.docs<{ _id: string; openid: string }>('members', {
    branchId: 'branch-5',
    status: 'active',
  })
  const off = branch.find((m) => !m.openid.startsWith('demo-secretary'))!
  cloud.app.openapi.unsubscribed.add(off.openid)
  try {
    const from = (await reminders()).length
    const press = dataOf(await as('demo-secretary-5', SEP_15).checkin.remindBelow({}))
    expect(press).toEqual({
      below: branch.length,
      reminded: branch.length,
      delivered: branch.length - 1,
      already: 0,
    })
    const sent = (await reminders()).slice(from).map((m) => m.touser)
    expect(sent).toHaveLength(branch.length - 1)
    expect(sent).not.toContain(off.openid)
    expect(await cloud.doc('minimum_reminders', `2026-09-15_${off._id}`)).toMatchObject({
      delivered: false,
    })
    expect(dataOf(await as('demo-secretary-5', SEP_15).checkin.remindBelow({}))).toMatchObject({
      reminded: 0,
      already: branch.length,
    })
  } finally {
    cloud.app.openapi.unsubscribed.delete(off.openid)
  }
})

test('the 待办 total counts the secretary’s own actions only: not each member below, nor what members owe', async () => {
  const todo = dataOf(await as('demo-secretary-4').todo.secretary({}))
  const below = await activeIn('branch-4')
  expect(below).toBeGreaterThan(1)
  expect(todo.belowMinimum.below).toBe(below)
  expect(section(todo, 'belowMinimum').count).toBe(1)
  expect(section(todo, 'studyDue').own).toBe(false)
  expect(section(todo, 'duesUnpaid').own).toBe(false)
  const own = todo.sections.filter((s) => s.own).reduce((sum, s) => sum + s.count, 0)
  expect(todo.total).toBe(own)
})

describe('the 20th’s reminder and 一键提醒 share the rule: one minimum reminder a member a day', () => {
  type Remind = StatsOutputs['remind']
  const remindMonth = async (now: string) =>
    dataOf(await cloud.trigger<Reply<Remind>>('stats', 'remindMonth', now))
  const openidsIn = async (branchId: string) =>
    (await cloud.docs<{ openid: string }>('members', { branchId, status: 'active' })).map(
      (m) => m.openid,
    )
  /** Minimum reminders sent since `from` (an outbox length), by addressee. */
  const sentSince = async (from: number) => {
    const per = new Map<string, number>()
    for (const m of (await reminders()).slice(from)) per.set(m.touser, (per.get(m.touser) ?? 0) + 1)
    return per
  }

  test('after the automatic reminder of the 20th, 一键提醒 that day sends nothing; the next day it does', async () => {
    const JUNE_20 = '2026-06-20T10:00:00+08:00'
    const branch = await openidsIn('branch-2')
    const from = (await reminders()).length
    const auto = await remindMonth(JUNE_20)
    expect(auto).toMatchObject({ sent: auto.below, failed: 0 })

    const press = dataOf(
      await as('demo-secretary-2', '2026-06-20T15:00:00+08:00').checkin.remindBelow({}),
    )
    expect(press).toEqual({
      below: branch.length,
      reminded: 0,
      delivered: 0,
      already: branch.length,
    })
    const sent = await sentSince(from)
    expect(branch.map((o) => sent.get(o))).toEqual(branch.map(() => 1))
    const list = dataOf(
      await as('demo-secretary-2', '2026-06-20T15:00:00+08:00').checkin.belowMinimum({}),
    )
    expect(list.members.every((m) => m.remindedToday)).toBe(true)

    const nextDay = dataOf(
      await as('demo-secretary-2', '2026-06-21T09:00:00+08:00').checkin.remindBelow({}),
    )
    expect(nextDay).toMatchObject({ reminded: branch.length, already: 0 })
  })

  test('after 一键提醒 on the 20th, the automatic reminder skips those members, and still runs once a month', async () => {
    const branch = await openidsIn('branch-3')
    const from = (await reminders()).length
    const press = dataOf(
      await as('demo-secretary-3', '2026-07-20T09:00:00+08:00').checkin.remindBelow({}),
    )
    expect(press).toMatchObject({ reminded: branch.length, already: 0 })

    const auto = await remindMonth('2026-07-20T10:00:00+08:00')
    const below = auto.below
    expect(auto).toMatchObject({
      sent: below - branch.length,
      skipped: branch.length,
      failed: 0,
    })
    const sent = await sentSince(from)
    expect(branch.map((o) => sent.get(o))).toEqual(branch.map(() => 1))
    expect([...sent.values()].every((n) => n === 1)).toBe(true)
    expect(sent.size).toBe(below)
    // The month's reminder counts as given (by the secretary), and the trigger's later runs send nothing.
    const marked = await cloud.docs('reminders', { month: '2026-07', branchId: 'branch-3' })
    expect(marked).toHaveLength(branch.length)
    expect(marked.every((m) => m.sent === false && m.remindedToday === true)).toBe(true)
    expect(await remindMonth('2026-07-20T10:10:00+08:00')).toMatchObject({
      sent: 0,
      skipped: below,
    })
    expect((await sentSince(from)).size).toBe(below)
  })

  test('the automatic reminder and 一键提醒 at once: each member of the branch gets one', async () => {
    const branch = await openidsIn('branch-4')
    const secretary = (now: string) => as('demo-secretary-4', now)
    // Warm the functions' workers so that the two really run side by side.
    await Promise.all(
      Array.from({ length: 4 }, () =>
        secretary('2026-08-19T09:00:00+08:00').checkin.belowMinimum({}),
      ),
    )
    const from = (await reminders()).length
    const AUG_20 = '2026-08-20T10:00:00+08:00'
    const [auto, press] = await Promise.all([
      remindMonth(AUG_20),
      secretary(AUG_20).checkin.remindBelow({}).then(dataOf),
    ])
    const sent = await sentSince(from)
    expect(branch.map((o) => sent.get(o))).toEqual(branch.map(() => 1))
    expect(press.reminded + press.already).toBe(branch.length)
    expect(auto.sent + press.reminded).toBe(sent.size)
  })
})
