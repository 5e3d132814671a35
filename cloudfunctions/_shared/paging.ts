// Keyset paging of newest-first lists, ordered by (createdAt desc, _id desc): a page stops at its last item,
// and the cursor names that item, so items arriving between pages never shift or repeat one.
import { getDb } from './cloud'
import { rows } from './db'
import { invalid } from './errors'

/** Where a newest-first list stopped: the last item's (createdAt, _id). */
export type CursorKey = { at: Date; id: string }

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(`${key.at.getTime()}|${key.id}`, 'utf8').toString('base64url')
}

/** The key in a cursor, or null when the cursor was not made by encodeCursor. */
export function decodeCursor(cursor: string): CursorKey | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const match = /^(\d{1,15})\|(.{1,64})$/.exec(text)
  if (!match) return null
  return { at: new Date(Number(match[1])), id: match[2] }
}

/** A page from `limit + 1` rows fetched newest first: the extra row only says there is more. */
export function pageOf<T extends { _id: string; createdAt: Date }>(
  fetched: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = fetched.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items,
    nextCursor:
      fetched.length > limit && last ? encodeCursor({ at: last.createdAt, id: last._id }) : null,
  }
}

/** The condition "after the cursor" in (createdAt desc, _id desc) order; nothing for the first page. */
function afterCursor(cursor: string | undefined): object[] {
  if (!cursor) return []
  const key = decodeCursor(cursor)
  if (!key) throw invalid('分页参数有误，请刷新后重试')
  const _ = getDb().command
  // The range on createdAt lets the index narrow the scan; the `or` breaks ties by _id.
  return [{ createdAt: _.lte(key.at) }, _.or([{ createdAt: _.lt(key.at) }, { _id: _.lt(key.id) }])]
}

/**
 * One page of the documents matching `where`, newest first, from where `cursor` stopped (the first page
 * without one): one read of `limit + 1` documents. An index on (filter…, createdAt, _id) serves it.
 */
export async function newestFirst<T extends { _id: string; createdAt: Date }>(
  collection: string,
  where: object,
  page: { cursor?: string; limit: number; field?: Record<string, boolean> },
): Promise<{ items: T[]; nextCursor: string | null }> {
  const db = getDb()
  const query = db
    .collection(collection)
    .where(db.command.and([where, ...afterCursor(page.cursor)]))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(page.limit + 1)
  return pageOf(await rows<T>(page.field ? query.field(page.field) : query), page.limit)
}
