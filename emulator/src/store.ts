import { randomFillSync } from 'node:crypto'
import { Aggregator, ProcessingMode, Query, update } from 'mingo'
import { Collection } from './collection'
import { clone, MAX_DEPTH, nestsDeeper, sameValue, type Doc, type Id, type Json } from './ejson'
import { conflict, notFound, TcbError } from './errors'
import { plan, type IndexSpec } from './planner'
import { Tx, type Op } from './txn'

export interface CollectionSpec {
  name: string
  indexes?: IndexSpec[]
}
export interface FindOpts {
  order?: [string, 1 | -1][]
  offset?: number
  limit?: number
  projection?: Json
}
export interface ModifyOpts {
  multi: boolean
  merge: boolean
  upsert: boolean
}
/** Documents examined per request, reported to the caller for stats and headers. */
export type Examined = (collection: string, n: number) => void

/** Random bytes drawn from a pool filled 4 KB at a time: one system call per hundreds of ids, not one per id. */
const pool = Buffer.alloc(4096)
let used = pool.length
export function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool)
    used = 0
  }
  return pool.toString('hex', used, (used += bytes))
}

export const newId = () => randomHex(16)

/**
 * A collection the emulator keeps for itself (cloud payment's orders): stored and logged like the others, but
 * no part of the database functions and the console see.
 */
export const isInternal = (name: string) => name.startsWith('__')

const TX_TTL_MS = 10 * 60_000

/** The in-memory database. Every write goes through a Tx so plain writes and transactions share one path. */
export class Store {
  private readonly cols = new Map<string, Collection>()
  private readonly txs = new Map<string, Tx>()
  private seq = 0

  constructor(
    private readonly specs: CollectionSpec[],
    private readonly persist: (ops: Op[]) => Promise<void> = async () => {},
  ) {
    for (const s of specs) this.cols.set(s.name, new Collection(s.name, s.indexes))
  }

  /** The database's collections, without the emulator's own (`isInternal`). */
  names(): string[] {
    return [...this.cols.keys()].filter((name) => !isInternal(name))
  }

  /** Documents written or removed so far: unchanged across a call means it wrote nothing. */
  get version(): number {
    return this.seq
  }

  col(name: string): Collection {
    const c = this.cols.get(name)
    if (!c) throw notFound(name)
    return c
  }

  /** Applies already-validated ops to memory (also used for log replay). */
  apply(ops: Op[], rebuild = true): void {
    for (const op of ops) {
      // Replay (rebuild=false) recreates collections that hold data even if the schema dropped them.
      if ('create' in op || (!rebuild && !this.cols.has(op.c))) {
        if (!this.cols.has(op.c)) {
          const spec = this.specs.find((s) => s.name === op.c)
          this.cols.set(op.c, new Collection(op.c, spec?.indexes))
        }
        if ('create' in op) continue
      }
      const c = this.col(op.c)
      const id = 'put' in op ? op.put._id : op.del
      this.seq++
      if ('put' in op) {
        if (rebuild) c.put(op.put)
        else c.docs.set(id, op.put)
      } else if (rebuild) c.delete(id)
      else c.docs.delete(id)
    }
  }

  rebuildIndexes(): void {
    for (const c of this.cols.values()) c.rebuild()
  }

  /** Addresses a transaction, or a throwaway unit of work committed by `finish`. */
  tx(txId?: string): Tx {
    if (!txId) return new Tx('', false)
    const tx = this.txs.get(txId)
    if (!tx) throw new TcbError('DATABASE_TRANSACTION_FAIL', `transaction ${txId} not found`)
    tx.lastUsed = Date.now()
    return tx
  }

  startTransaction(): string {
    const now = Date.now()
    for (const [id, t] of this.txs) if (now - t.lastUsed > TX_TTL_MS) this.txs.delete(id)
    const id = newId()
    this.txs.set(id, new Tx(id, true))
    return id
  }

