import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { type TestCloud, dataOf, startTestCloud } from '../support/cloud'
import { orglife, sessionInput } from './orglife-support'

let cloud: TestCloud
let o: ReturnType<typeof orglife>
beforeAll(async () => {
  cloud = await startTestCloud()
  o = orglife(cloud)
})
afterAll(() => cloud?.close())

describe('scheduling', () => {
  const now = '2026-07-01T10:00:00+08:00'
  const input = sessionInput(
    'committee',
    '七月支委会',
    '2026-07-05T19:00:00+08:00',
    '2026-07-07T21:00:00+08:00',
  )

  test('only a secretary schedules; bad times change nothing; the same session twice is a CONFLICT', async () => {
    expect(await o.call('demo-member-12', 'createSession', input, now)).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    const backwards = { ...input, closesAt: '2026-07-04T19:00:00+08:00' }
    expect(await o.call('demo-secretary-3', 'createSession', backwards, now)).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '结束时间须晚于开始时间',
    })
    expect(await o.docs('orglife_sessions', { branchId: 'branch-3' })).toEqual([])

    const { session } = await o.ok('demo-secretary-3', 'createSession', input, now)
    expect(session).toMatchObject({ type: 'committee', topic: '七月支委会', phase: 'upcoming' })
    expect(await o.call('demo-secretary-3', 'createSession', input, now)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    expect(await o.docs('orglife_sessions', { branchId: 'branch-3' })).toEqual([
      expect.objectContaining({
        _id: session.id,
        status: 'scheduled',
        communityId: 'community-xinhua',
      }),
    ])
  })

  test('a session can be changed and cancelled before it opens, not after', async () => {
    const { session } = await o.ok(
      'demo-secretary-3',
      'createSession',
      { ...input, type: 'themeDay', topic: '主题党日' },
      now,
    )
    const moved = await o.ok(
      'demo-secretary-3',
      'updateSession',
      { sessionId: session.id, topic: '主题党日：走进红色场馆' },
      now,
    )
    expect(moved.session.topic).toBe('主题党日：走进红色场馆')
    const opened = '2026-07-05T19:30:00+08:00'
    expect(
      await o.call(
        'demo-secretary-3',
        'updateSession',
        { sessionId: session.id, topic: '再改' },
        opened,
      ),
    ).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(
      await o.call('demo-secretary-3', 'cancelSession', { sessionId: session.id }, opened),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    const [stored] = await o.docs('orglife_sessions', { _id: session.id })
    expect(stored).toMatchObject({ topic: '主题党日：走进红色场馆', status: 'scheduled' })
  })

  test('a cancelled session refuses attendance', async () => {
    const { session } = await o.ok(
      'demo-secretary-3',
      'createSession',
      { ...input, type: 'evaluation', topic: '民主评议' },
      now,
    )
    dataOf(await o.call('demo-secretary-3', 'cancelSession', { sessionId: session.id }, now))
    expect(
      await o.call(
        'demo-member-40',
        'attend',
        { sessionId: session.id },
        '2026-07-06T10:00:00+08:00',
      ),
    ).toMatchObject({ ok: false, code: 'CONFLICT', message: '会议已取消，不能签到' })
  })

  test('a material link title that fails content security is refused on create and on update, changing nothing', async () => {
    const blocked = {
      text: '',
      links: [{ title: '赌博网站', url: 'https://example.com/a' }],
      images: [],
    }
    const lesson = { ...input, type: 'partyLecture', topic: '七月党课' }
    expect(
      await o.call('demo-secretary-3', 'createSession', { ...lesson, materials: blocked }, now),
    ).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await o.docs('orglife_sessions', { branchId: 'branch-3', topic: '七月党课' })).toEqual(
      [],
    )

    const { session } = await o.ok('demo-secretary-3', 'createSession', lesson, now)
    const [before] = await o.docs('orglife_sessions', { _id: session.id })
    expect(
      await o.call(
        'demo-secretary-3',
        'updateSession',
        { sessionId: session.id, materials: blocked },
        now,
      ),
    ).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await o.docs('orglife_sessions', { _id: session.id })).toEqual([before])
  })
})

