import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { type TestCloud, dataOf, memberCounter, startTestCloud } from '../support/cloud'
import { inBranch, orglife, sessionInput } from './orglife-support'

let cloud: TestCloud
let o: ReturnType<typeof orglife>
let sessionId: string

const SECRETARY = 'demo-secretary-1'
const BEFORE = '2026-06-10T08:59:00+08:00'
const OPENS = '2026-06-10T09:00:00+08:00'
const DURING = '2026-06-11T10:00:00+08:00'
const CLOSES = '2026-06-12T21:00:00+08:00'
const AFTER = '2026-06-12T21:00:00+08:00'

beforeAll(async () => {
  cloud = await startTestCloud()
  o = orglife(cloud)
  const created = await o.ok(
    SECRETARY,
    'createSession',
    sessionInput('branchAssembly', '学习党的二十届三中全会精神', OPENS, CLOSES),
    '2026-06-01T10:00:00+08:00',
  )
  sessionId = created.session.id
})
afterAll(() => cloud?.close())

const attendanceOf = (openid: string) =>
  o.docs('orglife_attendance', { sessionId, memberId: memberIdOf(openid) })
const statementsOf = (openid: string) =>
  o.docs<{ k: number; text: string }>('orglife_statements', {
    sessionId,
    memberId: memberIdOf(openid),
  })

describe('the session window', () => {
  test('attend and speak are refused before opens-at and stored nowhere', async () => {
    expect(await o.call('demo-member-3', 'attend', { sessionId }, BEFORE)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '会议尚未开始，不能签到',
    })
    expect(
      await o.call('demo-member-3', 'speak', { sessionId, text: '我先说两句' }, BEFORE),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '会议尚未开始，不能发言',
    })
    expect(await attendanceOf('demo-member-3')).toEqual([])
    expect(await statementsOf('demo-member-3')).toEqual([])
    expect(await o.ledgerOf('demo-member-3', 'orglifeAttend')).toEqual([])
  })

  test('attending while open is stored once and counted once in the ledger', async () => {
    expect(await o.ok('demo-member-3', 'attend', { sessionId }, OPENS)).toEqual({
      already: false,
      counted: true,
    })
    expect(await o.ok('demo-member-3', 'attend', { sessionId }, DURING)).toEqual({
      already: true,
      counted: false,
    })
    const [mark] = await attendanceOf('demo-member-3')
    expect(mark).toMatchObject({ attendedAt: new Date(OPENS), leave: null })
    expect(await o.ledgerOf('demo-member-3', 'orglifeAttend')).toEqual([
      expect.objectContaining({ ref: sessionId }),
    ])
    expect((await memberCounter(cloud, 'demo-member-3', '2026-06')).counts.orglifeAttend).toBe(1)
  })

  test('speaking needs attendance first', async () => {
    expect(
      await o.call('demo-member-4', 'speak', { sessionId, text: '同意' }, DURING),
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
      replies.push(await o.ok('demo-member-3', 'speak', { sessionId, text }, DURING))
    expect(replies.map((r) => r.counted)).toEqual([true, true, true, false])
    const stored = await statementsOf('demo-member-3')
    expect(stored.map((s) => [s.k, s.text]).sort()).toEqual(texts.map((t, i) => [i + 1, t]))
    const ledger = await o.ledgerOf('demo-member-3', 'orglifeSpeak')
    expect(ledger.map((e) => e.ref).sort()).toEqual([1, 2, 3].map((k) => `${sessionId}-${k}`))
    const detail = inBranch(await o.ok('demo-member-3', 'sessionDetail', { sessionId }, DURING))
    expect(detail.statements.map((s) => s.text)).toEqual(texts)
    expect(detail.mine).toMatchObject({ mark: 'attended' })
  })

  test('a statement that fails content security is refused and not stored', async () => {
    const reply = await o.call('demo-member-3', 'speak', { sessionId, text: '一起去赌博' }, DURING)
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await statementsOf('demo-member-3')).toHaveLength(4)
  })
})