  abortTransaction(txId: string): void {
    this.tx(txId)
    this.txs.delete(txId)
  }

  commitTransaction(txId: string): Promise<void> {
    const tx = this.tx(txId)
    this.txs.delete(txId)
    for (const [c, seen] of tx.seen) {
      const docs = this.col(c).docs
      for (const [id, doc] of seen) if ((docs.get(id) ?? null) !== doc) throw conflict()
    }
    return this.commit(tx)
  }

  /** Ends a unit of work: a plain write commits now, a transaction keeps its pending writes. */
  finish(tx: Tx): Promise<void> {
    return tx.durable ? Promise.resolve() : this.commit(tx)
  }

  private commit(tx: Tx): Promise<void> {
    const ops = tx.ops()
    for (const [c, m] of tx.overlay) {
      const col = this.col(c)
      if (!col.indexes.some((i) => i.spec.unique)) continue
      const ignore = new Set(m.keys())
      const puts = [...m.values()].filter((d): d is Doc => d !== null)
      for (const doc of puts) col.checkUnique(doc, ignore)
      if (puts.length > 1) new Collection(c, this.specsOf(c)).checkBatch(puts)
    }
    if (!ops.length) return Promise.resolve()
    this.apply(ops)
    return this.persist(ops)
  }

  private specsOf(name: string): IndexSpec[] {
    return this.cols.get(name)?.indexes.map((i) => i.spec) ?? []
  }

  /** The doc as `tx` sees it, noting which version it saw so a transaction can detect interference. */
  get(tx: Tx, name: string, id: Id): Doc | undefined {
    const pending = tx.pending(name)
    if (pending?.has(id)) return pending.get(id) ?? undefined
    const doc = this.col(name).docs.get(id)
    if (tx.durable) tx.saw(name, id, doc ?? null)
    return doc
  }

  write(tx: Tx, name: string, id: Id, doc: Doc | null): void {
    this.get(tx, name, id)
    tx.write(name, id, doc)
  }

  /** Matching docs in result order, with the number of documents examined. */
  match(tx: Tx, name: string, query: Json, opts: FindOpts = {}, examined?: Examined): Doc[] {
    const col = this.col(name)
    const order = opts.order ?? []
    const offset = Math.max(0, opts.offset ?? 0)
    const limit = opts.limit ?? Infinity
    const pending = tx.pending(name)
    const p = plan(query, order, col.indexes)
    const stream = p.ids ?? col.docs.keys()
    const early = (order.length === 0 || p.ordered) && !pending?.size
    // Built on first use: an exact plan needs it only for this unit of work's pending documents.
    let full: ((doc: Doc) => boolean) | undefined
    const test = (doc: Doc) => (full ??= matcher(query))(doc)
    const out: Doc[] = []
    let n = 0
    const consider = (doc: Doc | undefined, exact = false) => {
      if (!doc) return
      n++
      if (exact || test(doc)) out.push(doc)
    }
    for (const id of stream) {
      consider(pending?.has(id) ? undefined : col.docs.get(id), p.exact)
      if (early && out.length >= offset + limit) break
    }
    if (pending) for (const doc of pending.values()) consider(doc ?? undefined)
    examined?.(name, n)
    let result = out
    if (order.length && !(p.ordered && early))
      result = new Query({}).find<Doc>(out).sort(Object.fromEntries(order)).all()
    result = result.slice(offset, offset + limit)
    if (tx.durable) for (const d of result) this.get(tx, name, d._id)
    return result
  }

  project(docs: Doc[], projection?: Json): Json[] {
    if (!projection || !Object.keys(projection).length) return docs
    const pick = inclusion(projection)
    if (pick) return docs.map(pick)
    return new Query({}).find<Json>(docs, projection).all()
  }

