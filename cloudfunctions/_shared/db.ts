// Small database helpers over wx-server-sdk that every function uses.
import { getDb } from './cloud'

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

/** How many documents an update changed (wx-server-sdk's typings widen the result). */
export async function updatedCount(update: unknown): Promise<number> {
  const res = (await update) as { stats: { updated: number } }
  return res.stats.updated
}
