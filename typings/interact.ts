// 互动: branch news with comments, each branch's 留言板, and the 诉求 channel (the seeds' 需求通道 and 六个便利).
import { z } from 'zod'
import { DraftId, FileId, Id, type MediaStatus, text } from './common'

export const NEWS_VISIBILITIES = ['branch', 'community', 'public'] as const
export type NewsVisibilityOption = (typeof NEWS_VISIBILITIES)[number]
export const NEWS_VISIBILITY_LABELS: Record<NewsVisibilityOption, string> = {
  branch: '仅本支部',
  community: '本社区',
  public: '全区公开',
}

/**
 * Members' categories are the seeds' 六个便利 (发展融资、白领午餐、学习培训、法律维权、卫生保健、沟通交流);
 * residents' are the needs of a neighbourhood (邻里纠纷 …); 其他 is both. Pages offer each side its own; every
 * category stays valid for appeals already stored.
 */
export const APPEAL_CATEGORIES = [
  '融资',
  '午餐',
  '学习培训',
  '法律维权',
  '卫生保健',
  '沟通交流',
  '邻里纠纷',
  '环境卫生',
  '设施维修',
  '政策咨询',
  '其他',
] as const
export type AppealCategory = (typeof APPEAL_CATEGORIES)[number]
export const APPEAL_STATUSES = ['submitted', 'accepted', 'answered', 'closed'] as const
export type AppealStatus = (typeof APPEAL_STATUSES)[number]
/** Who handles an appeal now: the requester's branch, or (residents, escalations) the community party committee. */
export type AppealLevel = 'branch' | 'community'

/**
 * Each set of images a person may have to decide (interact.reviewMedia): a news item's, an appeal's, a wish's
 * photo (the resident's), its fulfilment photos (the claimer's), an org-life session's materials and a 网上党校
 * item's images.
 */
export const MEDIA_ITEM_KINDS = [
  'news',
  'appeal',
  'wishPhoto',
  'wishFulfilPhotos',
  'sessionMaterials',
  'study',
] as const
export type MediaItemKind = (typeof MEDIA_ITEM_KINDS)[number]

const Cursor = z.string().max(200).optional()
const NewsFields = {
  title: text({ label: '标题', min: 2, max: 50 }),
  body: text({ label: '正文', min: 1, max: 5000 }),
  images: z.array(FileId).max(9, '最多 9 张图片').default([]),
  visibility: z.enum(NEWS_VISIBILITIES, '请选择可见范围'),
}

export const interactInputs = {
  postNews: z.object({ draftId: DraftId, ...NewsFields }).strict(),
  editNews: z.object({ newsId: Id, ...NewsFields }).strict(),
  deleteNews: z.object({ newsId: Id }).strict(),
  listNews: z.object({ cursor: Cursor }).strict(),
  newsDetail: z.object({ newsId: Id }).strict(),

  comment: z
    .object({
      draftId: DraftId,
      newsId: Id,
      text: text({ label: '评论', min: 1, max: 500 }),
      /** The comment answered; a reply to a reply joins the same thread (one level). */
      replyTo: Id.optional(),
    })
    .strict(),
  listComments: z.object({ newsId: Id, cursor: Cursor }).strict(),
  deleteComment: z.object({ commentId: Id }).strict(),

  postMessage: z
    .object({ draftId: DraftId, text: text({ label: '留言', min: 1, max: 500 }) })
    .strict(),
  listMessages: z
    .object({
      cursor: Cursor,
      unansweredOnly: z.boolean().optional(),
      /** Another branch's board, read by those who oversee it; the caller's own by default. */
      branchId: Id.optional(),
    })
    .strict(),
  replyMessage: z
    .object({ messageId: Id, text: text({ label: '回复', min: 1, max: 500 }) })
    .strict(),
  deleteMessage: z.object({ messageId: Id }).strict(),

  submitAppeal: z
    .object({
      draftId: DraftId,
      category: z.enum(APPEAL_CATEGORIES, '请选择诉求类别'),
      text: text({ label: '诉求内容', min: 5, max: 1000 }),
      images: z.array(FileId).max(6, '最多 6 张图片').default([]),
    })
    .strict(),
  myAppeals: z.object({ cursor: Cursor }).strict(),
  appealInbox: z
    .object({
      cursor: Cursor,
      status: z.enum(APPEAL_STATUSES).optional(),
      /**
       * Instead of the appeals the caller handles, those whose images wait for the caller's review, at any
       * level: a secretary's branch's (escalated too), a community admin's whole community's.
       */
      awaitingReview: z.boolean().optional(),
    })
    .strict(),
  acceptAppeal: z.object({ appealId: Id }).strict(),
  answerAppeal: z
    .object({ appealId: Id, answer: text({ label: '答复', min: 2, max: 1000 }) })
    .strict(),
  escalateAppeal: z
    .object({ appealId: Id, note: text({ label: '说明', min: 2, max: 200 }) })
    .strict(),
  rateAppeal: z
    .object({
      appealId: Id,
      rating: z.number().int().min(1, '请选择 1 到 5 分').max(5, '请选择 1 到 5 分'),
      comment: text({ label: '评价', min: 1, max: 200 }).optional(),
    })
    .strict(),

  /**
   * A person's decision on images WeChat's check was unsure about ('review'). `id` is the news item's, the
   * appeal's, the wish's (both wish kinds) or the session's; `images` the file ids the reviewer was shown, so
   * a decision never lands on images put in their place since.
   */
  reviewMedia: z
    .object({
      kind: z.enum(MEDIA_ITEM_KINDS, '请指明审核哪一组图片'),
      id: Id,
      images: z.array(FileId).min(1, '请指明审核的图片').max(9, '最多 9 张图片'),
      decision: z.enum(['pass', 'risky'], '请选择通过或不通过'),
    })
    .strict(),
}

