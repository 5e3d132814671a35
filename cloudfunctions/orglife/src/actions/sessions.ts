// The secretary schedules, reschedules and cancels sessions; members list their branch's sessions.
import type { Materials, OrglifeOutputs } from '../../../../typings/orglife'
import { branchReadBy } from '../../../_shared/branches'
import {
  type Caller,
  activeMember,
  isSecretaryOf,
  ownBranchAsSecretary,
} from '../../../_shared/caller'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, invalid } from '../../../_shared/errors'
import { checkImages } from '../../../_shared/media'
import type { OrgDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import { myStateOf, phaseOf } from '../../../_shared/orglife-rules'
import { attendanceIdFor, remindAtFor, scheduleProblem, sessionIdFor } from '../domain'
import { type AttendanceDoc, type SessionDoc, sessionForSecretary, summaryOf } from '../store'

const sessions = () => getDb().collection(COLLECTIONS.orglifeSessions)

/** What a user wrote in the materials: the text and every link's title. */
const materialTexts = (m?: Materials) => (m ? [m.text, ...m.links.map((l) => l.title)] : [])

export const createSession = defineAction('orglife', 'createSession', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['ownBranch'],
  async run({ caller }, input) {
    const me = ownBranchAsSecretary(caller, '只有支部书记可以发起组织生活')
    const now = nowDate()
    const opensAt = new Date(input.opensAt)
    const closesAt = new Date(input.closesAt)
    const problem = scheduleProblem(opensAt, closesAt, now)
    if (problem) throw invalid(problem)
    await assertTextSafe(caller.openid, 3, input.topic, ...materialTexts(input.materials))
    const media = await checkImages(caller.openid, input.materials.images)
    const session: SessionDoc = {
      _id: sessionIdFor(me.branchId, input.type, opensAt),
      branchId: me.branchId,
      communityId: me.communityId,
      type: input.type,
      topic: input.topic,
      materials: input.materials,
      ...(media ? { media } : {}),
      opensAt,
      closesAt,
      status: 'scheduled',
      minutes: null,
      createdBy: me._id,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      notifiedOpenAt: null,
      remindAt: remindAtFor(opensAt, closesAt),
      remindedAt: null,
    }
    try {
      await sessions().add({ data: session })
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('同一时间已安排了同类组织生活')
      throw err
    }
    return { session: summaryOf(session, now) }
  },
})

export const updateSession = defineAction('orglife', 'updateSession', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, input) {
    const { session, now } = await sessionForSecretary(caller, input.sessionId)
    if (phaseOf(session, now) !== 'upcoming') throw conflict('会议已开始或已结束，不能再修改')
    const opensAt = input.opensAt ? new Date(input.opensAt) : session.opensAt
    const closesAt = input.closesAt ? new Date(input.closesAt) : session.closesAt
    const problem = scheduleProblem(opensAt, closesAt, now)
    if (problem) throw invalid(problem)
    await assertTextSafe(caller.openid, 3, input.topic ?? '', ...materialTexts(input.materials))
    const _ = getDb().command
    const images = input.materials?.images
    // Changed images start a new check, stored whole (not merged) so none of the old results carry over.
    const imagesChanged = !!images && images.join('\n') !== session.materials.images.join('\n')
    const media = imagesChanged ? await checkImages(caller.openid, images) : undefined
    const changes = {
      ...(input.type ? { type: input.type } : {}),
      ...(input.topic ? { topic: input.topic } : {}),
      ...(input.materials ? { materials: input.materials } : {}),
      opensAt,
      closesAt,
      remindAt: remindAtFor(opensAt, closesAt),
      updatedAt: now,
    }
    // Only while it has not opened: a member may be attending the moment it opens. And only over the images
    // read above, so an overlapping edit cannot leave one edit's images under the other's check.
    const updated = await updatedCount(
      sessions()
        .where({
          _id: session._id,
          status: 'scheduled',
          opensAt: _.gt(now),
          'materials.images': _.eq(session.materials.images),
        })
        .update({
          data: imagesChanged ? { ...changes, media: media ? _.set(media) : _.remove() } : changes,
        }),
    )
    if (!updated) {
      const latest = await findById<SessionDoc>(COLLECTIONS.orglifeSessions, session._id)
      if (latest && phaseOf(latest, now) === 'upcoming')
        throw conflict('会议内容已被修改，请刷新后再试')
      throw conflict('会议已开始或已结束，不能再修改')
    }
    return { session: summaryOf({ ...session, ...changes }, now) }
  },
})

