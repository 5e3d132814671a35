// Comments on news: one level of replies; a reply notifies the person answered; each counts in the ledger.
import { activeMember } from '../../../_shared/caller'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, findVisible, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied, notFound } from '../../../_shared/errors'
import { recordParticipation, reverseParticipation } from '../../../_shared/ledger'
import type { NewsDoc } from '../../../_shared/news'
import { newestFirst } from '../../../_shared/paging'
import type { MemberDoc } from '../../../_shared/records'
import { takeRateUnit } from '../../../_shared/rate-limit'
import { notify } from '../../../_shared/notify'
import { assertTextSafe } from '../../../_shared/security'
import { cappedBy } from '../capped'
import { surnameOnly } from '../../../_shared/names'
import { PAGE_SIZE, RATE_LIMITS, draftDocId } from '../domain'
import { inBranch, mayOpenNews, mayRead, mayRemove, openNews, readerOf } from '../reader'
import type { CommentDoc } from '../records'
import { toCommentView } from '../views'

const SCENE_COMMENT = 2

export const comment = defineAction('interact', 'comment', {
  audience: 'member',
  scope: ['readers'],
  async run({ caller }, input) {
    const me = activeMember(caller)
    // Reviewers open news to decide its images (openNews), but only its readers comment.
    const [news, answered] = await Promise.all([
      findVisible<NewsDoc>(COLLECTIONS.news, input.newsId, '该动态', (n) =>
        mayRead(readerOf(caller), n),
      ),
      input.replyTo ? findById<CommentDoc>(COLLECTIONS.comments, input.replyTo) : null,
    ])
    if (input.replyTo && (!answered || answered.deleted || answered.newsId !== news._id))
      throw notFound('被回复的评论')
    await assertTextSafe(caller.openid, SCENE_COMMENT, input.text)
    await takeRateUnit(me._id, RATE_LIMITS.comment)

    const doc: CommentDoc = {
      _id: draftDocId('c', me._id, input.draftId),
      newsId: news._id,
      newsBranchId: news.branchId,
      parentId: answered ? (answered.parentId ?? answered._id) : null,
      replyToName: answered?.authorName ?? null,
      authorId: me._id,
      authorName: me.name,
      authorOpenid: caller.openid,
      text: input.text,
      createdAt: nowDate(),
      deleted: false,
    }
    const db = getDb()
    try {
      await db.collection(COLLECTIONS.comments).add({ data: doc })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      const stored = await findById<CommentDoc>(COLLECTIONS.comments, doc._id)
      return { comment: toCommentView(stored ?? doc, caller), counted: false, capped: null }
    }
    const [recorded] = await Promise.all([
      recordParticipation({ member: me, rule: 'comment', ref: doc._id }),
      db
        .collection(COLLECTIONS.news)
        .doc(news._id)
        .update({ data: { commentCount: db.command.inc(1) } }),
      answered && answered.authorId !== me._id
        ? tellAnswered(answered, news, me.name, input.text)
        : null,
    ])
    return {
      comment: toCommentView(doc, caller),
      counted: recorded.counted,
      capped: await cappedBy(me, recorded),
    }
  },
})

/** Tells the person answered; outside the news item's branch they read the replier's surname only. */
async function tellAnswered(answered: CommentDoc, news: NewsDoc, replier: string, text: string) {
  const them = await findById<MemberDoc>(COLLECTIONS.members, answered.authorId)
  const insider = inBranch(them, news.branchId)
  await notify('commentReply', answered.authorOpenid, `pages/news-detail/index?id=${news._id}`, {
    news: news.title,
    replier: insider ? replier : surnameOnly(replier),
    text,
  })
}

export const listComments = defineAction('interact', 'listComments', {
  audience: 'registered',
  scope: ['readers'],
  async run({ caller }, input) {
    const news = await openNews(caller, input.newsId)
    const page = await newestFirst<CommentDoc>(
      COLLECTIONS.comments,
      { newsId: news._id, parentId: null, deleted: false },
      { cursor: input.cursor, limit: PAGE_SIZE },
    )
    const db = getDb()
    const replies = page.items.length
      ? await rows<CommentDoc>(
          db
            .collection(COLLECTIONS.comments)
            .where({ parentId: db.command.in(page.items.map((c) => c._id)), deleted: false })
            .orderBy('createdAt', 'asc')
            .limit(1000),
        )
      : []
    return {
      items: page.items.map((c) =>
        toCommentView(
          c,
          caller,
          replies.filter((r) => r.parentId === c._id),
        ),
      ),
      nextCursor: page.nextCursor,
    }
  },
})

/** Removes a comment (and, for a top-level one, its replies), takes them off the news item's count and takes
 * back their ledger points (a deleted comment does not count). */
export const deleteComment = defineAction('interact', 'deleteComment', {
  audience: 'member',
  scope: ['owner', 'secretary'],
  async run({ caller }, input) {
    const mayDelete = (c: CommentDoc) => mayRemove(caller, c.authorId, c.newsBranchId)
    const seesNews = async (newsId: string) => {
      const news = await findById<NewsDoc>(COLLECTIONS.news, newsId)
      return !!news && mayOpenNews(caller, news)
    }
    // Someone else's comment is refused where the caller sees its news, and missing where they do not.
    const target = await findVisible<CommentDoc>(
      COLLECTIONS.comments,
      input.commentId,
      '该评论',
      async (c) => !c.deleted && (mayDelete(c) || (await seesNews(c.newsId))),
    )
    if (!mayDelete(target)) throw denied('只有作者或支部书记可以删除评论')
    const db = getDb()
    const comments = db.collection(COLLECTIONS.comments)
    const mark = { deleted: true, deletedBy: caller.member?._id, deletedAt: nowDate() }
    const removed = await updatedCount(
      comments.where({ _id: target._id, deleted: false }).update({ data: mark }),
    )
    if (!removed) throw notFound('该评论')
    const replies = target.parentId
      ? 0
      : await updatedCount(
          comments.where({ parentId: target._id, deleted: false }).update({ data: mark }),
        )
    // Every deleted reply, including any deleted before (a reversal is once per entry, so those are no-ops).
    const deletedReplies = replies
      ? await rows<CommentDoc>(
          comments
            .where({ parentId: target._id, deleted: true })
            .field({ authorId: true })
            .limit(1000),
        )
      : []
    await Promise.all([
      db
        .collection(COLLECTIONS.news)
        .doc(target.newsId)
        .update({ data: { commentCount: db.command.inc(-(1 + replies)) } }),
      ...[target, ...deletedReplies].map((c) => reverseParticipation(c.authorId, 'comment', c._id)),
    ])
    return { commentId: target._id, removed: 1 + replies }
  },
})