/** A page of a list ordered newest first; pass `nextCursor` back for the next page (null: no more). */
export type Paged<T> = { items: T[]; nextCursor: string | null }

export type NewsCard = {
  id: string
  kind: 'post' | 'bulletin'
  title: string
  excerpt: string
  /** The first image once WeChat's media check passed (the author's own also while it is pending). */
  cover: string | null
  branchId: string
  branchName: string
  visibility: NewsVisibilityOption
  authorName: string
  createdAt: string
  commentCount: number
  readCount: number
}

export type NewsDetail = NewsCard & {
  body: string
  images: string[]
  /**
   * WeChat's asynchronous media check: `images` is empty until 'pass', except while 'pending' for the author
   * and, once the images await a person's decision, for whoever may decide.
   */
  mediaStatus: MediaStatus
  /** WeChat was unsure of the images and the caller may decide them (interact.reviewMedia). */
  awaitingReview: boolean
  canEdit: boolean
  canDelete: boolean
  canComment: boolean
}

export type CommentView = {
  id: string
  authorName: string
  text: string
  createdAt: string
  /** Whom a reply answers (null on a top-level comment). */
  replyToName: string | null
  canDelete: boolean
  /** Replies, oldest first (top-level comments only). */
  replies: CommentView[]
}

export type MessageView = {
  id: string
  authorName: string
  text: string
  createdAt: string
  reply: { text: string; byName: string; at: string } | null
  /** Unanswered for more than 3 days (shown to whoever may reply). */
  overdue: boolean
  canDelete: boolean
}

export type AppealEvent = {
  action: 'submit' | 'accept' | 'answer' | 'escalate' | 'rate'
  status: AppealStatus
  at: string
  byName: string
  note: string
}

export type AppealView = {
  id: string
  category: AppealCategory
  text: string
  /**
   * Shown once WeChat's media check passed (to the requester also while it is pending, and to whoever may
   * decide them once they await a person's decision).
   */
  images: string[]
  /** WeChat was unsure of the images and the caller may decide them (interact.reviewMedia). */
  awaitingReview: boolean
  status: AppealStatus
  level: AppealLevel
  /** The organisation handling it now. */
  handlerName: string
  requesterName: string
  requesterKind: 'member' | 'resident'
  createdAt: string
  dueAt: string
  /** Not answered by `dueAt` (7 days after submission). */
  overdue: boolean
  answer: string | null
  rating: number | null
  timeline: AppealEvent[]
}

export type InteractOutputs = {
  postNews: { news: NewsDetail }
  editNews: { news: NewsDetail }
  deleteNews: { newsId: string }
  listNews: Paged<NewsCard>
  newsDetail: { news: NewsDetail }
  comment: {
    comment: CommentView
    counted: boolean
    /** Posted but not counted because 评论留言's cap for today or for the month was full (the poster is told). */
    capped: 'daily' | 'monthly' | null
  }
  listComments: Paged<CommentView>
  deleteComment: { commentId: string; removed: number }
  postMessage: {
    message: MessageView
    counted: boolean
    /** As for comment: 留言 count under the same 评论留言 caps. */
    capped: 'daily' | 'monthly' | null
  }
  listMessages: Paged<MessageView> & {
    branchName: string
    /** The caller's own board: they may write on it (an overseer reads another branch's). */
    canPost: boolean
    /** Whether the caller may reply (secretary or 信息员 of the branch). */
    canReply: boolean
    /** Unanswered messages older than 3 days (null for members who may not reply). */
    overdueCount: number | null
  }
  replyMessage: { message: MessageView }
  deleteMessage: { messageId: string }
  submitAppeal: { appeal: AppealView }
  myAppeals: Paged<AppealView>
  appealInbox: Paged<AppealView> & { handlerName: string; overdueCount: number }
  acceptAppeal: { appeal: AppealView }
  answerAppeal: { appeal: AppealView }
  escalateAppeal: { appeal: AppealView }
  rateAppeal: { appeal: AppealView }
  reviewMedia: { kind: MediaItemKind; id: string; mediaStatus: 'pass' | 'risky' }
}
