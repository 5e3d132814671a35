// The community admin's 在职党员 lines of the 待办: services whose day has come (confirmable from that day on,
// as community.confirmService allows) with sign-ups still to confirm on a 反馈卡, and members whose half-year report lapsed or lapses within 30 days (to remind from the roster).
import dayjs from 'dayjs'
import type { TodoItem } from '../../../typings/todo'
import { ZONE } from '../../_shared/clock'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { aggregate } from '../../_shared/db'
import { dueSoonUntil, reportState } from '../../community/src/domain'
import type { ReportDoc, SignupDoc } from '../../community/src/store'
import { firstCounted } from './counted'
import { GROUPS, dayText, itemOf } from './domain'

/** A service whose cards are still open this many days after its day is overdue. */
export const CONFIRM_WITHIN_DAYS = 7

type Report = Pick<ReportDoc, '_id' | 'memberId' | 'name' | 'dueAt'>

/** A service with sign-ups still to confirm, and how many (a sign-up carries its service's title and day). */
type Waiting = { _id: string } & Pick<SignupDoc, 'title' | 'date'> & { n: number }

/** One line per service, oldest first, with its waiting sign-ups counted. */
export function confirmationItems(waiting: Waiting[], today: dayjs.Dayjs): TodoItem[] {
  const overdueBefore = today.subtract(CONFIRM_WITHIN_DAYS, 'day').format('YYYY-MM-DD')
  return [...waiting]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map(({ _id, title, date, n }) =>
      itemOf(_id, title, `${dayText(dayjs.tz(date, ZONE).toDate())} · ${n} 人待确认服务时长`, {
        overdue: date < overdueBefore,
      }),
    )
}

export async function communityServiceToDo(communityId: string, today: dayjs.Dayjs) {
  const _ = getDb().command
  const [waiting, lapsing] = await Promise.all([
    // Counted per service in the database: a row per service, whatever the number of sign-ups.
    aggregate<Waiting>(COLLECTIONS.serviceSignups, [
      {
        $match: {
          communityId,
          status: 'signed',
          cancelled: _.neq(true),
          date: _.lte(today.format('YYYY-MM-DD')),
        },
      },
      {
        $group: {
          _id: '$serviceId',
          title: { $first: '$title' },
          date: { $first: '$date' },
          n: { $sum: 1 },
        },
      },
      { $limit: GROUPS },
    ]),
    firstCounted<Report>(
      COLLECTIONS.communityReports,
      { communityId, dueAt: _.lte(dueSoonUntil(today)) },
      ['dueAt', 'asc'],
      { memberId: true, name: true, dueAt: true },
    ),
  ])
  return { serviceConfirmations: confirmationItems(waiting, today), overdueReports: lapsing }
}

/** A member whose half-year report lapsed or lapses soon, as a line. */
export const reportItem = (today: dayjs.Dayjs) => (r: Report) => {
  const overdue = reportState(new Date(r.dueAt), today) === 'overdue'
  const due = dayText(new Date(r.dueAt))
  return itemOf(r.memberId, r.name, overdue ? `${due}到期，已超期` : `${due}到期`, { overdue })
}
