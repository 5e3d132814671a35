// The timer (config.json, every 10 minutes): closes sessions past closes-at and sends the subscription
// messages that are due. Each send is claimed first by a conditional update, so a message goes at most once.
import dayjs from 'dayjs'
import { SESSION_TYPE_LABELS } from '../../../../typings/orglife'
import { getCloud, getDb } from '../../../_shared/cloud'
import { ZONE, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows, updatedCount } from '../../../_shared/db'
import type { MemberDoc } from '../../../_shared/records'
import type { AttendanceDoc, SessionDoc } from '../store'
import { freeze } from './close'

/** Subscription message templates (placeholders until the templates are chosen in the MP console). */
export const TEMPLATES = {
  sessionOpened: 'orglife-session-opened-placeholder',
  closingReminder: 'orglife-closing-reminder-placeholder',
} as const

/** Sessions handled per kind and tick; the next tick takes the rest. */
const BATCH = 50

const sessions = () => getDb().collection(COLLECTIONS.orglifeSessions)
const clip = (text: string, max = 20) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
const timeText = (at: Date) => dayjs(at).tz(ZONE).format('YYYY年MM月DD日 HH:mm')

/** Claims a send by moving `field` from null to `now`; false when another run claimed it. */
const claim = async (id: string, field: 'notifiedOpenAt' | 'remindedAt', now: Date) =>
  (await updatedCount(
    sessions()
      .where({ _id: id, [field]: null })
      .update({ data: { [field]: now } }),
  )) === 1

async function send(
  members: Pick<MemberDoc, 'openid'>[],
  templateId: string,
  session: SessionDoc,
  note: string,
) {
  const data = {
    thing1: { value: clip(session.topic) },
    thing2: { value: SESSION_TYPE_LABELS[session.type] },
    time3: { value: timeText(session.closesAt) },
    thing4: { value: note },
  }
  const results = await Promise.allSettled(
    members.map((m) =>
      getCloud().openapi.subscribeMessage.send({
        touser: m.openid,
        templateId,
        page: `pages/orglife-room/index?id=${session._id}`,
        data,
      }),
    ),
  )
  // A member who has not subscribed fails here; that must not stop the others or the run.
  const failed = results.filter((r) => r.status === 'rejected').length
  if (failed)
    console.warn(`[orglife.tick] ${failed} of ${members.length} messages for ${session._id} failed`)
  return members.length - failed
}

const activeMembers = (branchId: string) =>
  rows<Pick<MemberDoc, '_id' | 'openid'>>(
    getDb()
      .collection(COLLECTIONS.members)
      .where({ branchId, status: 'active' })
      .field({ openid: true })
      .limit(1000),
  )

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
    const members = await activeMembers(session.branchId)
    sent += await send(members, TEMPLATES.sessionOpened, session, '网上组织生活已开始，请及时参加')
  }
  for (const session of toRemind) {
    if (!(await claim(session._id, 'remindedAt', now))) continue
    const [members, marks] = await Promise.all([
      activeMembers(session.branchId),
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
    sent += await send(missing, TEMPLATES.closingReminder, session, '明天截止，您尚未签到或请假')
  }
  return { closed: toClose.length, announced: toAnnounce.length, reminded: toRemind.length, sent }
}
