// Branch news as stored; written by the 互动 function (posts) and by month settlement (bulletins).
import { getDb } from './cloud'
import { COLLECTIONS } from './collections'

export type NewsVisibility = 'branch' | 'community' | 'public'

export type NewsDoc = {
  _id: string
  branchId: string
  communityId: string
  /** A member id, or 'system' for the monthly bulletin. */
  authorId: string
  authorName: string
  title: string
  body: string
  /** Cloud file ids. */
  images: string[]
  visibility: NewsVisibility
  kind: 'post' | 'bulletin'
  createdAt: Date
  updatedAt: Date
  commentCount: number
  readCount: number
  deleted: boolean
}

/** Inserts a news document with a caller-chosen id (deterministic ids make bulletins idempotent). */
export async function insertNews(doc: NewsDoc): Promise<void> {
  await getDb().collection(COLLECTIONS.news).add({ data: doc })
}
