// The community admin's 在职党员 lines of the 待办: services whose day has come (confirmable from that day on,
// as community.confirmService allows) with sign-ups still to confirm on a 反馈卡, and members whose half-year report lapsed or lapses within 30 days (to remind from the roster).
import dayjs from 'dayjs'
import type { TodoItem } from '../../../typings/todo'
import { ZONE } from '../../_shared/clock'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { rows } from '../../_shared/db'
import { dueSoonUntil, reportState } from '../../community/src/domain'
import type { ReportDoc, SignupDoc } from '../../community/src/store'
import { SCAN_LIMIT, dayText, itemOf } from './domain'

/** A service whose cards are still open this many days after its day is overdue. */
export const CONFIRM_WITHIN_DAYS = 7

type Waiting = Pick<SignupDoc, 'serviceId' | 'title' | 'date'>

/** One line per service, oldest first: its waiting sign-ups counted (from at most 1000 sign-ups read). */
export function confirmationItems(waiting: Waiting[], today: dayjs.Dayjs): TodoItem[] {
  const byService = new Map<string, { first: Waiting; n: number }>()
  for (const s of waiting) {
    const entry = byService.get(s.serviceId)
    if (entry) entry.n += 1
    else byService.set(s.serviceId, { first: s, n: 1 })
  }
  const overdueBefore = today.subtract(CONFIRM_WITHIN_DAYS, 'day').format('YYYY-MM-DD')
  return [...byService.values()]
    .sort((a, b) => a.first.date.localeCompare(b.first.date))
    .map(({ first, n }) =>
      itemOf(
        first.serviceId,
        first.title,
        `${dayText(dayjs.tz(first.date, ZONE).toDate())} · ${n} 人待确认服务时长`,
        {
          overdue: first.date < overdueBefore,
        },
      ),
    )
}

export async function communityServiceToDo(communityId: string, today: dayjs.Dayjs) {
  const db = getDb()
  const _ = db.command
  const [waiting, lapsing] = await Promise.all([
    rows<Waiting>(
      db
        .collection(COLLECTIONS.serviceSignups)
        .where({
          communityId,
          status: 'signed',
          cancelled: _.neq(true),
          date: _.lte(today.format('YYYY-MM-DD')),
        })
        .field({ serviceId: true, title: true, date: true })
        .limit(1000),
    ),
    rows<Pick<ReportDoc, 'memberId' | 'name' | 'dueAt'>>(
      db
        .collection(COLLECTIONS.communityReports)
        .where({ communityId, dueAt: _.lte(dueSoonUntil(today)) })
        .orderBy('dueAt', 'asc')
        .field({ memberId: true, name: true, dueAt: true })
        .limit(SCAN_LIMIT),
    ),
  ])
  return {
    serviceConfirmations: confirmationItems(waiting, today),
    overdueReports: lapsing.map((r) => {
      const overdue = reportState(new Date(r.dueAt), today) === 'overdue'
      const due = dayText(new Date(r.dueAt))
      return itemOf(r.memberId, r.name, overdue ? `${due}到期，已超期` : `${due}到期`, {
        overdue,
      })
    }),
  }
}