  insert(tx: Tx, name: string, docs: Json[]): Id[] {
    this.col(name)
    const ids: Id[] = []
    for (const d of docs) {
      const doc = { ...d, _id: (d._id as Id | undefined) ?? newId() } as Doc
      // The batch's earlier documents are pending in `tx` already, so `get` finds a repeated id too.
      if (this.get(tx, name, doc._id))
        throw new TcbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key _id: ${doc._id}`)
      ids.push(doc._id)
      tx.write(name, doc._id, doc)
    }
    return ids
  }

  /** Update or replace; returns modified count, an upserted id and the last new doc. */
  modify(tx: Tx, name: string, query: Json, data: Json, o: ModifyOpts, examined?: Examined) {
    const found = this.match(tx, name, query, o.multi ? {} : { limit: 1 }, examined)
    let updated = 0
    let last: Doc | undefined
    for (const old of found) {
      const next = this.change(old, data, o.merge)
      last = next
      if (sameValue(next, old)) continue
      this.write(tx, name, old._id, next)
      updated++
    }
    if (found.length || !o.upsert) return { updated, doc: last }
    const seed: Json = {}
    for (const [k, v] of Object.entries(query)) if (!k.startsWith('$') && !isOp(v)) seed[k] = v
    const doc = this.change({ ...seed, _id: (seed._id as Id) ?? newId() } as Doc, data, o.merge)
    this.insert(tx, name, [doc])
    return { updated: 0, upsertId: doc._id, doc }
  }

  private change(old: Doc, data: Json, merge: boolean): Doc {
    if (!merge) return { ...clone(data), _id: old._id }
    const next = clone(old)
    const modifier = Object.keys(data).some((k) => k.startsWith('$')) ? data : { $set: data }
    if (!setOrInc(next, modifier))
      try {
        update(next, modifier as Parameters<typeof update>[1])
      } catch (e) {
        throw new TcbError('DATABASE_REQUEST_FAILED', `update failed: ${(e as Error).message}`)
      }
    // A long dotted path nests a shallow request deep; the log could not encode it once it was in memory.
    if (nestsDeeper(next))
      throw new TcbError(
        'DATABASE_REQUEST_FAILED',
        `update failed: document nested deeper than ${MAX_DEPTH} levels`,
      )
    next._id = old._id
    return next
  }

  remove(tx: Tx, name: string, query: Json, multi: boolean, examined?: Examined): number {
    const found = this.match(tx, name, query, multi ? {} : { limit: 1 }, examined)
    for (const d of found) this.write(tx, name, d._id, null)
    return found.length
  }

  aggregate(name: string, pipeline: Json[], examined?: Examined): Json[] {
    const first = pipeline[0]?.$match as Json | undefined
    let docs: Json[] = first
      ? this.match(new Tx('', false), name, first, {}, examined)
      : [...this.col(name).docs.values()]
    if (!first) examined?.(name, docs.length)
    let rest = first ? pipeline.slice(1) : pipeline
    // What a $lookup joins: a collection of the database, never one of the emulator's own.
    const docsOf = (c: string) => {
      if (isInternal(c)) throw notFound(c)
      return this.col(c).docs
    }
    // A $lookup on the other collection's _id joins by primary key, as the database's index would; mingo
    // would hash that whole collection on every call. A $group by string fields summing numbers goes without
    // mingo's per-document evaluation and hashing. Other stages go to mingo.
    const viaMingo = (stages: Json[]) =>
      new Aggregator(stages, {
        // Stages that only read their input build new documents: the stored ones need no copy.
        processingMode: stages.every((st) => Object.keys(st).every((k) => READ_ONLY_STAGES.has(k)))
          ? ProcessingMode.CLONE_OFF
          : ProcessingMode.CLONE_INPUT,
        collectionResolver: (c: string) => [...docsOf(c).values()],
      }).run(docs) as Json[]
    for (;;) {
      const at = rest.findIndex((stage) => idLookup(stage) !== null || sumGroup(stage) !== null)
      const stages = at < 0 ? rest : rest.slice(0, at)
      if (stages.length) docs = viaMingo(stages)
      if (at < 0) return docs
      const group = sumGroup(rest[at])
      if (group) {
        docs = group(docs) ?? viaMingo([rest[at]])
        rest = rest.slice(at + 1)
        continue
      }
      const { from, localField, as } = idLookup(rest[at])!
      const found = docsOf(from)
      let joined = 0
      docs = docs.map((d) => {
        const keys = ([] as unknown[]).concat(d[localField] ?? null)
        const hits = keys.flatMap((k) => {
          const hit = typeof k === 'string' || typeof k === 'number' ? found.get(k) : undefined
          return hit ? [hit] : []
        })
        joined += hits.length
        return { ...d, [as]: hits }
      })
      examined?.(from, joined)
      rest = rest.slice(at + 1)
    }
  }

  addCollection(name: string): Promise<void> {
    if (this.cols.has(name))
      throw new TcbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
    const ops: Op[] = [{ c: name, create: true }]
    this.apply(ops)
    return this.persist(ops)
  }

  /** Everything needed to rebuild the store: collections created at runtime, then all docs. */
  *snapshot(): Generator<Op> {
    for (const c of this.cols.values()) {
      if (!this.specs.some((s) => s.name === c.name)) yield { c: c.name, create: true }
      for (const doc of c.docs.values()) yield { c: c.name, put: doc }
    }
  }
}

const READ_ONLY_STAGES = new Set([
  '$match',
  '$group',
  '$project',
  '$sort',
  '$limit',
  '$skip',
  '$count',
])

/** A top-level field path (`'$f'`): its field, else null. */
const fieldOf = (e: unknown) => (typeof e === 'string' && /^\$[^.$]+$/.test(e) ? e.slice(1) : null)

/**
 * A `$group` whose `_id` is a top-level field or an object of them and whose other fields are `$sum`s of a
 * top-level field or a number, as a function answering what mingo answers (groups in order of first
 * appearance, sums added in document order, `$sum: n` as count × n), or null when a document's group field
 * is not a string (mingo then groups). Null for any other stage.
 */
function sumGroup(stage: Json): ((docs: Json[]) => Json[] | null) | null {
  const spec = stage.$group as Json | undefined
  if (!spec || typeof spec !== 'object' || Object.keys(stage).length !== 1) return null
  const id = spec._id
  const single = fieldOf(id)
  const keyed: [string, string][] = []
  if (!single) {
    if (!id || typeof id !== 'object' || Object.getPrototypeOf(id) !== Object.prototype) return null
    for (const [k, e] of Object.entries(id)) {
      const f = fieldOf(e)
      if (!f || k.startsWith('$') || k.includes('.')) return null
      keyed.push([k, f])
    }
    if (!keyed.length) return null
  }
  const sums: [string, string | number][] = []
  for (const [k, acc] of Object.entries(spec)) {
    if (k === '_id') continue
    const e = acc && typeof acc === 'object' ? (acc as Json).$sum : undefined
    if (Object.keys(acc ?? {}).length !== 1 || k.includes('.') || k.startsWith('$')) return null
    if (typeof e === 'number' && !Number.isNaN(e)) sums.push([k, e])
    else if (fieldOf(e)) sums.push([k, fieldOf(e)!])
    else return null
  }
  return (docs) => {
    const groups = new Map<string, { id: unknown; n: number; totals: number[] }>()
    for (const d of docs) {
      let key: string
      if (single) {
        const v = d[single]
        if (typeof v !== 'string') return null
        key = v
      } else {
        const vs = keyed.map(([, f]) => d[f])
        if (!vs.every((v) => typeof v === 'string')) return null
        key = JSON.stringify(vs)
      }
      let g = groups.get(key)
      if (!g) {
        const idValue = single ? key : Object.fromEntries(keyed.map(([k, f]) => [k, d[f]]))
        groups.set(key, (g = { id: idValue, n: 0, totals: sums.map(() => 0) }))
      }
      g.n++
      for (let i = 0; i < sums.length; i++) {
        const v = typeof sums[i][1] === 'string' ? d[sums[i][1]] : undefined
        if (typeof v === 'number' && !Number.isNaN(v)) g.totals[i] += v
      }
    }
    return [...groups.values()].map((g) => {
      const out: Json = { _id: g.id }
      sums.forEach(([k, e], i) => (out[k] = typeof e === 'number' ? g.n * e : g.totals[i]))
      return out
    })
  }
}

/** The simple-form $lookup of a top-level field on another collection's _id, else null. */
function idLookup(stage: Json): { from: string; localField: string; as: string } | null {
  const l = stage.$lookup as Json | undefined
  if (!l || l.foreignField !== '_id' || l.pipeline !== undefined) return null
  const { from, localField, as } = l
  if (typeof from !== 'string' || typeof localField !== 'string' || typeof as !== 'string')
    return null
  return localField.includes('.') ? null : { from, localField, as }
}

/**
 * The usual `.field({ a: true, … })` projection (top-level fields to include, `_id` perhaps switched off) as a
 * plain copy of those fields, in the order mingo gives them (sorted, then `_id`), without its per-call setup
 * and per-field path resolution; null for any other projection, which mingo answers.
 */
function inclusion(projection: Json): ((doc: Doc) => Json) | null {
  const fields: string[] = []
  let id = true
  for (const [k, v] of Object.entries(projection)) {
    if (k.includes('.') || k.startsWith('$')) return null
    if (k === '_id' && (v === false || v === 0)) id = false
    else if (v === true || v === 1) fields.push(k)
    else return null
  }
  if (!fields.length) return null
  fields.sort()
  return (doc) => {
    const out: Json = {}
    for (const f of fields) if (doc[f] !== undefined) out[f] = doc[f]
    if (id && out._id === undefined) out._id = doc._id
    return out
  }
}

/** A test for `query`; a lone string or number `_id` (every `doc(id)` call) skips building a mingo Query. */
function matcher(query: Json): (doc: Doc) => boolean {
  const keys = Object.keys(query)
  const id = query._id
  if (keys.length === 1 && keys[0] === '_id' && (typeof id === 'string' || typeof id === 'number'))
    return (doc) => doc._id === id
  const q = new Query(query)
  return (doc) => q.test(doc)
}

/**
 * Applies `$set` / `$inc` on plain top-level fields (the usual SDK update) to `doc` in place, as mingo would
 * but without its per-call operator setup, which cost more than the rest of the request. False (doc
 * untouched): another shape, left to mingo, which also reports the errors (e.g. `$inc` on a string).
 */
function setOrInc(doc: Doc, modifier: Json): boolean {
  const plain = (k: string) => k !== '_id' && !k.includes('.') && !k.startsWith('$')
  const ops = Object.entries(modifier)
  for (const [op, fields] of ops) {
    if ((op !== '$set' && op !== '$inc') || !fields || typeof fields !== 'object') return false
    for (const [k, v] of Object.entries(fields)) {
      if (!plain(k)) return false
      if (
        op === '$inc' &&
        (typeof v !== 'number' || !['number', 'undefined'].includes(typeof doc[k]))
      )
        return false
    }
  }
  const fields = new Set<string>()
  for (const [, f] of ops) for (const k of Object.keys(f as Json)) fields.add(k)
  // The same field under both operators is a conflict mingo reports.
  if (fields.size !== ops.reduce((n, [, f]) => n + Object.keys(f as Json).length, 0)) return false
  for (const [op, f] of ops)
    for (const [k, v] of Object.entries(f as Json))
      doc[k] = op === '$set' ? clone(v) : ((doc[k] as number | undefined) ?? 0) + (v as number)
  return true
}

const isOp = (v: unknown) =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => k.startsWith('$'))
