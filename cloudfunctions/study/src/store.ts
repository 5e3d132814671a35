// 网上党校's stored documents, who may see them, and the reading record with its one completion.
import { createHash } from 'crypto'
import type { QuizInput, StudyItemView, StudyKind, StudyProgress } from '../../../typings/study'
import {
  type Caller,
  isCommunityAdminOf,
  isDistrictAdmin,
  isSecretaryOf,
} from '../../_shared/caller'
import { getDb } from '../../_shared/cloud'
import { nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent, findById, findVisible, updatedCount } from '../../_shared/db'
import { recordParticipation } from '../../_shared/ledger'
import { type MediaState, awaitsReview, mayOpenToReview, visibleImages } from '../../_shared/media'
import type { MemberDoc } from '../../_shared/records'
import { isCompleted, requiredSeconds } from './domain'

/** A topic or item pushed by the district to every branch has this target; else its branch's id. */
export const EVERY_BRANCH = 'all'

export type TopicDoc = {
  _id: string
  title: string
  dueMonth: string
  /** EVERY_BRANCH or a branch id: who reads it. */
  target: string
  authorId: string
  createdAt: Date
}

export type ItemDoc = {
  _id: string
  topicId: string
  topicTitle: string
  /** The topic's, copied so reads and 待办 need no join. */
  target: string
  /** The target branch's community (who reviews its images); null for every branch's. Absent on items published
   * before it was kept: a district admin reviews those. */
  communityId: string | null
  dueMonth: string
  title: string
  kind: StudyKind
  body: string
  images: string[]
  media?: MediaState
  link: string | null
  minutes: number
  quiz: QuizInput | null
  authorId: string
  createdAt: Date
  editedAt?: Date
  /** Withdrawn (study.withdrawItem): hidden from members and no longer due, kept with its completions. */
  withdrawnAt?: Date | null
  withdrawnBy?: string
  /** Set before a member's first completion counts: from then on editItem refuses (a compare-and-set). */
  lockedAt?: Date | null
  /** Set before the first quiz attempt is graded: from then on the quiz cannot be replaced. */
  quizLockedAt?: Date | null
}

/**
 * Sets the item's lock (lockedAt or quizLockedAt) if unset, then reads the item again: whatever an edit
 * changed before the lock is what the member is measured against, and no edit lands after it.
 */
export async function lockItem(item: ItemDoc, lock: 'lockedAt' | 'quizLockedAt'): Promise<ItemDoc> {
  if (item[lock]) return item
  await getDb()
    .collection(COLLECTIONS.studyItems)
    .where({ _id: item._id, [lock]: null })
    .update({ data: { [lock]: nowDate() } })
  return (await findById<ItemDoc>(COLLECTIONS.studyItems, item._id)) ?? item
}

/** One per member and item (`<itemId>_<memberId>`): the reading, the quiz and the completion. */
export type ProgressDoc = {
  _id: string
  itemId: string
  memberId: string
  /** The member's branch when they first opened it: completion by branch counts here. */
  branchId: string | null
  dueMonth: string
  seconds: number
  reachedEnd: boolean
  /** When the page last reported (or the item was opened): the next report is credited up to the gap. */
  lastReportAt: Date
  quizPassed: boolean
  /** -1 before any attempt. */
  bestPercent: number
  attempts: number
  completed: boolean
  completedAt: Date | null
}

/** A stable id per author and draft: a retried publish finds what the first one stored. */
export const draftDocId = (prefix: string, openid: string, draftId: string) =>
  `${prefix}${createHash('sha256').update(`${openid}:${draftId}`).digest('hex').slice(0, 24)}`

export const progressId = (itemId: string, memberId: string) => `${itemId}_${memberId}`

/** The district reads everything; members read what was pushed to every branch or to their own. */
export const mayRead = (caller: Caller, target: string) =>
  isDistrictAdmin(caller) || target === EVERY_BRANCH || target === caller.member?.branchId

/**
 * Who decides images WeChat was unsure of (interact.reviewMedia): a branch's item, its community's admin or a
 * district admin; an item pushed to every branch, a district admin. Never the publishing secretary.
 */
export const mayReviewStudy = (caller: Caller, item: Pick<ItemDoc, 'target' | 'communityId'>) =>
  isDistrictAdmin(caller) ||
  (item.target !== EVERY_BRANCH && isCommunityAdminOf(caller, item.communityId ?? null))

