// A member's 首页 card in one call: today's 报到, the month's minimums, the branch's sessions of the month and
// those open now, the wishes they claimed and have not fulfilled, the month's required 网上党校 items and 党费.
import { getDb } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { fixedFenOf, monthToPay, paymentId } from '../../../_shared/dues-rules'
import { minimumsOf } from '../../../_shared/minimums'
import { monthStart } from '../../../_shared/month-counters'
import { ledgerEntryId, nextMonth } from '../../../_shared/participation'
import type { OrgDoc } from '../../../_shared/records'
import type { PaymentDoc, ProfileDoc } from '../../../dues/src/store'
import { MAX_SESSION_DAYS, attendanceIdFor } from '../../../orglife/src/domain'
import { memberStudyDue, readStudyDue } from '../../../study/src/due'
import { progressOf } from '../progress'
import { counterOf, ownBranch } from '../store'
import { type TodayMark, type TodaySession, claimedWishesOf, orglifeOf } from '../today'

/** More claims than this at once is not a month anyone has; the card shows the soonest due. */
const CLAIMS_SHOWN = 10

export const today = defineAction('checkin', 'today', {
  audience: 'member',
  scope: ['ownBranch'],
  async run({ caller }) {
    const member = ownBranch(caller)
    const at = now()
    const day = at.format('YYYY-MM-DD')
    const month = at.format('YYYY-MM')
    const window = { start: monthStart(month), end: monthStart(nextMonth(month)) }
    const db = getDb()
    const _ = db.command
    const [counter, branch, checkin, sessions, wishes, study, duesProfile, paid] =
      await Promise.all([
        counterOf(month, member),
        findById<OrgDoc>(COLLECTIONS.orgs, member.branchId),
        findById(COLLECTIONS.ledger, ledgerEntryId(member._id, 'checkin', day)),
        // A session open now may have opened up to its longest length before the month began.
        rows<TodaySession>(
          db
            .collection(COLLECTIONS.orglifeSessions)
            .where({
              branchId: member.branchId,
              opensAt: _.gte(at.subtract(MAX_SESSION_DAYS, 'day').toDate()).and(_.lt(window.end)),
            })
            .orderBy('opensAt', 'desc')
            .field({ type: true, topic: true, opensAt: true, closesAt: true, status: true })
            .limit(100),
        ),
        rows<{ _id: string; title: string; claimedAt: Date | null }>(
          db
            .collection(COLLECTIONS.wishes)
            .where({ 'claimer.id': member._id, status: '已认领' })
            .orderBy('claimedAt', 'desc')
            .field({ title: true, claimedAt: true })
            .limit(CLAIMS_SHOWN),
        ),
        readStudyDue(member.branchId, month, member._id),
        findById<Pick<ProfileDoc, 'declared' | 'history'>>(COLLECTIONS.duesProfiles, member._id),
        findById<PaymentDoc>(COLLECTIONS.duesPayments, paymentId(member._id, month)),
      ])
    const marks = sessions.length
      ? await rows<TodayMark>(
          db
            .collection(COLLECTIONS.orglifeAttendance)
            .where({ _id: _.in(sessions.map((s) => attendanceIdFor(s._id, member._id))) })
            .field({ sessionId: true, attendedAt: true, leave: true })
            .limit(100),
        )
      : []
    return {
      today: day,
      month,
      checkedInToday: !!checkin,
      progress: progressOf(counter?.counts ?? {}, minimumsOf(branch)),
      ...orglifeOf(sessions, marks, window, at.toDate()),
      claimedWishes: claimedWishesOf(wishes, at),
      study: memberStudyDue(study, member._id),
      dues: monthToPay(duesProfile, !!paid, fixedFenOf(branch ?? {}), month),
    }
  },
})