export const cancelSession = defineAction('orglife', 'cancelSession', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, input) {
    const { session, now } = await sessionForSecretary(caller, input.sessionId)
    const phase = phaseOf(session, now)
    if (phase === 'cancelled') return { session: summaryOf(session, now) }
    if (phase !== 'upcoming') throw conflict('会议已开始，不能取消；可以提前结束')
    const _ = getDb().command
    const updated = await updatedCount(
      sessions()
        .where({ _id: session._id, status: 'scheduled', opensAt: _.gt(now) })
        .update({ data: { status: 'cancelled', updatedAt: now } }),
    )
    if (!updated) throw conflict('会议已开始，不能取消；可以提前结束')
    return { session: summaryOf({ ...session, status: 'cancelled' }, now) }
  },
})

/** How many closed sessions the list shows; older records stay readable from where they are linked. */
const CLOSED_SHOWN = 30

/** The caller's own branch: its id, or INVALID_ARGUMENT when they have none. */
function ownBranchId(caller: Caller): string {
  const me = activeMember(caller)
  if (!me.branchId) throw invalid('您还没有加入支部')
  return me.branchId
}

export const listSessions = defineAction('orglife', 'listSessions', {
  audience: 'member',
  // The caller's own branch, or one named that they belong to or oversee; others answer as missing.
  scope: ['readers'],
  async run({ caller }, input) {
    const named = input.branchId ? await branchReadBy(caller, input.branchId) : null
    const branchId = named?._id ?? ownBranchId(caller)
    const now = nowDate()
    const [branch, docs] = await Promise.all([
      named ?? findById<OrgDoc>(COLLECTIONS.orgs, branchId),
      rows<SessionDoc>(
        sessions()
          .where({ branchId })
          .orderBy('opensAt', 'desc')
          .limit(200)
          .field({ materials: false }),
      ),
    ])
    const summaries = docs.map((doc) => summaryOf(doc, now))
    const listed = [
      ...summaries.filter((x) => x.phase === 'open' || x.phase === 'upcoming'),
      ...summaries.filter((x) => x.phase === 'closed').slice(0, CLOSED_SHOWN),
    ]
    // The caller's own marks, when the branch is theirs: no one else's attendance is read.
    const own =
      caller.member?.status === 'active' && caller.member.branchId === branchId
        ? caller.member
        : null
    const marks =
      own && listed.length
        ? await rows<Pick<AttendanceDoc, 'sessionId' | 'attendedAt' | 'leave'>>(
            getDb()
              .collection(COLLECTIONS.orglifeAttendance)
              .where({
                _id: getDb().command.in(listed.map((x) => attendanceIdFor(x.id, own._id))),
              })
              .field({ sessionId: true, attendedAt: true, leave: true })
              .limit(listed.length),
          )
        : []
    const markOf = new Map(marks.map((m) => [m.sessionId, m]))
    const out: OrglifeOutputs['listSessions'] = {
      branchName: branch?.name ?? '',
      isSecretary: isSecretaryOf(caller, branchId),
      open: [],
      upcoming: [],
      closed: [],
    }
    for (const x of listed) {
      const summary = { ...x, mine: own ? myStateOf(x.phase, markOf.get(x.id) ?? null) : null }
      if (summary.phase === 'open') out.open.push(summary)
      else if (summary.phase === 'upcoming')
        out.upcoming.unshift(summary) // soonest first
      else out.closed.push(summary)
    }
    return out
  },
})
