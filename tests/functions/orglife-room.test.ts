import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, memberCounter, useTestCloud } from '../support/cloud'
import { orglifeTick, sessionInput } from '../support/fixtures'
import { ledgerOf } from './ledger-fixtures'

const cloud = useTestCloud()
const as = (openid: string, now: string) => cloud.as(openid, { now })
let sessionId: string

const SECRETARY = 'demo-secretary-1'
const BEFORE = '2026-06-10T08:59:00+08:00'
const OPENS = '2026-06-10T09:00:00+08:00'
const DURING = '2026-06-11T10:00:00+08:00'
const CLOSES = '2026-06-12T21:00:00+08:00'
const AFTER = '2026-06-12T21:00:00+08:00'

beforeAll(async () => {
  const created = dataOf(
    await as(SECRETARY, '2026-06-01T10:00:00+08:00').orglife.createSession(
      sessionInput('branchAssembly', '学习党的二十届三中全会精神', OPENS, CLOSES),
    ),
  )
  sessionId = created.session.id
})

const attendanceOf = (openid: string) =>
  cloud.docs('orglife_attendance', { sessionId, memberId: memberIdOf(openid) })
const statementsOf = (openid: string) =>
  cloud.docs<{ k: number; text: string }>('orglife_statements', {
    sessionId,
    memberId: memberIdOf(openid),
  })

describe('the session window', () => {
  test('attend and speak are refused before opens-at and stored nowhere', async () => {
    expect(await as('demo-member-3', BEFORE).orglife.attend({ sessionId })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '会议尚未开始，不能签到',
    })
    expect(
      await as('demo-member-3', BEFORE).orglife.speak({ sessionId, text: '我先说两句' }),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '会议尚未开始，不能发言',
    })
    expect(await attendanceOf('demo-member-3')).toEqual([])
    expect(await statementsOf('demo-member-3')).toEqual([])
    expect(await ledgerOf(cloud, 'demo-member-3', 'orglifeAttend')).toEqual([])
  })

  test('attending while open is stored once and counted once in the ledger', async () => {
    expect(dataOf(await as('demo-member-3', OPENS).orglife.attend({ sessionId }))).toEqual({
      already: false,
      counted: true,
    })
    expect(dataOf(await as('demo-member-3', DURING).orglife.attend({ sessionId }))).toEqual({
      already: true,
      counted: false,
    })
    const [mark] = await attendanceOf('demo-member-3')
    expect(mark).toMatchObject({ attendedAt: new Date(OPENS), leave: null })
    expect(await ledgerOf(cloud, 'demo-member-3', 'orglifeAttend')).toEqual([
      expect.objectContaining({ ref: sessionId }),
    ])
    expect((await memberCounter(cloud, 'demo-member-3', '2026-06')).counts.orglifeAttend).toBe(1)
  })

  test('speaking needs attendance first', async () => {
    expect(
      await as('demo-member-4', DURING).orglife.speak({ sessionId, text: '同意' }),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '请先签到，再发言',
    })
    expect(await statementsOf('demo-member-4')).toEqual([])
  })

  test('every statement is stored; only the first three of a member count, each under its own ref', async () => {
    const texts = ['深刻领会全会精神', '结合岗位谈体会', '带头做好本职', '再补充一点']
    const replies = []
    for (const text of texts)
      replies.push(dataOf(await as('demo-member-3', DURING).orglife.speak({ sessionId, text })))
    expect(replies.map((r) => r.counted)).toEqual([true, true, true, false])
    const stored = await statementsOf('demo-member-3')
    expect(stored.map((s) => [s.k, s.text]).sort()).toEqual(texts.map((t, i) => [i + 1, t]))
    const ledger = await ledgerOf(cloud, 'demo-member-3', 'orglifeSpeak')
    expect(ledger.map((e) => e.ref).sort()).toEqual([1, 2, 3].map((k) => `${sessionId}-${k}`))
    const detail = dataOf(await as('demo-member-3', DURING).orglife.sessionDetail({ sessionId }))
    expect(detail.statements.map((s) => s.text)).toEqual(texts)
    expect(detail.mine).toMatchObject({ mark: 'attended' })
  })

  test('a statement that fails content security is refused and not stored', async () => {
    const reply = await as('demo-member-3', DURING).orglife.speak({ sessionId, text: '一起去赌博' })
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await statementsOf('demo-member-3')).toHaveLength(4)
  })
})

