// Small database helpers over wx-server-sdk that every function uses.
import { getDb, isDuplicateKey } from './cloud'
import { notFound } from './errors'

/** wx-server-sdk's typings widen get() results to a union; this reads what it resolves to. */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  const res = (await query.get()) as { data: T[] }
  return res.data
}

/** A document by `_id`, or null. (wx-server-sdk's doc().get() throws on a missing id.) */
export async function findById<T>(collection: string, id: string): Promise<T | null> {
  const [doc] = await rows<T>(getDb().collection(collection).where({ _id: id }).limit(1))
  return doc ?? null
}

/**
 * A document the caller may see, else NOT_FOUND `<what>不存在`: one that exists but is not theirs to see is
 * answered exactly as a missing one, so guessed ids (a session's is its branch, type and time) tell nothing.
 * Refuse a visible document's action with PERMISSION_DENIED afterwards, never before this.
 */
export async function findVisible<T>(
  collection: string,
  id: string,
  what: string,
  maySee: (doc: T) => boolean | Promise<boolean>,
): Promise<T> {
  const doc = await findById<T>(collection, id)
  if (!doc || !(await maySee(doc))) throw notFound(what)
  return doc
}

/** How many documents an update changed (wx-server-sdk's typings widen the result). */
export async function updatedCount(update: unknown): Promise<number> {
  const res = (await update) as { stats: { updated: number } }
  return res.stats.updated
}

/** How many documents a remove deleted. */
export async function removedCount(remove: unknown): Promise<number> {
  const res = (await remove) as { stats: { removed: number } }
  return res.stats.removed
}

/** How many documents a query matches: one round trip, no documents read. */
export async function count(query: { count(): unknown }): Promise<number> {
  const res = (await query.count()) as { total: number }
  return res.total
}

type Stage =
  | { $match: object }
  | { $group: object }
  | { $sort: Record<string, 1 | -1> }
  | { $project: object }
  | { $lookup: object }
/** Every pipeline ends in a $limit: without one CloudBase answers only the first 20 results. */
type Limit = { $limit: number }

/** An aggregation pipeline, built through the SDK's builder (its aggregate() takes no raw pipeline). */
export async function aggregate<T>(
  collection: string,
  stages: readonly [...Stage[], Limit],
): Promise<T[]> {
  let pipeline = getDb().collection(collection).aggregate()
  for (const stage of stages) {
    const [[key, value]] = Object.entries(stage)
    pipeline =
      pipeline[key.slice(1) as 'match' | 'group' | 'sort' | 'project' | 'lookup' | 'limit'](value)
  }
  const res = (await pipeline.end()) as { list: T[] }
  return res.list
}

/** Adds a document with a deterministic id; false when it already exists. */
export async function addIfAbsent<T extends { _id: string }>(
  collection: string,
  doc: T,
): Promise<boolean> {
  try {
    await getDb()
      .collection(collection)
      .add({ data: doc as never })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}

/**
 * A write request's documents at most this much as JSON: the SDK sends canonical EJSON, about 2–3 times as
 * long for documents full of numbers, and a request over 6 MB is refused.
 */
export const MAX_WRITE_JSON_BYTES = 1_500_000

/** Inserts documents in batches of at most `batch` (and MAX_WRITE_JSON_BYTES); a batch that collides with an
 * earlier write is retried one by one so that existing documents stay exactly as first written. Returns how
 * many were new. */
export async function insertOnce(collection: string, docs: { _id: string }[], batch = 100) {
  const coll = getDb().collection(collection)
  let inserted = 0
  for (const chunk of batchesOf(docs, batch, MAX_WRITE_JSON_BYTES)) {
    try {
      await coll.add({ data: chunk as never })
      inserted += chunk.length
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      for (const d of chunk) if (await addIfAbsent(collection, d)) inserted++
    }
  }
  return inserted
}

/** `docs` in order, cut into batches of at most `count` documents and `bytes` of JSON (a larger document
 * alone). */
export function batchesOf<T>(docs: T[], count: number, bytes: number): T[][] {
  const out: T[][] = []
  let current: T[] = []
  let size = 0
  for (const d of docs) {
    const n = JSON.stringify(d).length
    if (current.length && (current.length >= count || size + n > bytes)) {
      out.push(current)
      current = []
      size = 0
    }
    current.push(d)
    size += n
  }
  if (current.length) out.push(current)
  return out
}

export const PAGE = 1000

/** Every document matching `where`, paged by `_id` cursor (`pageSize`, at most 1000: fewer for large
 * documents, to keep each answer a few MB); an index on (filter…, _id) serves it. */
export async function pageAll<T extends { _id: string }>(
  collection: string,
  where: Record<string, unknown>,
  field?: Record<string, boolean>,
  pageSize = PAGE,
): Promise<T[]> {
  const db = getDb()
  const _ = db.command
  const out: T[] = []
  let cursor: string | null = null
  for (;;) {
    const q = db
      .collection(collection)
      .where(cursor === null ? where : { ...where, _id: _.gt(cursor) })
      .orderBy('_id', 'asc')
      .limit(pageSize)
    const page: T[] = await rows<T>(field ? q.field({ ...field, _id: true }) : q)
    out.push(...page)
    if (page.length < pageSize) return out
    cursor = page[page.length - 1]._id
  }
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>) {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
