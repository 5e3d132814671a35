import type { Doc, Id } from './ejson'

export type Op = { c: string; put: Doc } | { c: string; del: Id } | { c: string; create: true }

export const versionKey = (c: string, id: Id) => `${c}\u0000${typeof id}\u0000${id}`

/**
 * Pending writes of one unit of work. Plain writes use a throwaway Tx committed at once; a client
 * transaction keeps one until commit. `seen` holds the version of every doc it read or wrote, so a
 * commit can tell whether anyone else changed them in between (optimistic concurrency).
 */
export class Tx {
  readonly overlay = new Map<string, Map<Id, Doc | null>>()
  readonly seen = new Map<string, number>()
  lastUsed = Date.now()

  constructor(
    readonly id: string,
    readonly durable: boolean,
  ) {}

  pending(c: string): Map<Id, Doc | null> | undefined {
    return this.overlay.get(c)
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
