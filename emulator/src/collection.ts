import type { Doc, Id } from './ejson'
import { TcbError } from './errors'
import { SortedIndex, type IndexSpec } from './planner'

/** One collection: documents by _id (O(1) lookups) plus secondary indexes kept in step. */
export class Collection {
  readonly docs = new Map<Id, Doc>()
  readonly indexes: SortedIndex[]

  constructor(
    readonly name: string,
    specs: IndexSpec[] = [],
  ) {
    this.indexes = specs
      .filter((s) => Object.keys(s.keys).some((k) => k !== '_id'))
      .map((s) => new SortedIndex(s))
  }

  /** Throws DATABASE_REQUEST_FAILED if `doc` would break a unique index (ignoring `ignore` ids). */
  checkUnique(doc: Doc, ignore: Set<Id> = new Set()): void {
    for (const index of this.indexes) {
      if (!index.spec.unique) continue
      const clash = index.conflicts(doc, doc._id).filter((id) => !ignore.has(id))
      if (clash.length)
        throw new TcbError(
          'DATABASE_REQUEST_FAILED',
          `E11000 duplicate key error collection: ${this.name} index: ${index.spec.name}`,
        )
    }
  }

  /** Unique check within one batch of new docs, used on a scratch collection. */
  checkBatch(docs: Doc[]): void {
    for (const d of docs) {
      this.checkUnique(d)
      this.put(d)
    }
  }

  put(doc: Doc): void {
    const old = this.docs.get(doc._id)
    if (old) for (const i of this.indexes) i.remove(old)
    this.docs.set(doc._id, doc)
    for (const i of this.indexes) i.add(doc)
  }

  delete(id: Id): void {
    const old = this.docs.get(id)
    if (!old) return
    for (const i of this.indexes) i.remove(old)
    this.docs.delete(id)
  }

  rebuild(): void {
    for (const i of this.indexes) i.load(this.docs.values())
  }
}
