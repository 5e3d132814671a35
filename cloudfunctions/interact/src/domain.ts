// 互动 rules as plain functions: rate limits and the appeal state machine (reply and answer deadlines:
// _shared/deadlines.ts; paging: _shared/paging.ts).
import { createHash } from 'crypto'
import type { AppealEvent, AppealLevel, AppealStatus } from '../../../typings/interact'
import type { RateLimit } from '../../_shared/rate-limit'

export const PAGE_SIZE = 10

export const RATE_LIMITS = {
  comment: { kind: 'comment', perHour: 30, message: '评论和留言太频繁了，请稍后再试' },
  news: { kind: 'news', perHour: 10, message: '发布太频繁了，请稍后再试' },
  appeal: { kind: 'appeal', perHour: 5, message: '提交诉求太频繁了，请稍后再试' },
} satisfies Record<string, RateLimit>

export type AppealAction = Exclude<AppealEvent['action'], 'submit'>

/** A document id from its owner and the page's draft id: a retried submit finds the same document. */
export function draftDocId(prefix: string, ownerId: string, draftId: string): string {
  return prefix + createHash('sha256').update(`${ownerId}|${draftId}`).digest('hex').slice(0, 24)
}

/**
 * submitted → accepted → answered → closed. Escalating hands an unanswered appeal from the branch to the
 * community (once), where it starts again as submitted; the requester's rating closes an answered one.
 * Returns the next status, or null when the action is not allowed now.
 */
export function nextAppealState(
  current: { status: AppealStatus; level: AppealLevel },
  action: AppealAction,
): { status: AppealStatus; level: AppealLevel } | null {
  const { status, level } = current
  switch (action) {
    case 'accept':
      return status === 'submitted' ? { status: 'accepted', level } : null
    case 'answer':
      return status === 'accepted' ? { status: 'answered', level } : null
    case 'escalate':
      return level === 'branch' && (status === 'submitted' || status === 'accepted')
        ? { status: 'submitted', level: 'community' }
        : null
    case 'rate':
      return status === 'answered' ? { status: 'closed', level } : null
  }
}

export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  answered: '已答复',
  closed: '已办结',
}

/** The first characters of a body, on one line, for a feed card. */
export function excerptOf(body: string, length = 60): string {
  const line = body.replace(/\s+/g, ' ').trim()
  return line.length > length ? `${line.slice(0, length)}…` : line
}

/**
 * A news item's author as a reader sees it: people outside its branch see the branch as a post's author, as a
 * 党建 platform shows a branch's public posts; bulletins are signed by no one person.
 */
export function authorShown(
  news: { kind: 'post' | 'bulletin'; authorName: string },
  branchName: string,
  inBranch: boolean,
): string {
  return inBranch || news.kind === 'bulletin' ? news.authorName : branchName
}
