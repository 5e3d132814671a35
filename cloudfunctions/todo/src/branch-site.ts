// What a branch's keepers (its secretary and its 信息员) owe the branch's site: 留言 left unanswered (overdue
// after 3 days) and the site itself once it has gone quiet (长期未更新). One read and one builder each, for
// the secretary's 待办 and the 信息员's.
import { COLLECTIONS } from '../../_shared/collections'
import { messageOverdueBefore } from '../../_shared/deadlines'
import type { BoardMessageDoc } from '../../interact/src/records'
import type { BranchActivity } from '../../_shared/stale'
import { type Counted, countedSection, firstCounted } from './counted'
import { agoText, itemOf, sectionOf, staleItems } from './domain'

type Message = Pick<BoardMessageDoc, '_id' | 'authorName' | 'text' | 'createdAt'>

/** The branch's unanswered 留言, oldest first, counted exactly. */
export const unansweredMessages = (branchId: string) =>
  firstCounted<Message>(
    COLLECTIONS.boardMessages,
    { branchId, answered: false, deleted: false },
    ['createdAt', 'asc'],
    { authorName: true, text: true, createdAt: true },
  )

export function messagesSection(messages: Counted<Message>, now: Date) {
  const overdueBefore = messageOverdueBefore(now)
  return countedSection('messages', messages, (m) =>
    itemOf(m._id, `回复${m.authorName}的留言：${m.text}`, `${agoText(m.createdAt, now)}留言`, {
      overdue: m.createdAt.getTime() < overdueBefore.getTime(),
    }),
  )
}

/** The branch's own site as one line while it is 长期未更新 (how many days since its last post). */
export const staleSection = (
  branch: (BranchActivity & { name: string }) | null,
  now: Date,
  staleAfterDays: number,
) => sectionOf('staleBranches', branch ? staleItems([branch], now, staleAfterDays) : [])
