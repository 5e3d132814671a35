// How long a 留言, an appeal and a claimed 微心愿 may wait: the functions that handle them and the todo page
// that gathers them read the same lines.
import type dayjs from 'dayjs'
import type { AppealStatus } from '../../typings/interact'
import type { WishStatus } from '../../typings/wish'

const DAY_MS = 24 * 60 * 60 * 1000
/** The seeds' branch websites expected a reply to every 留言 "第一时间"; three days is the line we flag. */
export const MESSAGE_REPLY_DAYS = 3
export const APPEAL_ANSWER_DAYS = 7
export const CLAIM_DAYS = 14

export function isMessageOverdue(
  message: { createdAt: Date; answered: boolean },
  now: Date,
): boolean {
  return (
    !message.answered && now.getTime() - message.createdAt.getTime() > MESSAGE_REPLY_DAYS * DAY_MS
  )
}

/** Messages created before this instant and still unanswered are overdue. */
export const messageOverdueBefore = (now: Date) =>
  new Date(now.getTime() - MESSAGE_REPLY_DAYS * DAY_MS)

export const appealDueAt = (submittedAt: Date) =>
  new Date(submittedAt.getTime() + APPEAL_ANSWER_DAYS * DAY_MS)

/** The statuses in which an appeal still waits for its handler (to accept it, then to answer it). */
export const APPEAL_OPEN_STATUSES: readonly AppealStatus[] = ['submitted', 'accepted']

/** An appeal is overdue when it still has no answer after its due date. */
export function isAppealOverdue(appeal: { status: AppealStatus; dueAt: Date }, now: Date): boolean {
  return APPEAL_OPEN_STATUSES.includes(appeal.status) && now.getTime() > appeal.dueAt.getTime()
}

/** A claim is due for fulfilment CLAIM_DAYS after it was made (overdue from then on). */
export const claimDueAt = (claimedAt: Date) => new Date(claimedAt.getTime() + CLAIM_DAYS * DAY_MS)

/** Claims made at or before this instant have gone 14 days without fulfilment. */
export function overdueClaimCutoff(now: dayjs.Dayjs): Date {
  return now.subtract(CLAIM_DAYS, 'day').toDate()
}

export function isClaimOverdue(status: WishStatus, claimedAt: Date | null, now: dayjs.Dayjs) {
  return (
    status === '已认领' && !!claimedAt && claimedAt.getTime() <= overdueClaimCutoff(now).getTime()
  )
}
