// A 待办 list as the page shows it: its first rows, most urgent first, and how many there are in all. The rows
// (up to SCAN_LIMIT) are one read; only when that read comes back full does a count of the same condition
// follow, so a badge is exact at any size and the usual call still costs one read per list.
import type { TodoItem, TodoKind } from '../../../typings/todo'
import { getDb } from '../../_shared/cloud'
import { count, rows } from '../../_shared/db'
import { SCAN_LIMIT, sectionOf } from './domain'

export type Counted<T> = { rows: T[]; total: number }

/** The first SCAN_LIMIT documents matching `where` in `order`, with the exact number that match. */
export async function firstCounted<T>(
  collection: string,
  where: object,
  order: [field: string, direction: 'asc' | 'desc'],
  field: Record<string, boolean>,
): Promise<Counted<T>> {
  const coll = getDb().collection(collection)
  const found = await rows<T>(
    coll
      .where(where)
      .orderBy(...order)
      .field(field)
      .limit(SCAN_LIMIT),
  )
  const total = found.length < SCAN_LIMIT ? found.length : await count(coll.where(where))
  return { rows: found, total }
}

/** A section of counted rows, each made a line. */
export const countedSection = <T>(
  kind: TodoKind,
  { rows: found, total }: Counted<T>,
  line: (row: T) => TodoItem,
) => sectionOf(kind, found.map(line), { total })
