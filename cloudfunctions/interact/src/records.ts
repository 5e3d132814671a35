// What the 互动 function stores (news documents are shared: _shared/news.ts).
import type {
  AppealCategory,
  AppealEvent,
  AppealLevel,
  AppealStatus,
} from '../../../typings/interact'
import type { NewsDoc } from '../../_shared/news'

/** Openids stay on the server: they address subscription messages and are never returned. */
type Author = { authorId: string; authorName: string; authorOpenid: string }

export type CommentDoc = Author & {
  _id: string
  newsId: string
  /** The news item's branch, whose secretary may delete the comment. */
  newsBranchId: string
  /** The thread's top-level comment; null on a top-level comment. */
  parentId: string | null
  replyToName: string | null
  text: string
  createdAt: Date
  deleted: boolean
}

export type BoardMessageDoc = Author & {
  _id: string
  branchId: string
  communityId: string | null
  text: string
  createdAt: Date
  answered: boolean
  reply: { text: string; byId: string; byName: string; at: Date } | null
  deleted: boolean
}

export type StoredAppealEvent = Omit<AppealEvent, 'at'> & { at: Date; byId: string }

export type AppealDoc = {
  _id: string
  requesterId: string
  requesterKind: 'member' | 'resident'
  requesterName: string
  requesterOpenid: string
  category: AppealCategory
  text: string
  images: string[]
  media?: NewsDoc['media']
  /** The requester's branch (null for residents and members without one). */
  branchId: string | null
  communityId: string
  level: AppealLevel
  status: AppealStatus
  answer: string | null
  rating: number | null
  timeline: StoredAppealEvent[]
  createdAt: Date
  updatedAt: Date
  dueAt: Date
}