/** Its publisher's level: the branch's secretary for the branch's items, a district admin for any. */
export const mayManage = (caller: Caller, target: string) =>
  isDistrictAdmin(caller) || isSecretaryOf(caller, target)

/** Its readers find an item (not once withdrawn); with `toReview`, so does a reviewer while its images
 * await them. */
export const findItem = (caller: Caller, itemId: string, { toReview = false } = {}) =>
  findVisible<ItemDoc>(
    COLLECTIONS.studyItems,
    itemId,
    '该学习内容',
    (i) =>
      !i.withdrawnAt &&
      (mayRead(caller, i.target) ||
        (toReview && mayOpenToReview(mayReviewStudy(caller, i), i.media))),
  )

/** Items in a query that are not withdrawn (a missing field matches null too). */
export const NOT_WITHDRAWN = { withdrawnAt: null }

export function progressView(
  p: Pick<
    ProgressDoc,
    'seconds' | 'reachedEnd' | 'quizPassed' | 'bestPercent' | 'completed'
  > | null,
): StudyProgress {
  return {
    seconds: p?.seconds ?? 0,
    reachedEnd: p?.reachedEnd ?? false,
    quizPassed: p?.quizPassed ?? false,
    bestPercent: p && p.bestPercent >= 0 ? p.bestPercent : null,
    completed: p?.completed ?? false,
  }
}

export function itemView(
  item: ItemDoc,
  viewerId: string,
  p: ProgressDoc | null,
  { reviewer = false, manager = false } = {},
): StudyItemView {
  return {
    id: item._id,
    topicId: item.topicId,
    topicTitle: item.topicTitle,
    dueMonth: item.dueMonth,
    title: item.title,
    kind: item.kind,
    body: item.body,
    images: visibleImages(item.images, item.media, {
      author: item.authorId === viewerId,
      reviewer,
    }),
    mediaStatus: item.media?.status ?? 'none',
    awaitingReview: reviewer && awaitsReview(item.media),
    mayManage: manager,
    link: item.link,
    minutes: item.minutes,
    // The answers stay on the server until graded.
    quiz: item.quiz
      ? {
          passMark: item.quiz.passMark,
          questions: item.quiz.questions.map(({ text, options, multiple }) => ({
            text,
            options,
            multiple,
          })),
        }
      : null,
    requiredSeconds: requiredSeconds(item.minutes),
    progress: progressView(p),
  }
}

/** The member's record of an item, created on first open. Opening (again) restarts the reading clock. */
export async function openProgress(item: ItemDoc, member: MemberDoc): Promise<ProgressDoc> {
  const _id = progressId(item._id, member._id)
  const at = nowDate()
  const fresh: ProgressDoc = {
    _id,
    itemId: item._id,
    memberId: member._id,
    branchId: member.branchId,
    dueMonth: item.dueMonth,
    seconds: 0,
    reachedEnd: false,
    lastReportAt: at,
    quizPassed: false,
    bestPercent: -1,
    attempts: 0,
    completed: false,
    completedAt: null,
  }
  if (await addIfAbsent(COLLECTIONS.studyProgress, fresh)) return fresh
  await getDb()
    .collection(COLLECTIONS.studyProgress)
    .doc(_id)
    .update({ data: { lastReportAt: at } })
  return (await findById<ProgressDoc>(COLLECTIONS.studyProgress, _id))!
}

/**
 * When the record meets the completion rule: marks it completed (once) and records the ledger action (its id
 * `study_<memberId>_<itemId>` makes a repeat a duplicate, so retries and concurrent calls count once; a call
 * that died between the two is completed by the next). Answers whether this call counted it.
 */
export async function completeIfDue(read: ItemDoc, member: MemberDoc, p: ProgressDoc) {
  if (!isCompleted(read, p)) return false
  const item = await lockItem(read, 'lockedAt')
  if (!isCompleted(item, p)) return false
  await updatedCount(
    getDb()
      .collection(COLLECTIONS.studyProgress)
      .where({ _id: p._id, completed: false })
      .update({ data: { completed: true, completedAt: nowDate() } }),
  )
  p.completed = true
  const recorded = await recordParticipation({ member, rule: 'study', ref: item._id })
  return recorded.counted
}
