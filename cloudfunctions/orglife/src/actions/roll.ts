// The secretary's roll call in an open session: who has not signed in, and 提醒未签到 — one subscription
// message per member and session, claimed by inserting a marker with a natural id before it is sent.
import { SESSION_TYPE_LABELS } from '../../../../typings/orglife'
import { activeMembersOf } from '../../../_shared/branches'
import { getDb } from '../../../_shared/cloud'
import { COLLECTIONS } from '../../../_shared/collections'
import { addIfAbsent, mapLimit, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict } from '../../../_shared/errors'
import { notify, noticeTime } from '../../../_shared/notify'
import { phaseOf } from '../../../_shared/orglife-rules'
import { reminderIdFor, rollCall, toRemind } from '../domain'
import {
  type AttendanceDoc,
  type ReminderDoc,
  type SessionDoc,
  sessionForSecretary,
} from '../store'

/** What a roll call reads besides the marks: the branch's active members and who was reminded. */
export const readRollBasis = (session: SessionDoc) =>
  Promise.all([
    activeMembersOf(session.branchId, ['name', 'openid']),
    rows<Pick<ReminderDoc, 'memberId'>>(
      getDb()
        .collection(COLLECTIONS.orglifeReminders)
        .where({ sessionId: session._id })
        .field({ memberId: true })
        .limit(1000),
    ),
  ])

/** The roll call from what was read, and the openids of the branch's members. */
export function rollFrom(
  [members, reminders]: Awaited<ReturnType<typeof readRollBasis>>,
  marks: AttendanceDoc[],
) {
  return {
    roll: rollCall(members, marks, new Set(reminders.map((r) => r.memberId))),
    openidOf: new Map(members.map((m) => [m._id, m.openid])),
  }
}

export const remindNotSignedIn = defineAction('orglife', 'remindNotSignedIn', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, input) {
    const { me, session, now } = await sessionForSecretary(caller, input.sessionId)
    if (phaseOf(session, now) !== 'open') throw conflict('会议不在进行中，不能提醒签到')
    const [marks, basis] = await Promise.all([
      rows<AttendanceDoc>(
        getDb()
          .collection(COLLECTIONS.orglifeAttendance)
          .where({ sessionId: session._id })
          .limit(1000),
      ),
      readRollBasis(session),
    ])
    const { roll, openidOf } = rollFrom(basis, marks)
    const values = {
      topic: session.topic,
      type: SESSION_TYPE_LABELS[session.type],
      closes: noticeTime(session.closesAt),
      tip: '支部书记提醒您签到参加',
    }
    // Per member: null when another press claimed them, else whether WeChat took the message (it refuses
    // members who have not turned on notifications; the reminder still counts as given).
    const sent = await mapLimit(toRemind(roll), 10, async (person) => {
      const marker: ReminderDoc = {
        _id: reminderIdFor(session._id, person.memberId),
        sessionId: session._id,
        memberId: person.memberId,
        at: now,
        by: me._id,
      }
      // The insert is the claim: of two presses at once, only one reaches each member.
      if (!(await addIfAbsent(COLLECTIONS.orglifeReminders, marker))) return null
      const openid = openidOf.get(person.memberId)
      return (
        !!openid &&
        notify('closingReminder', openid, `orglife/room/index?id=${session._id}`, values)
      )
    })
    const reminded = sent.filter((s) => s !== null).length
    return {
      reminded,
      delivered: sent.filter((s) => s === true).length,
      skipped: roll.notSignedIn.length - reminded,
    }
  },
})
