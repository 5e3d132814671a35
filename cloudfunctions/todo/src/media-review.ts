// News and appeals whose images WeChat's check was unsure of and wait for a person (interact.reviewMedia), in a
// branch (the secretary's 待办) or a community (the admin's), as 待办 lines.
import type { TodoItem } from '../../../typings/todo'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { rows } from '../../_shared/db'
import { AWAITING_REVIEW } from '../../_shared/media'
import type { NewsDoc } from '../../_shared/news'
import type { AppealDoc } from '../../interact/src/records'
import { SCAN_LIMIT, dayText } from './domain'

type Scope = { branchId: string } | { communityId: string }
type News = Pick<NewsDoc, '_id' | 'title' | 'authorName' | 'createdAt'>
type Appeal = Pick<AppealDoc, '_id' | 'category' | 'text' | 'requesterName' | 'createdAt'>

/** Waiting longest first, one more than the cap. */
const awaiting = <T>(collection: string, where: object, field: Record<string, true>) =>
  rows<T>(
    getDb()
      .collection(collection)
      .where({ ...where, ...AWAITING_REVIEW })
      .orderBy('createdAt', 'asc')
      .field(field)
      .limit(SCAN_LIMIT),
  )

export const newsAwaitingReview = (scope: Scope) =>
  awaiting<News>(
    COLLECTIONS.news,
    { ...scope, deleted: false },
    { title: true, authorName: true, createdAt: true },
  )

export const appealsAwaitingReview = (scope: Scope) =>
  awaiting<Appeal>(COLLECTIONS.appeals, scope, {
    category: true,
    text: true,
    requesterName: true,
    createdAt: true,
  })

export const newsReviewItem = (n: News): TodoItem => ({
  id: n._id,
  ref: n._id,
  title: n.title,
  note: `${n.authorName} · ${dayText(n.createdAt)}发布`,
  overdue: false,
})

export const appealReviewItem = (a: Appeal): TodoItem => ({
  id: a._id,
  ref: a._id,
  title: `${a.category}：${a.text}`,
  note: `${a.requesterName} · ${dayText(a.createdAt)}提交`,
  overdue: false,
})
