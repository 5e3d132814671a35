// Open appeals waiting at one level, a branch (the secretary's 待办) or a community (the admin's; the district
// watches every community's for those past due), as 待办 lines.
import type { TodoItem } from '../../../typings/todo'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { APPEAL_OPEN_STATUSES, isAppealOverdue } from '../../_shared/deadlines'
import type { AppealDoc } from '../../interact/src/records'
import { type Counted, firstCounted } from './counted'
import { appealNote, itemOf } from './domain'

type OpenAppeal = Pick<AppealDoc, '_id' | 'communityId' | 'category' | 'text' | 'status' | 'dueAt'>
type Level = { branchId: string; level: 'branch' } | { communityId?: string; level: 'community' }

/** Open appeals at `level` (only those due before `dueBefore`, when given), oldest first, counted. */
export function openAppeals(level: Level, dueBefore?: Date): Promise<Counted<OpenAppeal>> {
  const _ = getDb().command
  return firstCounted<OpenAppeal>(
    COLLECTIONS.appeals,
    {
      ...level,
      status: _.in([...APPEAL_OPEN_STATUSES]),
      ...(dueBefore ? { dueAt: _.lt(dueBefore) } : {}),
    },
    ['createdAt', 'asc'],
    { communityId: true, category: true, text: true, status: true, dueAt: true },
  )
}

export const appealItem = (a: OpenAppeal, now: Date): TodoItem =>
  itemOf(a._id, `${a.category}：${a.text}`, appealNote(a.status, a.dueAt, now), {
    overdue: isAppealOverdue(a, now),
  })
