// The community reminds a member whose half-year report is due soon or overdue to report again.
import { isCommunityAdminOf } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, findVisible, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict } from '../../../_shared/errors'
import { noticeDate, notify } from '../../../_shared/notify'
import type { MemberDoc } from '../../../_shared/records'
import { remindable, remindedRecently, reportState } from '../domain'
import type { ReportDoc } from '../store'

const iso = (ms: number | undefined) => new Date(ms ?? 0).toISOString()

/**
 * At most one reminder per member in REMIND_EVERY_DAYS days, however often 提醒 is tapped: within that time the
 * call answers `sent: false` with when the last one went out. The report's `remindedMs` is claimed by a
 * compare-and-set on the value read, so two taps at once send one message.
 */
export const remindReport = defineAction('community', 'remindReport', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['communityAdmin'],
  async run({ caller }, input) {
    const report = await findVisible<ReportDoc>(
      COLLECTIONS.communityReports,
      input.memberId,
      '该党员的报到记录',
      (r) => isCommunityAdminOf(caller, r.communityId),
    )
    const at = now()
    if (!remindable(reportState(new Date(report.dueAt), at)))
      throw conflict('该党员的报到还没有到期，不需要提醒')
    const last = report.remindedMs
    const skipped = (ms: number | undefined) => ({
      memberId: report.memberId,
      sent: false,
      delivered: false,
      remindedAt: iso(ms),
    })
    if (remindedRecently(last ?? null, at)) return skipped(last)
    const db = getDb()
    const claimed = await updatedCount(
      db
        .collection(COLLECTIONS.communityReports)
        .where({ _id: report._id, remindedMs: last ?? db.command.exists(false) })
        .update({ data: { remindedMs: at.valueOf() } }),
    )
    if (!claimed)
      return skipped(
        (await findById<ReportDoc>(COLLECTIONS.communityReports, report._id))?.remindedMs,
      )
    const member = await findById<MemberDoc>(COLLECTIONS.members, report.memberId)
    // A message WeChat refuses (the member has not subscribed) is logged by notify; the week still counts.
    const delivered =
      !!member &&
      (await notify('reportDue', member.openid, 'community/report/index', {
        item: '在职党员社区报到（每半年一次）',
        community: report.communityName,
        due: noticeDate(new Date(report.dueAt)),
      }))
    return { memberId: report.memberId, sent: true, delivered, remindedAt: at.toISOString() }
  },
})