describe('leave', () => {
  test('a member asks for leave before close and the secretary approves it', async () => {
    expect(
      await o.ok('demo-member-5', 'requestLeave', { sessionId, reason: '出差在外地' }, BEFORE),
    ).toEqual({
      status: 'pending',
    })
    expect(
      await o.ok('demo-member-6', 'requestLeave', { sessionId, reason: '家中有事' }, DURING),
    ).toEqual({
      status: 'pending',
    })
    const detail = inBranch(await o.ok(SECRETARY, 'sessionDetail', { sessionId }, DURING))
    expect(detail.leaves.map((l) => l.reason).sort()).toEqual(['出差在外地', '家中有事'].sort())
    const memberId = memberIdOf('demo-member-5')
    expect(
      await o.ok(SECRETARY, 'decideLeave', { sessionId, memberId, approve: true }, DURING),
    ).toEqual({
      memberId,
      status: 'approved',
    })
    expect((await attendanceOf('demo-member-5'))[0]).toMatchObject({
      leave: { status: 'approved' },
    })
    expect(
      await o.call('demo-member-7', 'decideLeave', { sessionId, memberId, approve: false }, DURING),
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
      expect(await o.call(outsider, action, payload, DURING)).toMatchObject({
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
    const reply = await o.call(
      SECRETARY,
      'closeSession',
      { sessionId, minutes: '会上有人提到赌博' },
      AFTER,
    )
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    const [session] = await o.docs('orglife_sessions', { _id: sessionId })
    expect(session).toMatchObject({ status: 'scheduled', minutes: null })
    expect(await o.docs('orglife_records', { sessionId })).toEqual([])
  })

  test('leave after close is refused; the record splits the active members into attended, leave and absent', async () => {
    expect(
      await o.call('demo-member-8', 'requestLeave', { sessionId, reason: '忘记请假了' }, AFTER),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '会议已结束，不能请假',
    })
    expect(await attendanceOf('demo-member-8')).toEqual([])

    const { record } = await o.ok(
      SECRETARY,
      'closeSession',
      { sessionId, minutes: '应到31人，会议学习了全会精神。' },
      AFTER,
    )
    const active = await o.docs('members', { branchId: 'branch-1', status: 'active' })
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
    const [session] = await o.docs('orglife_sessions', { _id: sessionId })
    expect(session).toMatchObject({ status: 'closed', minutes: '应到31人，会议学习了全会精神。' })
  })

  test('the frozen record is unchanged by later calls, and absentees can read it', async () => {
    const [before] = await o.docs('orglife_records', { sessionId })
    const later = '2026-06-13T09:00:00+08:00'
    const refused = [
      await o.call('demo-member-9', 'attend', { sessionId }, later),
      await o.call('demo-member-3', 'speak', { sessionId, text: '会后补充' }, later),
      await o.call('demo-member-9', 'requestLeave', { sessionId, reason: '补请假' }, later),
      await o.call(
        SECRETARY,
        'decideLeave',
        { sessionId, memberId: memberIdOf('demo-member-6'), approve: true },
        later,
      ),
      await o.call(SECRETARY, 'closeSession', { sessionId, minutes: '改一下纪要' }, later),
    ]
    expect(refused.map((r) => (r.ok ? 'OK' : r.code))).toEqual(Array(5).fill('CONFLICT'))
    dataOf(await o.tick(later))
    const absentee = inBranch(await o.ok('demo-member-9', 'record', { sessionId }, later))
    const [after] = await o.docs('orglife_records', { sessionId })
    expect(after).toEqual(before)
    expect(absentee.record.absent.map((p) => p.memberId)).toContain(memberIdOf('demo-member-9'))
    expect(absentee.record.minutes).toBe('应到31人，会议学习了全会精神。')
    expect(await o.call('demo-member-31', 'record', { sessionId }, later)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
  })
})
