// Stored documents as the pages see them: ISO dates, names, and what the caller may do; never an openid.
import type {
  AppealView,
  CommentView,
  MessageView,
  NewsCard,
  NewsDetail,
} from '../../../typings/interact'
import type { Caller } from '../../_shared/caller'
import { awaitsReview, visibleImages } from '../../_shared/media'
import type { NewsDoc } from '../../_shared/news'
import { isAppealOverdue, isMessageOverdue } from '../../_shared/deadlines'
import { surnameOnly } from '../../_shared/names'
import { authorShown, excerptOf } from './domain'
import {
  inBranch,
  isOwn,
  mayKeepBoard,
  mayManageNews,
  mayRead,
  mayRemove,
  mayReviewMedia,
  readerOf,
} from './reader'
import type { AppealDoc, BoardMessageDoc, CommentDoc } from './records'

/** Outside the branch a post's author shows as the branch (the privacy guide's 支部动态 line). */
export function toNewsCard(doc: NewsDoc, branchName: string, caller: Caller): NewsCard {
  const insider = inBranch(caller.member, doc.branchId) || caller.member?._id === doc.authorId
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    excerpt: excerptOf(doc.body),
    cover: imagesFor(doc, caller)[0] ?? null,
    branchId: doc.branchId,
    branchName,
    visibility: doc.visibility,
    authorName: authorShown(doc, branchName, insider),
    createdAt: doc.createdAt.toISOString(),
    commentCount: doc.commentCount,
    readCount: doc.readCount,
  }
}

export function toNewsDetail(doc: NewsDoc, branchName: string, caller: Caller): NewsDetail {
  const manage = mayManageNews(caller, doc)
  return {
    ...toNewsCard(doc, branchName, caller),
    body: doc.body,
    images: imagesFor(doc, caller),
    mediaStatus: doc.media?.status ?? 'none',
    awaitingReview: awaitsReview(doc.media) && mayReviewMedia(caller, doc),
    canEdit: manage,
    canDelete: manage,
    // A reviewer may open an item outside their feed (mayOpenNews) but not join its discussion.
    canComment: caller.member?.status === 'active' && mayRead(readerOf(caller), doc),
  }
}

const imagesFor = (doc: NewsDoc, caller: Caller) =>
  visibleImages(doc.images, doc.media, {
    author: !!caller.member && caller.member._id === doc.authorId,
    reviewer: mayReviewMedia(caller, doc),
  })

/** Outside the news item's branch commenters show by surname only, except to themselves. */
export function toCommentView(
  doc: CommentDoc,
  caller: Caller,
  replies: CommentDoc[] = [],
): CommentView {
  const insider = inBranch(caller.member, doc.newsBranchId)
  const shown = (name: string) => (insider ? name : surnameOnly(name))
  return {
    id: doc._id,
    authorName: isOwn(caller, doc.authorId) ? doc.authorName : shown(doc.authorName),
    text: doc.text,
    createdAt: doc.createdAt.toISOString(),
    replyToName: doc.replyToName === null ? null : shown(doc.replyToName),
    canDelete: mayRemove(caller, doc.authorId, doc.newsBranchId),
    replies: replies.map((r) => toCommentView(r, caller)),
  }
}

export function toMessageView(doc: BoardMessageDoc, caller: Caller, now: Date): MessageView {
  const keeper = mayKeepBoard(caller, doc.branchId)
  return {
    id: doc._id,
    authorName: doc.authorName,
    text: doc.text,
    createdAt: doc.createdAt.toISOString(),
    reply: doc.reply
      ? { text: doc.reply.text, byName: doc.reply.byName, at: doc.reply.at.toISOString() }
      : null,
    overdue: keeper && isMessageOverdue(doc, now),
    canDelete: mayRemove(caller, doc.authorId, doc.branchId),
  }
}

export function toAppealView(
  doc: AppealDoc,
  handlerName: string,
  now: Date,
  caller: Caller,
): AppealView {
  const reviewer = mayReviewMedia(caller, doc)
  return {
    id: doc._id,
    category: doc.category,
    text: doc.text,
    images: visibleImages(doc.images, doc.media, {
      author: isOwn(caller, doc.requesterId),
      reviewer,
    }),
    awaitingReview: reviewer && awaitsReview(doc.media),
    status: doc.status,
    level: doc.level,
    handlerName,
    requesterName: doc.requesterName,
    requesterKind: doc.requesterKind,
    createdAt: doc.createdAt.toISOString(),
    dueAt: doc.dueAt.toISOString(),
    overdue: isAppealOverdue(doc, now),
    answer: doc.answer,
    rating: doc.rating,
    timeline: doc.timeline.map(({ byId: _byId, ...event }) => ({
      ...event,
      at: event.at.toISOString(),
    })),
  }
}

/** Who handles an appeal at its level: the branch, or the community party committee. */
export const handlerOrgId = (doc: Pick<AppealDoc, 'level' | 'branchId' | 'communityId'>) =>
  doc.level === 'branch' && doc.branchId ? doc.branchId : doc.communityId
