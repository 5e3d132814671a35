import type { Doc, Id } from './ejson'

export type Op = { c: string; put: Doc } | { c: string; del: Id } | { c: string; create: true }

/**
 * Pending writes of one unit of work. Plain writes use a throwaway Tx committed at once; a client
 * transaction keeps one until commit. `seen` holds, by collection and id, the stored document it first read
 * or wrote (null: none), so a commit can tell whether anyone else changed them in between (optimistic
 * concurrency): every committed write stores a new object, so a changed document is another object.
 */
export class Tx {
  readonly overlay = new Map<string, Map<Id, Doc | null>>()
  readonly seen = new Map<string, Map<Id, Doc | null>>()
  lastUsed = Date.now()

  constructor(
    readonly id: string,
    readonly durable: boolean,
  ) {}

  pending(c: string): Map<Id, Doc | null> | undefined {
    return this.overlay.get(c)
  }

  /** Notes the stored version of a document on first sight. */
  saw(c: string, id: Id, doc: Doc | null): void {
    let m = this.seen.get(c)
    if (!m) this.seen.set(c, (m = new Map()))
    if (!m.has(id)) m.set(id, doc)
  }

  write(c: string, id: Id, doc: Doc | null): void {
    let m = this.overlay.get(c)
    if (!m) this.overlay.set(c, (m = new Map()))
    m.set(id, doc)
  }

  ops(): Op[] {
    const out: Op[] = []
    for (const [c, m] of this.overlay)
      for (const [id, doc] of m) out.push(doc ? { c, put: doc } : { c, del: id })
    return out
  }
}
