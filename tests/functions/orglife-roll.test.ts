// In a running session the secretary sees who has not signed in and reminds them once each; after the record
// froze, minutes are added as addenda that never change the original.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import type { SessionType } from '../../typings/orglife'
import { dataOf, useTestCloud } from '../support/cloud'
import { sessionInput } from '../support/fixtures'

const cloud = useTestCloud()
const as = (openid: string, now: string) => cloud.as(openid, { now })

// branch-2: demo-secretary-2 and three members.
const SECRETARY = 'demo-secretary-2'
const [ATTENDS, ON_LEAVE, SILENT] = ['demo-member-31', 'demo-member-32', 'demo-member-33']
const OPENS = '2026-09-10T09:00:00+08:00'
const DURING = '2026-09-10T10:00:00+08:00'
const CLOSES = '2026-09-10T21:00:00+08:00'
const AFTER = '2026-09-11T09:00:00+08:00'

const created = (type: SessionType, topic: string, opens = OPENS, closes = CLOSES) =>
  as(SECRETARY, '2026-09-01T10:00:00+08:00')
    .orglife.createSession(sessionInput(type, topic, opens, closes))
    .then((r) => dataOf(r).session.id)

/** closingReminder messages that point at this session, by recipient. */
async function remindersFor(sessionId: string) {
  const sent = await cloud.outbox()
  return sent
    .filter(
      (m) => m.template_id === SUBSCRIBE_TEMPLATES.closingReminder.id && m.page.includes(sessionId),
    )
    .map((m) => m.touser)
    .sort()
}

