// The timer (config.json, every 10 minutes): closes sessions past closes-at and sends the subscription
// messages that are due. Each send is claimed first by a conditional update, so a message goes at most once.
import { SESSION_TYPE_LABELS } from '../../../../typings/orglife'
import { activeMembersOf } from '../../../_shared/branches'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows, updatedCount } from '../../../_shared/db'
import { noticeTime, sendNotice } from '../../../_shared/notify'
import type { MemberDoc } from '../../../_shared/records'
import type { AttendanceDoc, SessionDoc } from '../store'
import { freeze } from './close'

/** Sessions handled per kind and tick; the next tick takes the rest. */
const BATCH = 50

const sessions = () => getDb().collection(COLLECTIONS.orglifeSessions)

/** Claims a send by moving `field` from null to `now`; false when another run claimed it. */
const claim = async (id: string, field: 'notifiedOpenAt' | 'remindedAt', now: Date) =>
  (await updatedCount(
    sessions()
      .where({ _id: id, [field]: null })
      .update({ data: { [field]: now } }),
  )) === 1

async function send(
  members: Pick<MemberDoc, 'openid'>[],
  key: 'sessionOpened' | 'closingReminder',
  session: SessionDoc,
  tip: string,
) {
  const values = {
    topic: session.topic,
    type: SESSION_TYPE_LABELS[session.type],
    closes: noticeTime(session.closesAt),
    tip,
  }
  const page = `orglife/room/index?id=${session._id}`
  const results = await Promise.allSettled(
    members.map((m) => sendNotice(key, m.openid, page, values)),
  )
  // A member who has not subscribed fails here; that must not stop the others or the run (one log line).
  const failed = results.filter((r) => r.status === 'rejected').length
  if (failed)
    console.warn(`[orglife.tick] ${failed} of ${members.length} messages for ${session._id} failed`)
  return members.length - failed
}

export async function tick() {
  const now = nowDate()
  const _ = getDb().command
  const [toClose, toAnnounce, toRemind] = await Promise.all([
    rows<SessionDoc>(
      sessions()
        .where({ status: 'scheduled', closesAt: _.lte(now) })
        .limit(BATCH),
    ),
    rows<SessionDoc>(
      sessions()
        .where({
          status: 'scheduled',
          opensAt: _.lte(now),
          closesAt: _.gt(now),
          notifiedOpenAt: null,
        })
        .limit(BATCH),
    ),
    rows<SessionDoc>(
      sessions()
        .where({ status: 'scheduled', remindAt: _.lte(now), closesAt: _.gt(now), remindedAt: null })
        .limit(BATCH),
    ),
  ])
  let sent = 0
  for (const session of toClose) await freeze(session, 'auto', now)
  for (const session of toAnnounce) {
    if (!(await claim(session._id, 'notifiedOpenAt', now))) continue
    const members = await activeMembersOf(session.branchId, ['openid'])
    sent += await send(members, 'sessionOpened', session, '网上组织生活已开始，请及时参加')
  }
  for (const session of toRemind) {
    if (!(await claim(session._id, 'remindedAt', now))) continue
    const [members, marks] = await Promise.all([
      activeMembersOf(session.branchId, ['openid']),
      rows<Pick<AttendanceDoc, 'memberId'>>(
        getDb()
          .collection(COLLECTIONS.orglifeAttendance)
          .where({ sessionId: session._id })
          .field({ memberId: true })
          .limit(1000),
      ),
    ])
    const marked = new Set(marks.map((m) => m.memberId))
    const missing = members.filter((m) => !marked.has(m._id))
    sent += await send(missing, 'closingReminder', session, '明天截止，您尚未签到或请假')
  }
  return { closed: toClose.length, announced: toAnnounce.length, reminded: toRemind.length, sent }
}
