// Reading and the quiz: the page reports time and the end reached; the server credits time, grades the quiz
// (answers never leave it) and records the completion once.
import { activeMember } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { invalid } from '../../../_shared/errors'
import { memberIdOf } from '../../../_shared/identity'
import { creditedSeconds, grade } from '../domain'
import {
  type ProgressDoc,
  completeIfDue,
  findItem,
  itemView,
  lockItem,
  mayManage,
  mayRead,
  mayReviewStudy,
  openProgress,
  progressId,
  progressView,
} from '../store'

export const detail = defineAction('study', 'detail', {
  audience: 'member',
  scope: ['readers'],
  async run({ caller }, { itemId }) {
    const item = await findItem(caller, itemId, { toReview: true })
    const view = { reviewer: mayReviewStudy(caller, item), manager: mayManage(caller, item.target) }
    // A reviewer from outside its readers decides the images; they do not study it.
    if (!mayRead(caller, item.target))
      return { item: itemView(item, memberIdOf(caller.openid), null, view) }
    const member = activeMember(caller)
    return { item: itemView(item, member._id, await openProgress(item, member), view) }
  },
})

const progressOf = (id: string) => findById<ProgressDoc>(COLLECTIONS.studyProgress, id)

export const progress = defineAction('study', 'progress', {
  audience: 'member',
  scope: ['readers'],
  async run({ caller }, input) {
    const item = await findItem(caller, input.itemId)
    const member = activeMember(caller)
    const p =
      (await progressOf(progressId(item._id, member._id))) ?? (await openProgress(item, member))
    const at = nowDate()
    const credit = creditedSeconds(
      input.seconds,
      (at.getTime() - new Date(p.lastReportAt).getTime()) / 1000,
    )
    const _ = getDb().command
    // Only on the record as read: of two reports racing, one is credited, and neither twice.
    const moved = await updatedCount(
      getDb()
        .collection(COLLECTIONS.studyProgress)
        .where({ _id: p._id, lastReportAt: p.lastReportAt })
        .update({
          data: {
            seconds: _.inc(credit),
            lastReportAt: at,
            ...(input.reachedEnd ? { reachedEnd: true } : {}),
          },
        }),
    )
    const now = moved ? (await progressOf(p._id))! : p
    const counted = await completeIfDue(item, member, now)
    return { progress: progressView(now), counted }
  },
})

export const submitQuiz = defineAction('study', 'submitQuiz', {
  audience: 'member',
  scope: ['readers'],
  async run({ caller }, input) {
    // Locked before grading: an edit of the quiz either landed before (and is graded here) or is refused.
    const item = await lockItem(await findItem(caller, input.itemId), 'quizLockedAt')
    if (!item.quiz) throw invalid('该内容没有测验')
    if (input.answers.length !== item.quiz.questions.length) throw invalid('请回答全部题目')
    const member = activeMember(caller)
    const result = grade(item.quiz, input.answers)
    const p =
      (await progressOf(progressId(item._id, member._id))) ?? (await openProgress(item, member))
    const _ = getDb().command
    const coll = getDb().collection(COLLECTIONS.studyProgress)
    // A pass is never taken back by a later failed attempt; the best result only rises.
    await Promise.all([
      coll.doc(p._id).update({
        data: { attempts: _.inc(1), ...(result.passed ? { quizPassed: true } : {}) },
      }),
      coll
        .where({ _id: p._id, bestPercent: _.lt(result.percent) })
        .update({ data: { bestPercent: result.percent } }),
    ])
    const now = (await progressOf(p._id))!
    const counted = await completeIfDue(item, member, now)
    return { ...result, progress: progressView(now), counted }
  },
})
