// Reminders on the 20th: every active member still below a minimum gets one subscription message per month
// (a sent-marker with a deterministic id makes it idempotent), none the day their secretary's 一键提醒 reached
// them (the per-day rule both keep, remindOncePerDay); the secretary sees the same list (reminders).
import type { StatsOutputs } from '../../../typings/stats'
import type { Minimums } from '../../../typings/participation'
import { getDb } from '../../_shared/cloud'
import { now } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent } from '../../_shared/db'
import {
  belowMinimums,
  describeShortfall,
  minimumsOf,
  remindOncePerDay,
} from '../../_shared/minimums'
import { noticeDate, sendNotice } from '../../_shared/notify'
import { memberMonthId } from '../../_shared/participation'
import type { MemberDoc, OrgDoc } from '../../_shared/records'
import { stopAfter } from '../../_shared/timer'
import { groupBy } from './domain'
import { COUNTER_FIELDS, type CounterRow } from '../../_shared/month-counters'
import { type ReminderMarker, branchesOf, mapLimit, pageAll, reminderId } from './store'

/** Sends this month's reminders to every active member below a minimum who has not had one yet; stops
 * starting new ones after `budgetMs`. */
export async function remindMonth(
  month: string,
  budgetMs = 40_000,
): Promise<StatsOutputs['remind']> {
  const [branches, members, counters, markers] = await Promise.all([
    branchesOf(null),
    pageAll<MemberDoc>(
      COLLECTIONS.members,
      { status: 'active' },
      { openid: true, name: true, branchId: true },
    ),
    pageAll<CounterRow>(COLLECTIONS.memberMonths, { month }, COUNTER_FIELDS),
    pageAll<ReminderMarker>(COLLECTIONS.reminders, { month }, { memberId: true }),
  ])
  // A member who moved this month has a closed counter in the branch they left; their open one is current.
  const countsOf = new Map(counters.filter((c) => !c.closed).map((c) => [c.memberId, c.counts]))
  const done = new Set(markers.map((m) => m.memberId))
  const due: { member: MemberDoc; branch: OrgDoc; shortfall: Minimums }[] = []
  let below = 0
  const byBranch = groupBy(members, (m) => m.branchId)
  const byId = new Map(members.map((m) => [m._id, m]))
  for (const branch of branches) {
    for (const b of belowMinimums(byBranch.get(branch._id) ?? [], countsOf, minimumsOf(branch))) {
      below++
      const member = byId.get(b.memberId)
      if (member && !done.has(b.memberId)) due.push({ member, branch, shortfall: b.shortfall })
    }
  }
  // One run fits in the function's 60 s; members not reached are left unmarked, and the trigger's next run on
  // the 20th (every 10 minutes, see config.json) carries on from the markers.
  const stop = stopAfter(budgetMs)
  const outcomes = await mapLimit(due, 20, (d) =>
    stop()
      ? Promise.resolve('deferred' as const)
      : remindOne(month, d.member, d.branch, d.shortfall),
  )
  const count = (outcome: (typeof outcomes)[number]) => outcomes.filter((o) => o === outcome).length
  return {
    month,
    below,
    sent: count('sent'),
    failed: count('failed'),
    skipped: below - due.length + count('skipped'),
    remaining: count('deferred'),
  }
}

async function remindOne(month: string, member: MemberDoc, branch: OrgDoc, gap: Minimums) {
  const at = now()
  const marker: ReminderMarker = {
    _id: reminderId(month, member._id),
    month,
    memberId: member._id,
    branchId: branch._id,
    at: at.toDate(),
    sent: true,
  }
  if (!(await addIfAbsent(COLLECTIONS.reminders, marker))) return 'skipped' as const
  const markAs = (data: Partial<ReminderMarker>) =>
    getDb().collection(COLLECTIONS.reminders).doc(marker._id).update({ data })
  // The day's rule is shared with the secretary's 一键提醒: a member they reminded today gets no second one.
  const outcome = await remindOncePerDay(
    {
      day: at.format('YYYY-MM-DD'),
      branchId: branch._id,
      memberId: member._id,
      by: null,
      at: at.toDate(),
    },
    async () => {
      try {
        await sendNotice('monthlyMinimum', member.openid, 'pages/checkin/index', {
          shortfall: describeShortfall(gap),
          branch: branch.name,
          due: noticeDate(at.endOf('month').toDate()),
        })
        return true
      } catch (err) {
        // A failed notification must not stop the others; the marker records it so it is not retried blindly.
        console.error(`[stats.remind] ${memberMonthId(month, member._id)} not sent:`, err)
        await markAs({ sent: false, error: String((err as Error)?.message ?? err).slice(0, 200) })
        return false
      }
    },
  )
  if (outcome === 'already') {
    // Reminded today by the secretary: the month's reminder is theirs.
    await markAs({ sent: false, remindedToday: true })
    return 'skipped' as const
  }
  return outcome === 'delivered' ? ('sent' as const) : ('failed' as const)
}