describe('the timer', () => {
  const opens = '2026-08-03T09:00:00+08:00'
  const closes = '2026-08-06T21:00:00+08:00'
  let sessionId: string
  beforeAll(async () => {
    const created = await o.ok(
      'demo-secretary-5',
      'createSession',
      sessionInput('partyLecture', '书记讲党课', opens, closes),
      '2026-08-01T10:00:00+08:00',
    )
    sessionId = created.session.id
  })

  test('announces an opened session to every active member once', async () => {
    dataOf(await o.tick('2026-08-03T08:50:00+08:00'))
    expect(await o.outboxFor(sessionId)).toEqual([])
    dataOf(await o.tick('2026-08-03T09:00:00+08:00'))
    dataOf(await o.tick('2026-08-03T09:10:00+08:00'))
    const sent = await o.outboxFor(sessionId)
    const active = await o.docs<{ openid: string }>('members', {
      branchId: 'branch-5',
      status: 'active',
    })
    expect(sent.map((m) => m.touser).sort()).toEqual(active.map((m) => m.openid).sort())
    expect(sent.every((m) => m.template_id === SUBSCRIBE_TEMPLATES.sessionOpened.id)).toBe(true)
  })

  test('reminds, a day before close, only those who neither attended nor asked for leave', async () => {
    const during = '2026-08-04T10:00:00+08:00'
    dataOf(await o.call('demo-member-64', 'attend', { sessionId }, during))
    dataOf(
      await o.call('demo-member-65', 'requestLeave', { sessionId, reason: '在外地培训' }, during),
    )
    dataOf(await o.tick('2026-08-05T20:50:00+08:00'))
    const reminders = () =>
      o
        .outboxFor(sessionId)
        .then((all) => all.filter((m) => m.template_id === SUBSCRIBE_TEMPLATES.closingReminder.id))
    expect(await reminders()).toEqual([])
    dataOf(await o.tick('2026-08-05T21:00:00+08:00'))
    dataOf(await o.tick('2026-08-05T21:10:00+08:00'))
    const active = await o.docs<{ openid: string }>('members', {
      branchId: 'branch-5',
      status: 'active',
    })
    const expected = active
      .map((m) => m.openid)
      .filter((id) => !['demo-member-64', 'demo-member-65'].includes(id))
    expect((await reminders()).map((m) => m.touser).sort()).toEqual(expected.sort())
  })

  test('closes the session at closes-at and freezes its record without the secretary', async () => {
    dataOf(await o.tick('2026-08-06T20:50:00+08:00'))
    expect(await o.docs('orglife_records', { sessionId })).toEqual([])
    dataOf(await o.tick('2026-08-06T21:00:00+08:00'))
    const [stored] = await o.docs('orglife_sessions', { _id: sessionId })
    expect(stored).toMatchObject({ status: 'closed', closedAt: new Date(closes) })
    const [record] = await o.docs<{ closedBy: string; attended: { memberId: string }[] }>(
      'orglife_records',
      { sessionId },
    )
    expect(record.closedBy).toBe('auto')
    expect(record.attended.map((p) => p.memberId)).toEqual([memberIdOf('demo-member-64')])
  })

  test('a session past closes-at reads as closed even before the timer runs', async () => {
    const { session } = await o.ok(
      'demo-secretary-5',
      'createSession',
      sessionInput(
        'groupMeeting',
        '党小组学习',
        '2026-08-10T09:00:00+08:00',
        '2026-08-10T21:00:00+08:00',
      ),
      '2026-08-09T10:00:00+08:00',
    )
    const after = '2026-08-10T21:01:00+08:00'
    const { record } = await o.ok('demo-member-66', 'record', { sessionId: session.id }, after)
    expect(record).toMatchObject({
      phase: 'closed',
      closedBy: 'auto',
      closedAt: new Date('2026-08-10T21:00:00+08:00').toISOString(),
    })
    const list = await o.ok('demo-member-66', 'listSessions', {}, after)
    expect(list.closed.map((s) => s.id)).toContain(session.id)
  })
})

describe('三会一课 cadence with the runner’s clock', () => {
  test('the secretary sees what is overdue; the community admin sees the branch flagged', async () => {
    const may = '2026-05-10T10:00:00+08:00'
    // Branch 2 held a 支委会 in April, and nothing else since the start of Q1.
    dataOf(
      await o.call(
        'demo-secretary-2',
        'createSession',
        sessionInput(
          'committee',
          '四月支委会',
          '2026-04-08T19:00:00+08:00',
          '2026-04-09T21:00:00+08:00',
        ),
        '2026-04-01T10:00:00+08:00',
      ),
    )
    const mine = await o.ok('demo-secretary-2', 'cadence', {}, may)
    expect(Object.fromEntries(mine.items.map((i) => [i.type, [i.state, i.overdue]]))).toEqual({
      committee: ['due', false],
      groupMeeting: ['due', true],
      branchAssembly: ['due', true],
      partyLecture: ['due', true],
    })
    expect(mine.overdueCount).toBe(3)

    const community = await o.ok('demo-community-admin-1', 'communityCadence', {}, may)
    const branch2 = community.branches.find((b) => b.branchId === 'branch-2')
    expect(branch2?.overdue.sort()).toEqual(
      ['branchAssembly', 'groupMeeting', 'partyLecture'].sort(),
    )
    expect(community.branches.every((b) => b.branchId.match(/^branch-[1-4]$/))).toBe(true)

    const june = await o.ok('demo-secretary-2', 'cadence', {}, '2026-06-01T00:00:00+08:00')
    expect(june.items.find((i) => i.type === 'committee')?.overdue).toBe(true)
  })

  test('members and other communities’ admins may not see it', async () => {
    expect(
      await o.call('demo-member-31', 'cadence', {}, '2026-05-10T10:00:00+08:00'),
    ).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(
      await o.call(
        'demo-community-admin-2',
        'communityCadence',
        { communityId: 'community-xinhua' },
        '2026-05-10T10:00:00+08:00',
      ),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
  })
})
