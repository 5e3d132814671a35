// Branch news as stored; written by the 互动 function (posts) and by month settlement (bulletins).
import { getDb } from './cloud'
import { COLLECTIONS } from './collections'
import { rows } from './db'
import type { MediaState } from './media'

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
  /** Reader keys (see newsAudience); insertNews derives them, so writers need not. */
  audience?: string[]
  /** WeChat's asynchronous check of `images`: pending until its results arrive (_shared/media.ts). */
  media?: MediaState
}

/** The keys of everyone who may read a news item: its branch, plus its community, plus everyone. */
export function newsAudience(
  doc: Pick<NewsDoc, 'branchId' | 'communityId' | 'visibility'>,
): string[] {
  const keys = doc.branchId ? [`branch:${doc.branchId}`] : []
  if (doc.visibility !== 'branch' && doc.communityId) keys.push(`community:${doc.communityId}`)
  if (doc.visibility === 'public') keys.push('public')
  return keys
}

/** The keys a reader matches: one indexed `audience in keys` query serves the whole feed. */
export function readerKeys(reader: { branchId: string | null; communityId: string | null }) {
  const keys = ['public']
  if (reader.branchId) keys.push(`branch:${reader.branchId}`)
  if (reader.communityId) keys.push(`community:${reader.communityId}`)
  return keys
}

/** Inserts a news document with a caller-chosen id (deterministic ids make bulletins idempotent). */
export async function insertNews(doc: NewsDoc): Promise<void> {
  await getDb()
    .collection(COLLECTIONS.news)
    .add({ data: { ...doc, audience: newsAudience(doc) } })
}

/** A branch keeps when its latest post was made (lastNewsAt), so the 长期未更新 rule (_shared/stale.ts) reads
 * branches, never their news: a post just made is the latest. */
export async function keepLastNews(branchId: string, at: Date): Promise<void> {
  await getDb()
    .collection(COLLECTIONS.orgs)
    .doc(branchId)
    .update({ data: { lastNewsAt: at } })
}

/** A post made at `postedAt` was deleted: if it was the branch's latest, the newest one still standing is.
 * Conditional on it, so a post made meanwhile is never overwritten by an older one. */
export async function forgetLastNews(branchId: string, postedAt: Date): Promise<void> {
  const db = getDb()
  const [newest] = await rows<Pick<NewsDoc, 'createdAt'>>(
    db
      .collection(COLLECTIONS.news)
      .where({ branchId, kind: 'post', deleted: false })
      .orderBy('createdAt', 'desc')
      .field({ createdAt: true })
      .limit(1),
  )
  await db
    .collection(COLLECTIONS.orgs)
    .where({ _id: branchId, lastNewsAt: postedAt })
    .update({ data: { lastNewsAt: newest?.createdAt ?? null } })
}
