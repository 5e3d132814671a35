// 社区报到: a member reports to the community where they live, sees their record; who is overdue.
import type dayjs from 'dayjs'
import { activeMembersOf } from '../../../_shared/branches'
import { activeMember, isCommunityAdminOf, ownBranchAsSecretary } from '../../../_shared/caller'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict } from '../../../_shared/errors'
import { assertTextSafe } from '../../../_shared/security'
import {
  dueSoonUntil,
  editsReport,
  needsReport,
  reportDueAt,
  reportEnds,
  reportState,
} from '../domain'
import {
  HELD,
  type HeldSignup,
  type ReportDoc,
  dropSignup,
  findCommunity,
  toReportView,
} from '../store'

export const report = defineAction('community', 'report', {
  // Members report to the community where they live, whichever it is.
  audience: 'member',
  scope: ['public'],
  async run({ caller }, input) {
    const member = activeMember(caller)
    const [community, current] = await Promise.all([
      findCommunity(input.communityId),
      findById<ReportDoc>(COLLECTIONS.communityReports, member._id),
      assertTextSafe(caller.openid, 1, input.area, input.skills),
    ])
    // Moving home ends the report to the old community: asked first, as it withdraws sign-ups there.
    const movedFrom =
      current && current.communityId !== community._id
        ? { communityId: current.communityId, communityName: current.communityName }
        : null
    if (movedFrom && !input.move)
      throw conflict(
        `您已在${movedFrom.communityName}报到。改到${community.name}报到将结束原社区的报到，并取消您在原社区尚未开始的服务报名`,
      )
    const at = now()
    // An edit keeps the report's half-year.
    const edited = editsReport(current, community._id, at) ? current : null
    const fields = {
      name: member.name,
      branchId: member.branchId,
      memberCommunityId: member.communityId,
      communityId: community._id,
      communityName: community.name,
      area: input.area,
      skills: input.skills,
      willingness: input.willingness,
      reportedAt: edited?.reportedAt ?? at.toDate(),
      dueAt: edited?.dueAt ?? reportDueAt(at),
    }
    const entry = {
      reportedAt: fields.reportedAt,
      communityId: community._id,
      communityName: community.name,
      area: input.area,
    }
    const db = getDb()
    const reports = db.collection(COLLECTIONS.communityReports)
    // Reporting again renews the half-year and keeps the earlier report in the history; an edit does neither.
    const renew = () =>
      updatedCount(
        reports
          .where({ _id: member._id })
          .update({ data: edited ? fields : { ...fields, history: db.command.push([entry]) } }),
      )
    if (!(await renew())) {
      const doc: ReportDoc = { _id: member._id, memberId: member._id, ...fields, history: [entry] }
      try {
        await reports.add({ data: doc })
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
        await renew()
      }
    }
    return {
      report: toReportView({ _id: member._id, memberId: member._id, ...fields, history: [] }, at),
      movedFrom,
      withdrawn: await withdrawElsewhere(member._id, community._id, at),
    }
  },
})

/**
 * A member serves where they report: sign-ups for services still ahead in any other community are withdrawn.
 * After the report is stored, and on every report, so a move cut short is completed by the next one.
 */
async function withdrawElsewhere(memberId: string, communityId: string, at: dayjs.Dayjs) {
  const _ = getDb().command
  const held = await rows<HeldSignup>(
    getDb()
      .collection(COLLECTIONS.serviceSignups)
      .where({
        memberId,
        status: 'signed',
        communityId: _.neq(communityId),
        date: _.gte(at.format('YYYY-MM-DD')),
        cancelled: _.neq(true),
      })
      .limit(100),
  )
  const dropped = await Promise.all(held.map((s) => dropSignup(s.serviceId, memberId)))
  return held
    .filter((_s, i) => dropped[i])
    .map((s) => ({ serviceId: s.serviceId, title: s.title, date: s.date }))
}

export const myRecord = defineAction('community', 'myRecord', {
  audience: 'member',
  scope: ['self'],
  async run({ caller }) {
    const member = activeMember(caller)
    const [doc, signups] = await Promise.all([
      findById<ReportDoc>(COLLECTIONS.communityReports, member._id),
      rows<HeldSignup>(
        getDb()
          .collection(COLLECTIONS.serviceSignups)
          .where({ memberId: member._id, status: getDb().command.in(HELD) })
          .orderBy('date', 'desc')
          .limit(100),
      ),
    ])
    return {
      report: doc ? toReportView(doc, now()) : null,
      history: historyOf(doc?.history ?? []),
      services: signups.map((s) => ({
        serviceId: s.serviceId,
        title: s.title,
        date: s.date,
        place: s.place,
        status: s.status,
        cancelled: s.cancelled ?? false,
        hours: s.hours,
        rating: s.rating,
        comment: s.comment,
      })),
      totalHours: signups.reduce(
        (sum, s) => sum + (s.status === 'confirmed' ? (s.hours ?? 0) : 0),
        0,
      ),
    }
  },
})

/** The member's reports, newest first, each with when it ended (they moved home) or null. */
function historyOf(history: ReportDoc['history']) {
  const ends = reportEnds(history)
  return history
    .map((h, i) => ({
      reportedAt: new Date(h.reportedAt).toISOString(),
      communityName: h.communityName,
      area: h.area,
      endedAt: ends[i] ? new Date(ends[i]).toISOString() : null,
    }))
    .reverse()
}

/**
 * Who must report again. The community admin sees members whose report to their community lapsed or lapses
 * within DUE_SOON_DAYS (to remind them in time); a branch secretary sees every active member of the branch
 * with no current report anywhere.
 */
export const overdue = defineAction('community', 'overdue', {
  audience: 'member',
  roles: ['secretary', 'communityAdmin'],
  scope: ['ownBranch', 'ownCommunity'],
  async run({ caller }) {
    const me = activeMember(caller)
    const at = now()
    const db = getDb()
    const _ = db.command
    if (me.adminCommunityId && isCommunityAdminOf(caller, me.adminCommunityId)) {
      const lapsed = await rows<ReportDoc>(
        db
          .collection(COLLECTIONS.communityReports)
          .where({ communityId: me.adminCommunityId, dueAt: _.lte(dueSoonUntil(at)) })
          .orderBy('dueAt', 'asc')
          .limit(1000),
      )
      return {
        scope: 'community',
        scopeId: me.adminCommunityId,
        members: lapsed.map((r) => ({
          memberId: r.memberId,
          name: r.name,
          branchId: r.branchId,
          state: reportState(new Date(r.dueAt), at),
          dueAt: new Date(r.dueAt).toISOString(),
          remindedAt: r.remindedMs ? new Date(r.remindedMs).toISOString() : null,
        })),
      }
    }
    const { branchId } = ownBranchAsSecretary(caller, '只有支部书记或社区管理员可以查看')
    const [members, reports] = await Promise.all([
      activeMembersOf(branchId, ['name', 'branchId']),
      rows<ReportDoc>(
        db
          .collection(COLLECTIONS.communityReports)
          .where({ branchId })
          .field({ memberId: true, dueAt: true })
          .limit(1000),
      ),
    ])
    const dueByMember = new Map(reports.map((r) => [r.memberId, new Date(r.dueAt)]))
    return {
      scope: 'branch',
      scopeId: branchId,
      members: members
        .map((m) => {
          const dueAt = dueByMember.get(m._id) ?? null
          return {
            memberId: m._id,
            name: m.name,
            branchId: m.branchId,
            state: reportState(dueAt, at),
            dueAt: dueAt?.toISOString() ?? null,
          }
        })
        .filter((m) => needsReport(m.state)),
    }
  },
})
