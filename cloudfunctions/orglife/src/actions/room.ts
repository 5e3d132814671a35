// Inside a session: what members see, attending, speaking, asking for leave and the secretary's decisions.
import type { MyAttendance } from '../../../../typings/orglife'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { COLLECTIONS } from '../../../_shared/collections'
import { count, findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, notFound } from '../../../_shared/errors'
import { recordParticipation } from '../../../_shared/ledger'
import { notify, noticeTime } from '../../../_shared/notify'
import { phaseOf } from '../../../_shared/orglife-rules'
import type { MemberDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import { readRollBasis, rollFrom } from './roll'
import { attendanceIdFor, leaveRefusal, openRefusal, speakCounts, statementIdFor } from '../domain'
import {
  type AttendanceDoc,
  type StatementDoc,
  sessionFor,
  sessionForSecretary,
  statementOf,
  withMaterials,
} from '../store'

const attendance = () => getDb().collection(COLLECTIONS.orglifeAttendance)
const statements = () => getDb().collection(COLLECTIONS.orglifeStatements)
const STATEMENTS_SHOWN = 200

const myAttendance = (doc: AttendanceDoc | null): MyAttendance =>
  doc?.attendedAt
    ? { mark: 'attended', at: doc.attendedAt.toISOString() }
    : doc?.leave
      ? { mark: 'leave', status: doc.leave.status, reason: doc.leave.reason }
      : { mark: 'none' }

export const sessionDetail = defineAction('orglife', 'sessionDetail', {
  audience: 'member',
  scope: ['readers'],
  async run({ caller }, input) {
    const access = await sessionFor(caller, input.sessionId, { toRead: true })
    const { me, session, isSecretary, inBranch } = access
    // The secretary's roll call while it is open, read beside the rest.
    const wantsRoll = isSecretary && phaseOf(session, access.now) === 'open'
    const [latest, marks, basis] = await Promise.all([
      rows<StatementDoc>(
        statements()
          .where({ sessionId: session._id })
          .orderBy('createdAt', 'desc')
          .limit(STATEMENTS_SHOWN),
      ),
      rows<AttendanceDoc>(attendance().where({ sessionId: session._id }).limit(1000)),
      wantsRoll ? readRollBasis(session) : null,
    ])
    const mine = marks.find((m) => m.memberId === me._id) ?? null
    return {
      inBranch,
      session: { ...withMaterials(access), minutes: session.minutes ?? '' },
      isSecretary,
      statements: latest.reverse().map(statementOf),
      mine: myAttendance(mine),
      attendedCount: marks.filter((m) => m.attendedAt).length,
      leaves: isSecretary
        ? marks
            .filter((m) => m.leave && !m.attendedAt)
            .map((m) => ({
              memberId: m.memberId,
              name: m.name,
              reason: m.leave!.reason,
              status: m.leave!.status,
              requestedAt: m.leave!.requestedAt.toISOString(),
            }))
        : [],
      roll: basis ? rollFrom(basis, marks).roll : null,
    }
  },
})

export const attend = defineAction('orglife', 'attend', {
  audience: 'member',
  scope: ['branch'],
  async run({ caller }, input) {
    const { me, session, now } = await sessionFor(caller, input.sessionId)
    const refusal = openRefusal(phaseOf(session, now))
    if (refusal) throw conflict(`${refusal}，不能签到`)
    const id = attendanceIdFor(session._id, me._id)
    const doc: AttendanceDoc = {
      _id: id,
      sessionId: session._id,
      branchId: session.branchId,
      memberId: me._id,
      name: me.name,
      attendedAt: now,
      leave: null,
    }
    let marked = true
    try {
      await attendance().add({ data: doc })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      // Someone who asked for leave and came after all is present; attending twice changes nothing.
      marked =
        (await updatedCount(
          attendance()
            .where({ _id: id, attendedAt: null })
            .update({ data: { attendedAt: now } }),
        )) === 1
    }
    if (!marked) return { already: true, counted: false }
    const { counted } = await recordParticipation({
      member: me,
      rule: 'orglifeAttend',
      ref: session._id,
    })
    return { already: false, counted }
  },
})

/** Retries for the k-th statement id when the same member's statements race. */
const MAX_SPEAK_TRIES = 5

export const speak = defineAction('orglife', 'speak', {
  audience: 'member',
  scope: ['branch'],
  async run({ caller }, input) {
    const { me, session, now } = await sessionFor(caller, input.sessionId)
    const refusal = openRefusal(phaseOf(session, now))
    if (refusal) throw conflict(`${refusal}，不能发言`)
    const [mark, spoken] = await Promise.all([
      findById<AttendanceDoc>(COLLECTIONS.orglifeAttendance, attendanceIdFor(session._id, me._id)),
      count(statements().where({ sessionId: session._id, memberId: me._id })),
    ])
    if (!mark?.attendedAt) throw conflict('请先签到，再发言')
    await assertTextSafe(caller.openid, 3, input.text)
    let k = spoken + 1
    for (let tries = 0; ; tries++, k++) {
      const doc: StatementDoc = {
        _id: statementIdFor(session._id, me._id, k),
        sessionId: session._id,
        branchId: session.branchId,
        memberId: me._id,
        name: me.name,
        text: input.text,
        k,
        createdAt: now,
      }
      try {
        await statements().add({ data: doc })
      } catch (err) {
        if (isDuplicateKey(err) && tries < MAX_SPEAK_TRIES) continue
        throw err
      }
      // Beyond the per-session cap the statement is kept in the record but not counted.
      const counted = speakCounts(k)
        ? (
            await recordParticipation({
              member: me,
              rule: 'orglifeSpeak',
              ref: `${session._id}-${k}`,
            })
          ).counted
        : false
      return { statement: statementOf(doc), counted }
    }
  },
})

export const requestLeave = defineAction('orglife', 'requestLeave', {
  audience: 'member',
  scope: ['branch'],
  async run({ caller }, input) {
    const { me, session, now } = await sessionFor(caller, input.sessionId)
    const refusal = leaveRefusal(phaseOf(session, now))
    if (refusal) throw conflict(`${refusal}，不能请假`)
    await assertTextSafe(caller.openid, 3, input.reason)
    const id = attendanceIdFor(session._id, me._id)
    const leave = {
      reason: input.reason,
      status: 'pending' as const,
      requestedAt: now,
      decidedAt: null,
      decidedBy: null,
    }
    try {
      await attendance().add({
        data: {
          _id: id,
          sessionId: session._id,
          branchId: session.branchId,
          memberId: me._id,
          name: me.name,
          attendedAt: null,
          leave,
        } satisfies AttendanceDoc,
      })
      return { status: 'pending' }
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
    }
    // A refused or pending request may be asked again with a new reason; an approved one stands.
    const _ = getDb().command
    const updated = await updatedCount(
      attendance()
        .where(
          _.and([
            { _id: id, attendedAt: null },
            _.or([{ leave: null }, { 'leave.status': _.in(['pending', 'refused']) }]),
          ]),
        )
        .update({ data: { leave: _.set(leave) } }),
    )
    if (updated) return { status: 'pending' }
    const existing = await findById<AttendanceDoc>(COLLECTIONS.orglifeAttendance, id)
    if (existing?.attendedAt) throw conflict('您已签到参加，无需请假')
    throw conflict('您的请假已获批准')
  },
})

export const decideLeave = defineAction('orglife', 'decideLeave', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, input) {
    const { me, session, now } = await sessionForSecretary(caller, input.sessionId)
    const refusal = leaveRefusal(phaseOf(session, now))
    if (refusal) throw conflict(`${refusal}，不能再审批请假`)
    const status = input.approve ? 'approved' : 'refused'
    const id = attendanceIdFor(session._id, input.memberId)
    const updated = await updatedCount(
      attendance()
        .where({ _id: id, attendedAt: null, 'leave.status': 'pending' })
        .update({
          data: { leave: { status, decidedAt: now, decidedBy: me._id } },
        }),
    )
    if (updated) {
      const member = await findById<MemberDoc>(COLLECTIONS.members, input.memberId)
      if (member)
        await notify('leaveDecided', member.openid, `orglife/room/index?id=${session._id}`, {
          topic: session.topic,
          result: input.approve ? '准假' : '不准假',
          at: noticeTime(now),
        })
      return { memberId: input.memberId, status }
    }
    const existing = await findById<AttendanceDoc>(COLLECTIONS.orglifeAttendance, id)
    if (!existing?.leave) throw notFound('该请假申请')
    throw conflict(existing.attendedAt ? '该党员已签到参加' : '该请假申请已审批')
  },
})
