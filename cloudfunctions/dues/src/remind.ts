// Reminders on the 25th: every active member whose month's dues are still unpaid gets one subscription message
// a month (a marker with a deterministic id, written first, makes it idempotent across the trigger's reruns).
import dayjs from 'dayjs'
import type { DuesReminderRun } from '../../../typings/dues'
import { getDb } from '../../_shared/cloud'
import { ZONE, monthLabel, nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent, mapLimit, pageAll } from '../../_shared/db'
import { noticeDate, sendNotice } from '../../_shared/notify'
import type { MemberDoc, OrgDoc } from '../../_shared/records'
import { stopAfter } from '../../_shared/timer'
import { fixedFenOf, monthToPay, yuan } from '../../_shared/dues-rules'
import { type PaymentDoc, type ProfileDoc } from './store'

type Marker = {
  _id: string
  month: string
  memberId: string
  at: Date
  sent: boolean
  error?: string
}

export const duesReminderId = (month: string, memberId: string) => `dues_${month}_${memberId}`

/** Sends this month's dues reminders; stops starting new ones after `budgetMs` (the trigger reruns on the 25th). */
export async function remindDues(month: string, budgetMs = 40_000): Promise<DuesReminderRun> {
  const [members, profiles, payments, markers, branches] = await Promise.all([
    pageAll<MemberDoc>(COLLECTIONS.members, { status: 'active' }, { openid: true, branchId: true }),
    pageAll<ProfileDoc>(COLLECTIONS.duesProfiles, {}, { history: true, memberId: true }),
    pageAll<PaymentDoc>(COLLECTIONS.duesPayments, { month }, { memberId: true }),
    pageAll<Marker>(COLLECTIONS.duesReminders, { month }, { memberId: true }),
    pageAll<OrgDoc>(COLLECTIONS.orgs, { level: 'branch' }, { duesFixedFen: true }),
  ])
  const paid = new Set(payments.map((p) => p.memberId))
  const done = new Set(markers.map((m) => m.memberId))
  const fixedOf = new Map(branches.map((b) => [b._id, fixedFenOf(b)]))
  const memberOf = new Map(members.map((m) => [m._id, m]))
  const unpaid = profiles.flatMap((p) => {
    const member = memberOf.get(p.memberId)
    if (!member?.branchId || paid.has(p.memberId)) return []
    const fixedFen = fixedOf.get(member.branchId) ?? fixedFenOf({})
    const due = monthToPay(p, false, fixedFen, month)
    return due?.state === 'owed' ? [{ member, amountFen: due.amountFen }] : []
  })
  const due = unpaid.filter((u) => !done.has(u.member._id))
  const stop = stopAfter(budgetMs)
  const outcomes = await mapLimit(due, 20, (u) =>
    stop() ? Promise.resolve('deferred' as const) : remindOne(month, u.member, u.amountFen),
  )
  const count = (o: (typeof outcomes)[number]) => outcomes.filter((x) => x === o).length
  return {
    month,
    unpaid: unpaid.length,
    sent: count('sent'),
    failed: count('failed'),
    skipped: unpaid.length - due.length + count('skipped'),
    remaining: count('deferred'),
  }
}

async function remindOne(month: string, member: MemberDoc, amountFen: number) {
  const marker: Marker = {
    _id: duesReminderId(month, member._id),
    month,
    memberId: member._id,
    at: nowDate(),
    sent: true,
  }
  if (!(await addIfAbsent(COLLECTIONS.duesReminders, marker))) return 'skipped' as const
  try {
    await sendNotice('duesDue', member.openid, 'dues/mine/index', {
      item: `${monthLabel(month)}党费`,
      amount: yuan(amountFen),
      due: noticeDate(dayjs.tz(`${month}-01`, ZONE).endOf('month').toDate()),
    })
    return 'sent' as const
  } catch (err) {
    console.error(`[dues.remind] ${marker._id} not sent:`, err)
    await getDb()
      .collection(COLLECTIONS.duesReminders)
      .doc(marker._id)
      .update({
        data: { sent: false, error: String((err as Error)?.message ?? err).slice(0, 200) },
      })
    return 'failed' as const
  }
}
