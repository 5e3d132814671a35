// The branch's side of 双报到: each active member's community report and the half-year's feedback cards, for
// the branch's 民主评议. Read for the whole branch at once (by member id, since a report keeps the branch it
// was made from), never one read per member.
import { branchNamedOrOwn } from '../../../_shared/caller'
import { activeMembersOf, branchOverseenBy } from '../../../_shared/branches'
import { getDb } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { halfYearMonths, reportState } from '../domain'
import type { ReportDoc, SignupDoc } from '../store'

export const branchRecord = defineAction('community', 'branchRecord', {
  audience: 'member',
  scope: ['secretary', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const branchId = branchNamedOrOwn(caller, input.branchId)
    const at = now()
    const months = halfYearMonths(input.month ?? at.format('YYYY-MM'))
    await branchOverseenBy(caller, branchId, '只有本支部书记或上级管理员可以查看')
    const members = await activeMembersOf(branchId, ['branchId'])
    const ids = members.map((m) => m._id)
    const db = getDb()
    const _ = db.command
    // Reports are keyed by member id; sign-ups are read through their memberId index.
    const [reports, cards] = ids.length
      ? await Promise.all([
          rows<ReportDoc>(
            db
              .collection(COLLECTIONS.communityReports)
              .where({ _id: _.in(ids) })
              .field({ communityName: true, dueAt: true })
              .limit(1000),
          ),
          rows<SignupDoc>(
            db
              .collection(COLLECTIONS.serviceSignups)
              .where({ memberId: _.in(ids), month: _.in(months), status: 'confirmed' })
              .field({
                memberId: true,
                hours: true,
                rating: true,
                comment: true,
                confirmedAt: true,
              })
              .orderBy('confirmedAt', 'desc')
              .limit(1000),
          ),
        ])
      : [[], []]
    const reportOf = new Map(reports.map((r) => [r._id, r]))
    return {
      branchId,
      months,
      members: members.map((m) => {
        const report = reportOf.get(m._id)
        const mine = cards.filter((c) => c.memberId === m._id)
        // Newest first, so the first is the latest feedback card.
        const latest = mine[0]
        return {
          memberId: m._id,
          state: reportState(report ? new Date(report.dueAt) : null, at),
          communityName: report?.communityName ?? null,
          hours: mine.reduce((sum, c) => sum + (c.hours ?? 0), 0),
          services: mine.length,
          rating: latest?.rating ?? null,
          comment: latest?.comment || null,
        }
      }),
    }
  },
})
