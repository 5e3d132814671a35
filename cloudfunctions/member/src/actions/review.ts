import { isSecretaryOf } from '../../../_shared/caller'
import { COLLECTIONS } from '../../../_shared/collections'
import { getDb } from '../../../_shared/cloud'
import { monthOf, nowDate } from '../../../_shared/clock'
import { findVisible, updatedCount } from '../../../_shared/db'
import { type ActionContext, defineAction } from '../../../_shared/dispatcher'
import { conflict } from '../../../_shared/errors'
import { openMemberMonths } from '../../../_shared/month-counters'
import { notify, noticeTime } from '../../../_shared/notify'
import { nextMonth } from '../../../_shared/participation'
import type { MemberDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'

type Decision =
  { memberId: string; status: 'active' } | { memberId: string; status: 'rejected'; reason: string }

/** Approve or reject a pending registration: the secretary of that branch only, and only once. */
async function decide({ caller }: ActionContext, decision: Decision) {
  // Another branch's registrations answer as missing ones, so a secretary cannot probe who registered where.
  const target = await findVisible<MemberDoc & { branchId: string }>(
    COLLECTIONS.members,
    decision.memberId,
    '该成员',
    (m) => !!m.branchId && isSecretaryOf(caller, m.branchId),
  )
  if (target.status !== 'pending') throw conflict('该成员已审核，无需重复操作')
  if (decision.status === 'rejected') await assertTextSafe(caller.openid, 2, decision.reason)
  const now = nowDate()
  if (decision.status === 'active') {
    // Before the status changes, so an active member always has this month's and next month's counters and
    // a failure here leaves the registration pending for the secretary to retry.
    const month = monthOf(now)
    await openMemberMonths(target, [month, nextMonth(month)])
  }
  const db = getDb()
  const updated = await updatedCount(
    db
      .collection(COLLECTIONS.members)
      .where({ _id: target._id, branchId: target.branchId, status: 'pending' })
      .update({
        data:
          decision.status === 'active'
            ? { status: 'active', approvedAt: now, approvedBy: caller.member?._id, updatedAt: now }
            : { status: 'rejected', rejectReason: decision.reason, updatedAt: now },
      }),
  )
  if (!updated) throw conflict('该成员已审核，无需重复操作')
  const approved = decision.status === 'active'
  await notify('memberReviewed', target.openid, 'pages/mine/index', {
    result: approved ? '通过' : '未通过',
    item: '党员登记',
    note: approved ? '欢迎加入支部，请每月按时报到' : decision.reason,
    at: noticeTime(now),
  })
  return { memberId: target._id, status: decision.status }
}

export const approve = defineAction('member', 'approve', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  run: (ctx, input) => decide(ctx, { memberId: input.memberId, status: 'active' }),
})

export const reject = defineAction('member', 'reject', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  run: (ctx, input) =>
    decide(ctx, { memberId: input.memberId, status: 'rejected', reason: input.reason }),
})
