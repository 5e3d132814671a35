// Closing a session freezes its record: written once under a deterministic id by whoever gets there first
// (the secretary, the timer, or the first reader after closes-at); later calls read it and never change it.
import type { SessionRecord } from '../../../../typings/orglife'
import { activeMembersOf } from '../../../_shared/branches'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict } from '../../../_shared/errors'
import { assertTextSafe } from '../../../_shared/security'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import { phaseOf } from '../../../_shared/orglife-rules'
import { recordIdFor, tallyAttendance } from '../domain'
import {
  type AddendumDoc,
  type AttendanceDoc,
  type RecordDoc,
  type SessionAccess,
  type SessionDoc,
  type StatementDoc,
  materialsView,
  sessionFor,
  sessionForSecretary,
  statementOf,
} from '../store'

/** A record holds at most this many statements (one read); sessions are far smaller in practice. */
const MAX_STATEMENTS = 1000

/** The session's frozen record, writing it now if nobody has. Call only once the session may close. */
export async function freeze(
  session: SessionDoc,
  closedBy: RecordDoc['closedBy'],
  now: Date,
): Promise<RecordDoc> {
  const id = recordIdFor(session._id)
  const existing = await findById<RecordDoc>(COLLECTIONS.orglifeRecords, id)
  if (existing) return existing
  const db = getDb()
  const [branch, said, marks, members] = await Promise.all([
    findById<OrgDoc>(COLLECTIONS.orgs, session.branchId),
    rows<StatementDoc>(
      db
        .collection(COLLECTIONS.orglifeStatements)
        .where({ sessionId: session._id })
        .orderBy('createdAt', 'asc')
        .limit(MAX_STATEMENTS),
    ),
    rows<AttendanceDoc>(
      db.collection(COLLECTIONS.orglifeAttendance).where({ sessionId: session._id }).limit(1000),
    ),
    activeMembersOf(session.branchId, ['name']),
  ])
  const tally = tallyAttendance(members, marks)
  const person = (m: Pick<MemberDoc, '_id' | 'name'>) => ({ memberId: m._id, name: m.name })
  const record: RecordDoc = {
    _id: id,
    sessionId: session._id,
    branchId: session.branchId,
    branchName: branch?.name ?? '',
    type: session.type,
    topic: session.topic,
    materials: session.materials,
    opensAt: session.opensAt,
    closesAt: session.closesAt,
    // An early close by the secretary ends it now; otherwise it ended at its closes-at.
    closedAt: now < session.closesAt ? now : session.closesAt,
    closedBy,
    statements: said.map(statementOf),
    attended: tally.attended.map(person),
    onLeave: tally.onLeave.map(({ member, mark }) => ({
      ...person(member),
      reason: mark.leave?.reason ?? '',
    })),
    absent: tally.absent.map(person),
  }
  try {
    await db.collection(COLLECTIONS.orglifeRecords).add({ data: record })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    return (await findById<RecordDoc>(COLLECTIONS.orglifeRecords, id)) ?? record
  }
  await db
    .collection(COLLECTIONS.orglifeSessions)
    .where({ _id: session._id, status: 'scheduled' })
    .update({ data: { status: 'closed', closedAt: record.closedAt, updatedAt: now } })
  return record
}

/** The record as a viewer sees it; its images follow the session's image check (see materialsView). */
export function recordView(
  record: RecordDoc,
  session: Pick<SessionDoc, 'media' | 'addenda'> & { minutes: string | null },
  viewer: Pick<SessionAccess, 'isSecretary' | 'isReviewer' | 'me'>,
): SessionRecord {
  return {
    id: record.sessionId,
    type: record.type,
    topic: record.topic,
    opensAt: record.opensAt.toISOString(),
    closesAt: record.closesAt.toISOString(),
    phase: 'closed',
    branchName: record.branchName,
    ...materialsView(record.materials, session.media, viewer),
    closedAt: record.closedAt.toISOString(),
    closedBy: record.closedBy,
    minutes: session.minutes ?? '',
    addenda: (session.addenda ?? []).map((a) => ({
      id: a.id,
      text: a.text,
      at: new Date(a.at).toISOString(),
      by: a.by,
    })),
    statements: record.statements,
    attended: record.attended,
    // A leave's reason is personal: the secretary who decided it and the member see it; others see the name.
    onLeave: record.onLeave.map((leave) =>
      viewer.isSecretary || leave.memberId === viewer.me._id
        ? leave
        : { memberId: leave.memberId, name: leave.name },
    ),
    absent: record.absent,
    counts: {
      attended: record.attended.length,
      onLeave: record.onLeave.length,
      absent: record.absent.length,
      total: record.attended.length + record.onLeave.length + record.absent.length,
    },
  }
}

export const closeSession = defineAction('orglife', 'closeSession', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, input) {
    const access = await sessionForSecretary(caller, input.sessionId)
    const { session, now } = access
    const phase = phaseOf(session, now)
    if (phase === 'cancelled') throw conflict('会议已取消')
    if (phase === 'upcoming') throw conflict('会议尚未开始，不能结束；如不再举行请取消')
    // Checked before freezing: refused minutes leave the session as it was.
    await assertTextSafe(caller.openid, 3, input.minutes ?? '')
    const record = await freeze(session, 'secretary', now)
    let minutes = session.minutes
    if (input.minutes) {
      // Minutes are written once: at close, or afterwards when the session closed by itself.
      const written = await updatedCount(
        getDb()
          .collection(COLLECTIONS.orglifeSessions)
          .where({ _id: session._id, minutes: null })
          .update({ data: { minutes: input.minutes, updatedAt: now } }),
      )
      if (!written) throw conflict('会议纪要已填写，不能修改')
      minutes = input.minutes
    }
    return { record: recordView(record, { ...session, minutes }, access) }
  },
})

export const record = defineAction('orglife', 'record', {
  audience: 'member',
  scope: ['readers'],
  async run({ caller }, input) {
    const access = await sessionFor(caller, input.sessionId, { toRead: true })
    const { session, now } = access
    const phase = phaseOf(session, now)
    if (phase !== 'closed')
      throw conflict(phase === 'cancelled' ? '会议已取消' : '会议尚未结束，还没有记录')
    return {
      inBranch: access.inBranch,
      isSecretary: access.isSecretary,
      record: recordView(await freeze(session, 'auto', now), session, access),
    }
  },
})

export const addAddendum = defineAction('orglife', 'addAddendum', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, input) {
    const access = await sessionForSecretary(caller, input.sessionId)
    const { me, session, now } = access
    if (phaseOf(session, now) !== 'closed') throw conflict('会议结束、记录封存后才能补充纪要')
    await assertTextSafe(caller.openid, 3, input.text)
    const record = await freeze(session, 'auto', now)
    const addendum: AddendumDoc = {
      id: input.draftId,
      text: input.text,
      at: now,
      by: me.name,
      memberId: me._id,
    }
    const _ = getDb().command
    // Appended, never replacing: the original minutes and earlier addenda stay as written. A retried send
    // (the same draft id) appends nothing more.
    await getDb()
      .collection(COLLECTIONS.orglifeSessions)
      .where({ _id: session._id, 'addenda.id': _.neq(input.draftId) })
      .update({ data: { addenda: _.push([addendum]), updatedAt: now } })
    const latest = (await findById<SessionDoc>(COLLECTIONS.orglifeSessions, session._id)) ?? session
    return { record: recordView(record, latest, access) }
  },
})
