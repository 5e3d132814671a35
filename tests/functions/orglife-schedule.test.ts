import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf, useTestCloud } from '../support/cloud'
import { orglifeTick, sessionInput } from '../support/fixtures'

const cloud = useTestCloud()
const as = (openid: string, now: string) => cloud.as(openid, { now })
/** Subscription messages sent so far that open the given session. */
const outboxFor = async (sessionId: string) =>
  (await cloud.outbox()).filter((m) => m.page === `orglife/room/index?id=${sessionId}`)

describe('scheduling', () => {
  const now = '2026-07-01T10:00:00+08:00'
  const input = sessionInput(
    'committee',
    '七月支委会',
    '2026-07-05T19:00:00+08:00',
    '2026-07-07T21:00:00+08:00',
  )

  test('only a secretary schedules; bad times change nothing; the same session twice is a CONFLICT', async () => {
    expect(await as('demo-member-12', now).orglife.createSession(input)).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    const backwards = { ...input, closesAt: '2026-07-04T19:00:00+08:00' }
    expect(await as('demo-secretary-3', now).orglife.createSession(backwards)).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '结束时间须晚于开始时间',
    })
    expect(await cloud.docs('orglife_sessions', { branchId: 'branch-3' })).toEqual([])

    const { session } = dataOf(await as('demo-secretary-3', now).orglife.createSession(input))
    expect(session).toMatchObject({ type: 'committee', topic: '七月支委会', phase: 'upcoming' })
    expect(await as('demo-secretary-3', now).orglife.createSession(input)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    expect(await cloud.docs('orglife_sessions', { branchId: 'branch-3' })).toEqual([
      expect.objectContaining({
        _id: session.id,
        status: 'scheduled',
        communityId: 'community-xinhua',
      }),
    ])
  })

  test('a session can be changed and cancelled before it opens, not after', async () => {
    const { session } = dataOf(
      await as('demo-secretary-3', now).orglife.createSession({
        ...input,
        type: 'themeDay',
        topic: '主题党日',
      }),
    )
    const moved = dataOf(
      await as('demo-secretary-3', now).orglife.updateSession({
        sessionId: session.id,
        topic: '主题党日：走进红色场馆',
      }),
    )
    expect(moved.session.topic).toBe('主题党日：走进红色场馆')
    const opened = '2026-07-05T19:30:00+08:00'
    expect(
      await as('demo-secretary-3', opened).orglife.updateSession({
        sessionId: session.id,
        topic: '再改',
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(
      await as('demo-secretary-3', opened).orglife.cancelSession({ sessionId: session.id }),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    const [stored] = await cloud.docs('orglife_sessions', { _id: session.id })
    expect(stored).toMatchObject({ topic: '主题党日：走进红色场馆', status: 'scheduled' })
  })

  test('a cancelled session refuses attendance', async () => {
    const { session } = dataOf(
      await as('demo-secretary-3', now).orglife.createSession({
        ...input,
        type: 'evaluation',
        topic: '民主评议',
      }),
    )
    dataOf(await as('demo-secretary-3', now).orglife.cancelSession({ sessionId: session.id }))
    expect(
      await as('demo-member-40', '2026-07-06T10:00:00+08:00').orglife.attend({
        sessionId: session.id,
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT', message: '会议已取消，不能签到' })
  })

  test('a material link title that fails content security is refused on create and on update, changing nothing', async () => {
    const blocked = {
      text: '',
      links: [{ title: '赌博网站', url: 'https://example.com/a' }],
      images: [],
    }
    const lesson = { ...input, type: 'partyLecture' as const, topic: '七月党课' }
    expect(
      await as('demo-secretary-3', now).orglife.createSession({ ...lesson, materials: blocked }),
    ).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(
      await cloud.docs('orglife_sessions', { branchId: 'branch-3', topic: '七月党课' }),
    ).toEqual([])

    const { session } = dataOf(await as('demo-secretary-3', now).orglife.createSession(lesson))
    const [before] = await cloud.docs('orglife_sessions', { _id: session.id })
    expect(
      await as('demo-secretary-3', now).orglife.updateSession({
        sessionId: session.id,
        materials: blocked,
      }),
    ).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await cloud.docs('orglife_sessions', { _id: session.id })).toEqual([before])
  })
})

describe('the timer', () => {
  const opens = '2026-08-03T09:00:00+08:00'
  const closes = '2026-08-06T21:00:00+08:00'
  let sessionId: string
  beforeAll(async () => {
    const created = dataOf(
      await as('demo-secretary-5', '2026-08-01T10:00:00+08:00').orglife.createSession(
        sessionInput('partyLecture', '书记讲党课', opens, closes),
      ),
    )
    sessionId = created.session.id
  })

  test('announces an opened session to every active member once', async () => {
    dataOf(await orglifeTick(cloud, '2026-08-03T08:50:00+08:00'))
    expect(await outboxFor(sessionId)).toEqual([])
    dataOf(await orglifeTick(cloud, '2026-08-03T09:00:00+08:00'))
    dataOf(await orglifeTick(cloud, '2026-08-03T09:10:00+08:00'))
    const sent = await outboxFor(sessionId)
    const active = await cloud.docs<{ openid: string }>('members', {
      branchId: 'branch-5',
      status: 'active',
    })
    expect(sent.map((m) => m.touser).sort()).toEqual(active.map((m) => m.openid).sort())
    expect(sent.every((m) => m.template_id === SUBSCRIBE_TEMPLATES.sessionOpened.id)).toBe(true)
  })

  test('reminds, a day before close, only those who neither attended nor asked for leave', async () => {
    const during = '2026-08-04T10:00:00+08:00'
    dataOf(await as('demo-member-64', during).orglife.attend({ sessionId }))
    dataOf(
      await as('demo-member-65', during).orglife.requestLeave({ sessionId, reason: '在外地培训' }),
    )
    dataOf(await orglifeTick(cloud, '2026-08-05T20:50:00+08:00'))
    const reminders = () =>
      outboxFor(sessionId).then((all) =>
        all.filter((m) => m.template_id === SUBSCRIBE_TEMPLATES.closingReminder.id),
      )
    expect(await reminders()).toEqual([])
    dataOf(await orglifeTick(cloud, '2026-08-05T21:00:00+08:00'))
    dataOf(await orglifeTick(cloud, '2026-08-05T21:10:00+08:00'))
    const active = await cloud.docs<{ openid: string }>('members', {
      branchId: 'branch-5',
      status: 'active',
    })
    const expected = active
      .map((m) => m.openid)
      .filter((id) => !['demo-member-64', 'demo-member-65'].includes(id))
    expect((await reminders()).map((m) => m.touser).sort()).toEqual(expected.sort())
  })

  test('closes the session at closes-at and freezes its record without the secretary', async () => {
    dataOf(await orglifeTick(cloud, '2026-08-06T20:50:00+08:00'))
    expect(await cloud.docs('orglife_records', { sessionId })).toEqual([])
    dataOf(await orglifeTick(cloud, '2026-08-06T21:00:00+08:00'))
    const [stored] = await cloud.docs('orglife_sessions', { _id: sessionId })
    expect(stored).toMatchObject({ status: 'closed', closedAt: new Date(closes) })
    const [record] = await cloud.docs<{ closedBy: string; attended: { memberId: string }[] }>(
      'orglife_records',
      { sessionId },
    )
    expect(record.closedBy).toBe('auto')
    expect(record.attended.map((p) => p.memberId)).toEqual([memberIdOf('demo-member-64')])
  })

  test('a session past closes-at reads as closed even before the timer runs', async () => {
    const { session } = dataOf(
      await as('demo-secretary-5', '2026-08-09T10:00:00+08:00').orglife.createSession(
        sessionInput(
          'groupMeeting',
          '党小组学习',
          '2026-08-10T09:00:00+08:00',
          '2026-08-10T21:00:00+08:00',
        ),
      ),
    )
    const after = '2026-08-10T21:01:00+08:00'
    const { record } = dataOf(
      await as('demo-member-66', after).orglife.record({ sessionId: session.id }),
    )
    expect(record).toMatchObject({
      phase: 'closed',
      closedBy: 'auto',
      closedAt: new Date('2026-08-10T21:00:00+08:00').toISOString(),
    })
    const list = dataOf(await as('demo-member-66', after).orglife.listSessions({}))
    expect(list.closed.map((s) => s.id)).toContain(session.id)
  })
})

describe('三会一课 cadence with the runner’s clock', () => {
  test('the secretary sees what is overdue; the community admin sees the branch flagged', async () => {
    const may = '2026-05-10T10:00:00+08:00'
    // Branch 2 held a 支委会 in April, and nothing else since the start of Q1.
    dataOf(
      await as('demo-secretary-2', '2026-04-01T10:00:00+08:00').orglife.createSession(
        sessionInput(
          'committee',
          '四月支委会',
          '2026-04-08T19:00:00+08:00',
          '2026-04-09T21:00:00+08:00',
        ),
      ),
    )
    const mine = dataOf(await as('demo-secretary-2', may).orglife.cadence({}))
    expect(Object.fromEntries(mine.items.map((i) => [i.type, [i.state, i.overdue]]))).toEqual({
      committee: ['due', false],
      groupMeeting: ['due', true],
      branchAssembly: ['due', true],
      partyLecture: ['due', true],
    })
    expect(mine.overdueCount).toBe(3)

    const community = dataOf(await as('demo-community-admin-1', may).orglife.communityCadence({}))
    const branch2 = community.branches.find((b) => b.branchId === 'branch-2')
    expect(branch2?.overdue.sort()).toEqual(
      ['branchAssembly', 'groupMeeting', 'partyLecture'].sort(),
    )
    expect(community.branches.every((b) => b.branchId.match(/^branch-[1-4]$/))).toBe(true)

    const june = dataOf(
      await as('demo-secretary-2', '2026-06-01T00:00:00+08:00').orglife.cadence({}),
    )
    expect(june.items.find((i) => i.type === 'committee')?.overdue).toBe(true)
  })

  test('members and other communities’ admins may not see it', async () => {
    expect(
      await as('demo-member-31', '2026-05-10T10:00:00+08:00').orglife.cadence({}),
    ).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(
      await as('demo-community-admin-2', '2026-05-10T10:00:00+08:00').orglife.communityCadence({
        communityId: 'community-xinhua',
      }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
  })
})
