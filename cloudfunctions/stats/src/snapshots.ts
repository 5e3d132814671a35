// Frozen snapshots (ranking_snapshots) in bounded documents. A snapshot of at most CHUNK_ROWS rows is one
// document, as every snapshot was before chunks; a larger one is stored as chunks of CHUNK_ROWS rows and a
// header (the snapshot without its rows, with their count), so that no document grows with the district: at
// 50,000 branches the district's ranking is ~17 MB, past CloudBase's 16 MB a document. Every read takes
// either form (months frozen before the chunks are single documents of any size), in one round trip.
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { PAGE, rows as found } from '../../_shared/db'

/** Rows a document holds at most, and so a page of a ranking; SNAPSHOT_CHUNK_ROWS overrides it. At ~340
 * bytes a branch row, a chunk of the district's ranking stays near 340 KB. */
export const CHUNK_ROWS = Number(process.env.SNAPSHOT_CHUNK_ROWS) || 1000

/** A snapshot as settlement freezes it and readers get it back. */
export type Snapshot<R> = { _id: string; month: string; rows: R[] }
/** A chunked snapshot's header: everything but its rows, their count, and how they are cut. */
type Header = { _id: string; month: string; count: number; chunks: number; size: number }
type Chunk<R> = { _id: string; of: string; n: number; month: string; rows: R[] }
type Stored<R> = Snapshot<R> | Header | Chunk<R>

/** A chunk's id: no snapshot's id starts so (theirs start with the kind), so chunks never meet one. */
export const chunkIdOf = (snapshotId: string, n: number) =>
  `page_${snapshotId}_${String(n).padStart(4, '0')}`

/** The documents a snapshot is stored as: itself when its rows fit one document, else its chunks and then
 * its header (last, so that a header found means its chunks were written). */
export function storedDocs(snapshot: Snapshot<unknown>, size = CHUNK_ROWS): Stored<unknown>[] {
  const { rows, ...header } = snapshot
  if (rows.length <= size) return [snapshot]
  const chunks: Chunk<unknown>[] = []
  for (let n = 0; n * size < rows.length; n++)
    chunks.push({
      _id: chunkIdOf(header._id, n),
      of: header._id,
      n,
      month: header.month,
      rows: rows.slice(n * size, (n + 1) * size),
    })
  const head: Header = { ...header, count: rows.length, chunks: chunks.length, size }
  return [...chunks, head]
}

/** Snapshots by id from the documents read of them: single documents, or headers with their chunks. */
export function assembled<S extends Snapshot<unknown>>(docs: Stored<S['rows'][number]>[]) {
  const chunksOf = new Map<string, Chunk<unknown>[]>()
  for (const d of docs) if ('of' in d) chunksOf.set(d.of, [...(chunksOf.get(d.of) ?? []), d])
  const out = new Map<string, S>()
  for (const d of docs) {
    if ('of' in d) continue
    if ('rows' in d) {
      out.set(d._id, d as S)
      continue
    }
    const { count: _count, chunks: _chunks, size: _size, ...header } = d
    const rows = (chunksOf.get(d._id) ?? []).sort((a, b) => a.n - b.n).flatMap((c) => c.rows)
    out.set(d._id, { ...header, rows } as S)
  }
  return out
}

/** Whole snapshots by id, in either form, in one round trip (at most PAGE documents in all). `field` names
 * what to read of a single document or a chunk besides its rows. */
export async function readSnapshots<S extends Snapshot<unknown>>(
  ids: string[],
  field?: Record<string, true>,
): Promise<Map<string, S>> {
  const _ = getDb().command
  const query = getDb()
    .collection(COLLECTIONS.snapshots)
    .where(_.or([{ _id: _.in(ids) }, { of: _.in(ids) }]))
  const docs = await found<Stored<S['rows'][number]>>(
    (field ? query.field({ ...field, rows: true, of: true, n: true, month: true }) : query).limit(
      PAGE,
    ),
  )
  return assembled<S>(docs)
}

export async function readSnapshot<S extends Snapshot<unknown>>(id: string): Promise<S | null> {
  return (await readSnapshots<S>([id])).get(id) ?? null
}

/** Page `n` (from 0) of rows in pages of CHUNK_ROWS, with the count of all and the page size. */
export const pageOf = <R>(rows: R[], n: number) => ({
  rows: rows.slice(n * CHUNK_ROWS, (n + 1) * CHUNK_ROWS),
  count: rows.length,
  size: CHUNK_ROWS,
})

/** Page `n` (from 0) of a snapshot's rows, pages of CHUNK_ROWS, with the count of all its rows and the page
 * size: the header and one chunk in one round trip, or the page cut from a single document. */
export async function readPage<R>(id: string, n: number) {
  const docs = await found<Stored<R>>(
    getDb()
      .collection(COLLECTIONS.snapshots)
      .where({ _id: getDb().command.in([id, chunkIdOf(id, n)]) })
      .limit(2),
  )
  const head = docs.find((d) => d._id === id)
  if (!head || 'of' in head) return null
  if ('rows' in head) return pageOf(head.rows, n)
  const chunk = docs.find((d): d is Chunk<R> => 'of' in d)
  return { rows: chunk?.rows ?? [], count: head.count, size: head.size }
}