describe('leave', () => {
  test('a member asks for leave before close and the secretary approves it', async () => {
    expect(
      dataOf(
        await as('demo-member-5', BEFORE).orglife.requestLeave({ sessionId, reason: '出差在外地' }),
      ),
    ).toEqual({
      status: 'pending',
    })
    expect(
      dataOf(
        await as('demo-member-6', DURING).orglife.requestLeave({ sessionId, reason: '家中有事' }),
      ),
    ).toEqual({
      status: 'pending',
    })
    const detail = dataOf(await as(SECRETARY, DURING).orglife.sessionDetail({ sessionId }))
    expect(detail.leaves.map((l) => l.reason).sort()).toEqual(['出差在外地', '家中有事'].sort())
    const memberId = memberIdOf('demo-member-5')
    expect(
      dataOf(
        await as(SECRETARY, DURING).orglife.decideLeave({ sessionId, memberId, approve: true }),
      ),
    ).toEqual({
      memberId,
      status: 'approved',
    })
    expect((await attendanceOf('demo-member-5'))[0]).toMatchObject({
      leave: { status: 'approved' },
    })
    expect(
      await as('demo-member-7', DURING).orglife.decideLeave({
        sessionId,
        memberId,
        approve: false,
      }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
  })
})

describe('another branch', () => {
  test('a member of another branch can neither read, attend, speak nor ask for leave: the session is not there for them', async () => {
    const outsider = 'demo-member-31'
    for (const [action, payload] of [
      ['sessionDetail', { sessionId }],
      ['attend', { sessionId }],
      ['speak', { sessionId, text: '我也来说说' }],
      ['requestLeave', { sessionId, reason: '有事请假' }],
    ] as const) {
      expect(
        await cloud.callAs(outsider, 'orglife', action, payload, { now: DURING }),
      ).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
        message: '该组织生活不存在',
      })
    }
    expect(await attendanceOf(outsider)).toEqual([])
    expect(await statementsOf(outsider)).toEqual([])
  })
})

describe('closing and the frozen record', () => {
  test('minutes that fail content security are refused and the session stays open and unrecorded', async () => {
    const reply = await as(SECRETARY, AFTER).orglife.closeSession({
      sessionId,
      minutes: '会上有人提到赌博',
    })
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    const [session] = await cloud.docs('orglife_sessions', { _id: sessionId })
    expect(session).toMatchObject({ status: 'scheduled', minutes: null })
    expect(await cloud.docs('orglife_records', { sessionId })).toEqual([])
  })

  test('leave after close is refused; the record splits the active members into attended, leave and absent', async () => {
    expect(
      await as('demo-member-8', AFTER).orglife.requestLeave({ sessionId, reason: '忘记请假了' }),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '会议已结束，不能请假',
    })
    expect(await attendanceOf('demo-member-8')).toEqual([])

    const { record } = dataOf(
      await as(SECRETARY, AFTER).orglife.closeSession({
        sessionId,
        minutes: '应到31人，会议学习了全会精神。',
      }),
    )
    const active = await cloud.docs('members', { branchId: 'branch-1', status: 'active' })
    expect(record.counts).toEqual({
      attended: 1,
      onLeave: 1,
      absent: active.length - 2,
      total: active.length,
    })
    expect(record.attended.map((p) => p.memberId)).toEqual([memberIdOf('demo-member-3')])
    expect(record.onLeave).toEqual([
      expect.objectContaining({ memberId: memberIdOf('demo-member-5'), reason: '出差在外地' }),
    ])
    expect(record.absent.map((p) => p.memberId)).toContain(memberIdOf('demo-member-6')) // still pending at close
    expect(record.statements).toHaveLength(4)
    expect(record).toMatchObject({
      closedBy: 'secretary',
      minutes: '应到31人，会议学习了全会精神。',
      phase: 'closed',
    })
    const [session] = await cloud.docs('orglife_sessions', { _id: sessionId })
    expect(session).toMatchObject({ status: 'closed', minutes: '应到31人，会议学习了全会精神。' })
  })

  test('the frozen record is unchanged by later calls, and absentees can read it', async () => {
    const [before] = await cloud.docs('orglife_records', { sessionId })
    const later = '2026-06-13T09:00:00+08:00'
    const refused = [
      await as('demo-member-9', later).orglife.attend({ sessionId }),
      await as('demo-member-3', later).orglife.speak({ sessionId, text: '会后补充' }),
      await as('demo-member-9', later).orglife.requestLeave({ sessionId, reason: '补请假' }),
      await as(SECRETARY, later).orglife.decideLeave({
        sessionId,
        memberId: memberIdOf('demo-member-6'),
        approve: true,
      }),
      await as(SECRETARY, later).orglife.closeSession({ sessionId, minutes: '改一下纪要' }),
    ]
    expect(refused.map((r) => (r.ok ? 'OK' : r.code))).toEqual(Array(5).fill('CONFLICT'))
    dataOf(await orglifeTick(cloud, later))
    const absentee = dataOf(await as('demo-member-9', later).orglife.record({ sessionId }))
    const [after] = await cloud.docs('orglife_records', { sessionId })
    expect(after).toEqual(before)
    expect(absentee.record.absent.map((p) => p.memberId)).toContain(memberIdOf('demo-member-9'))
    expect(absentee.record.minutes).toBe('应到31人，会议学习了全会精神。')
    // Fellow members see who was on leave, not why (the privacy guide's 组织生活 line).
    expect(absentee.record.onLeave).toEqual([
      { memberId: memberIdOf('demo-member-5'), name: expect.any(String) },
    ])
    expect(await as('demo-member-31', later).orglife.record({ sessionId })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
  })
})