describe('who has not signed in', () => {
  let sessionId: string
  beforeAll(async () => {
    sessionId = await created('themeDay', '学习新修订的《中国共产党纪律处分条例》')
    dataOf(await as(ATTENDS, DURING).orglife.attend({ sessionId }))
    dataOf(await as(ON_LEAVE, DURING).orglife.requestLeave({ sessionId, reason: '出差在外地' }))
    dataOf(
      await as(SECRETARY, DURING).orglife.decideLeave({
        sessionId,
        memberId: memberIdOf(ON_LEAVE),
        approve: true,
      }),
    )
  })

  test('the secretary sees the active members minus sign-ins, approved leave apart; members see none', async () => {
    const { roll } = dataOf(await as(SECRETARY, DURING).orglife.sessionDetail({ sessionId }))
    expect(roll?.notSignedIn.map((p) => p.memberId).sort()).toEqual(
      [memberIdOf(SECRETARY), memberIdOf(SILENT)].sort(),
    )
    expect(roll?.notSignedIn.every((p) => p.leave === null && !p.reminded)).toBe(true)
    expect(roll?.onLeave.map((p) => p.memberId)).toEqual([memberIdOf(ON_LEAVE)])
    expect(dataOf(await as(ATTENDS, DURING).orglife.sessionDetail({ sessionId })).roll).toBeNull()
  })

  test('提醒未签到 pressed twice at once reaches each member not signed in exactly once', async () => {
    const replies = await Promise.all(
      [1, 2].map(() => as(SECRETARY, DURING).orglife.remindNotSignedIn({ sessionId })),
    )
    expect(replies.map((r) => dataOf(r).reminded).sort()).toEqual([0, 2])
    expect(replies.map((r) => dataOf(r).delivered).sort()).toEqual([0, 2])
    expect(await remindersFor(sessionId)).toEqual([SECRETARY, SILENT].sort())

    expect(dataOf(await as(SECRETARY, DURING).orglife.remindNotSignedIn({ sessionId }))).toEqual({
      reminded: 0,
      delivered: 0,
      skipped: 2,
    })
    expect(await remindersFor(sessionId)).toHaveLength(2)
    const { roll } = dataOf(await as(SECRETARY, DURING).orglife.sessionDetail({ sessionId }))
    expect(roll?.notSignedIn.map((p) => p.reminded)).toEqual([true, true])
  })

  test('提醒未签到 tells apart the members WeChat refused (notifications not turned on); they count as reminded', async () => {
    const other = await created('lifeMeeting', '专题组织生活会')
    cloud.app.openapi.unsubscribed.add(SILENT)
    try {
      const reply = dataOf(
        await as(SECRETARY, DURING).orglife.remindNotSignedIn({ sessionId: other }),
      )
      // ATTENDS and ON_LEAVE have not signed in to this one either.
      expect(reply).toEqual({ reminded: 4, delivered: 3, skipped: 0 })
      expect(await remindersFor(other)).toEqual([SECRETARY, ATTENDS, ON_LEAVE].sort())
      expect(
        dataOf(await as(SECRETARY, DURING).orglife.remindNotSignedIn({ sessionId: other })),
      ).toEqual({ reminded: 0, delivered: 0, skipped: 4 })
    } finally {
      cloud.app.openapi.unsubscribed.delete(SILENT)
    }
  })

  test('a member may not remind, nor anyone before the session opens; nothing is sent', async () => {
    expect(await as(ATTENDS, DURING).orglife.remindNotSignedIn({ sessionId })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    const later = await created(
      'lifeMeeting',
      '组织生活会',
      '2026-09-20T09:00:00+08:00',
      '2026-09-20T21:00:00+08:00',
    )
    expect(
      await as(SECRETARY, DURING).orglife.remindNotSignedIn({ sessionId: later }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await remindersFor(later)).toEqual([])
    expect(await cloud.docs('orglife_reminders', { sessionId: later })).toEqual([])
  })
})

describe('addenda to a frozen record', () => {
  let sessionId: string
  beforeAll(async () => {
    sessionId = await created('partyLecture', '重温入党誓词')
    dataOf(
      await as(SECRETARY, DURING).orglife.closeSession({ sessionId, minutes: '会议学习了誓词。' }),
    )
  })
  const add = (openid: string, draftId: string, text: string) =>
    as(openid, AFTER).orglife.addAddendum({ sessionId, draftId, text })

  test('an addendum is appended with its date and author; the original minutes stay as written', async () => {
    const frozen = await cloud.doc('orglife_records', `record_${sessionId}`)
    const twice = await Promise.all(
      [1, 2].map(() => add(SECRETARY, 'addendum-0001', '补充：会后收集了 3 条建议。')),
    )
    expect(twice.every((r) => r.ok)).toBe(true)
    const { record } = dataOf(await add(SECRETARY, 'addendum-0002', '更正：出席人数以签到为准。'))

    expect(record.minutes).toBe('会议学习了誓词。')
    expect(record.addenda.map((a) => [a.id, a.text])).toEqual([
      ['addendum-0001', '补充：会后收集了 3 条建议。'],
      ['addendum-0002', '更正：出席人数以签到为准。'],
    ])
    expect(record.addenda[0]).toMatchObject({ at: new Date(AFTER).toISOString() })
    expect(record.addenda[0].by).toBeTruthy()
    expect(await cloud.doc('orglife_records', `record_${sessionId}`)).toEqual(frozen)
    expect(await cloud.doc('orglife_sessions', sessionId)).toMatchObject({
      minutes: '会议学习了誓词。',
    })
    // Members read them under the record.
    const read = dataOf(await as(ATTENDS, AFTER).orglife.record({ sessionId }))
    expect(read.record.addenda).toHaveLength(2)
  })

  test('a member, a blocked word or a session still open change nothing', async () => {
    expect(await add(ATTENDS, 'addendum-0003', '我也补充一句')).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(await add(SECRETARY, 'addendum-0004', '会上有人谈到赌博')).toMatchObject({
      ok: false,
      code: 'CONTENT_REJECTED',
    })
    const open = await created('groupMeeting', '党小组学习')
    expect(
      await as(SECRETARY, DURING).orglife.addAddendum({
        sessionId: open,
        draftId: 'addendum-0005',
        text: '提前补充',
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' })
    const read = dataOf(await as(SECRETARY, AFTER).orglife.record({ sessionId }))
    expect(read.record.addenda.map((a) => a.id)).toEqual(['addendum-0001', 'addendum-0002'])
  })
})
