// Items whose images WeChat's check was unsure of and wait for a person (interact.reviewMedia), as 待办 lines:
// news and appeals in a branch (the secretary's 待办) or a community (the admin's); wish photos and org-life
// materials in a community (the admin's only: the secretary does not decide them); 网上党校 items of a
// community's branches (its admin's) or for every branch (the district's).
import { SESSION_TYPE_LABELS } from '../../../typings/orglife'
import type { TodoItem } from '../../../typings/todo'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { MEDIA_SETS, awaitingReviewWhere, awaitsReview } from '../../_shared/media'
import type { NewsDoc } from '../../_shared/news'
import type { AppealDoc } from '../../interact/src/records'
import type { SessionDoc } from '../../orglife/src/store'
import type { ItemDoc } from '../../study/src/store'
import type { WishDoc } from '../../wish/src/store'
import { firstCounted } from './counted'
import { dayText, itemOf } from './domain'

type Scope = { branchId: string } | { communityId: string }
type News = Pick<NewsDoc, '_id' | 'title' | 'authorName' | 'createdAt'>
type Appeal = Pick<AppealDoc, '_id' | 'category' | 'text' | 'requesterName' | 'createdAt'>
type Wish = Pick<WishDoc, '_id' | 'title' | 'createdAt' | 'photoMedia' | 'fulfilMedia'>
type Session = Pick<SessionDoc, '_id' | 'branchId' | 'type' | 'topic' | 'opensAt'>
type StudyItem = Pick<ItemDoc, '_id' | 'title' | 'topicTitle' | 'createdAt'>

/** Waiting longest first, counted. */
const awaiting = <T>(collection: string, where: object, field: Record<string, boolean>) =>
  firstCounted<T>(collection, where, ['createdAt', 'asc'], field)

export const newsAwaitingReview = (scope: Scope) =>
  awaiting<News>(
    COLLECTIONS.news,
    { ...scope, deleted: false, ...awaitingReviewWhere('media') },
    { title: true, authorName: true, createdAt: true },
  )

export const appealsAwaitingReview = (scope: Scope) =>
  awaiting<Appeal>(
    COLLECTIONS.appeals,
    { ...scope, ...awaitingReviewWhere('media') },
    { category: true, text: true, requesterName: true, createdAt: true },
  )

/** Wishes with the resident's photo or the claimer's fulfilment photos (or both) waiting: one line each. */
export const wishesAwaitingReview = (communityId: string) =>
  awaiting<Wish>(
    COLLECTIONS.wishes,
    getDb().command.or(
      (['wishPhoto', 'wishFulfilPhotos'] as const).map((kind) => ({
        communityId,
        ...awaitingReviewWhere(MEDIA_SETS[kind].field),
      })),
    ),
    { title: true, createdAt: true, photoMedia: true, fulfilMedia: true },
  )

export const sessionsAwaitingReview = (communityId: string) =>
  awaiting<Session>(
    COLLECTIONS.orglifeSessions,
    { communityId, ...awaitingReviewWhere(MEDIA_SETS.sessionMaterials.field) },
    { branchId: true, type: true, topic: true, opensAt: true },
  )

/** A community's branches' items, or with null those pushed to every branch (and items kept before their
 * community was: a district admin reviews those). */
export const studyItemsAwaitingReview = (communityId: string | null) =>
  awaiting<StudyItem>(
    COLLECTIONS.studyItems,
    { communityId, withdrawnAt: null, ...awaitingReviewWhere(MEDIA_SETS.study.field) },
    { title: true, topicTitle: true, createdAt: true },
  )

export const studyReviewItem = (i: StudyItem): TodoItem =>
  itemOf(i._id, i.title, `${i.topicTitle} · ${dayText(i.createdAt)}发布`)

export const newsReviewItem = (n: News): TodoItem =>
  itemOf(n._id, n.title, `${n.authorName} · ${dayText(n.createdAt)}发布`)

export const appealReviewItem = (a: Appeal): TodoItem =>
  itemOf(a._id, `${a.category}：${a.text}`, `${a.requesterName} · ${dayText(a.createdAt)}提交`)

export function wishReviewItem(w: Wish): TodoItem {
  const photos = [
    awaitsReview(w.photoMedia) ? '居民的照片' : '',
    awaitsReview(w.fulfilMedia) ? '完成照片' : '',
  ].filter(Boolean)
  return itemOf(w._id, w.title, `${photos.join('、')}待审核 · ${dayText(w.createdAt)}提交的心愿`)
}

/** `branchNames` by branch id: the community's branches, which its 待办 reads anyway. */
export const sessionReviewItem =
  (branchNames: Map<string, string>) =>
  (s: Session): TodoItem =>
    itemOf(
      s._id,
      `${SESSION_TYPE_LABELS[s.type]}「${s.topic}」`,
      `${branchNames.get(s.branchId) ?? ''} · ${dayText(s.opensAt)}召开`,
    )
