import type { Doc, Id, Json } from './ejson'
import { compare, compareIds, isScalar, pathValues, rank, sortKey } from './keys'

export interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
}

interface Bound {
  v: unknown
  incl: boolean
}
interface Range {
  rank: number
  lo?: Bound
  hi?: Bound
}

/** Entries per chunk before it splits: an insert moves at most this many, never the whole index. */
const CHUNK = 512

/**
 * Sorted entries without an object per entry: entry `i` is `ids[i]` with its key fields at
 * `keys[i * width]`… (the document's own values). An index of 100,000 documents is two arrays per chunk
 * rather than 200,000 small objects that the garbage collector would copy, promote and trace.
 */
interface Chunk {
  keys: unknown[]
  ids: Id[]
}

/** A position in the chunked list: chunk `c`, offset `i` (c === chunks.length is the end). */
interface Pos {
  c: number
  i: number
}

/** Whether the entry at offset `i` of a chunk sorts before the sought place. */
type Before = (ch: Chunk, i: number) => boolean

/**
 * A sorted list of (key tuple, id), kept as a list of sorted chunks so an insert or removal costs a binary
 * search plus a move within one chunk (a whole-array splice made bulk inserts quadratic). Binary search serves
 * equality prefixes, a range on the next field and ordered scans, which are lazy so a limited query stops
 * early. Key directions are ignored: a scan can run backwards instead.
 */
export class SortedIndex {
  readonly fields: string[]
  private readonly width: number
  /** Top-level field names (no dots): their one value is read directly, without pathValues' arrays. */
  private readonly plain: boolean
  private chunks: Chunk[] = []
  /** Set once a document gave more than one key (an array value): scans then skip repeated ids. */
  private multikey = false

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.keys)
    this.width = this.fields.length
    this.plain = this.fields.every((f) => !f.includes('.'))
  }

  keysOf(doc: Json): unknown[][] {
    if (this.plain) {
      const one: unknown[] = []
      for (const f of this.fields) {
        const v = doc[f]
        if (Array.isArray(v)) return this.expand(doc)
        one.push(v === undefined ? null : v)
      }
      return [one]
    }
    return this.expand(doc)
  }

  /** Every key tuple of `doc`, arrays expanded as a multikey index does. */
  private expand(doc: Json): unknown[][] {
    let tuples: unknown[][] = [[]]
    for (const f of this.fields) {
      const values = dedupe(pathValues(doc, f))
      tuples = tuples.flatMap((t) => values.map((v) => [...t, v]))
    }
    return tuples
  }

  /**
   * Builds the index from scratch. Entries are kept flat (keys in one array, ids in another) and sorted as a
   * permutation: by strings (`stringOrder`) when every value has a `sortKey`, otherwise by the exact comparator.
   * Either way the order is `compare`'s.
   */
  load(docs: Iterable<Doc>): void {
    const w = this.width
    const keys: unknown[] = []
    const ids: Id[] = []
    this.multikey = false
    for (const d of docs) {
      if (this.plain && this.pushPlain(d, keys)) {
        ids.push(d._id)
        continue
      }
      const tuples = this.keysOf(d)
      if (tuples.length > 1) this.multikey = true
      for (const k of tuples) {
        for (let f = 0; f < w; f++) keys.push(k[f])
        ids.push(d._id)
      }
    }
    const order = stringOrder(keys, ids, w) ?? exactOrder(keys, ids, w)
    this.chunks = []
    for (let start = 0; start < order.length; start += CHUNK) {
      const ch: Chunk = { keys: [], ids: [] }
      for (let j = start; j < start + CHUNK && j < order.length; j++) {
        const e = order[j]
        for (let f = 0; f < w; f++) ch.keys.push(keys[e * w + f])
        ch.ids.push(ids[e])
      }
      this.chunks.push(ch)
    }
  }

  /** Appends the one key tuple of a document without arrays in its top-level fields; false if it has some. */
  private pushPlain(doc: Json, keys: unknown[]): boolean {
    for (const f of this.fields) if (Array.isArray(doc[f])) return false
    for (const f of this.fields) {
      const v = doc[f]
      keys.push(v === undefined ? null : v)
    }
    return true
  }

  add(doc: Doc): void {
    const keys = this.keysOf(doc)
    if (keys.length > 1) this.multikey = true
    for (const k of keys) {
      const id = doc._id
      if (!this.chunks.length) {
        this.chunks.push({ keys: [...k], ids: [id] })
        continue
      }
      let { c, i } = this.search((ch, j) => this.cmpEntry(ch, j, k, id) < 0)
      if (c === this.chunks.length) {
        c--
        i = this.chunks[c].ids.length
      }
      const ch = this.chunks[c]
      ch.ids.splice(i, 0, id)
      ch.keys.splice(i * this.width, 0, ...k)
      if (ch.ids.length > 2 * CHUNK)
        this.chunks.splice(c + 1, 0, {
          keys: ch.keys.splice(CHUNK * this.width),
          ids: ch.ids.splice(CHUNK),
        })
    }
  }

  remove(doc: Doc): void {
    for (const k of this.keysOf(doc)) {
      const id = doc._id
      const { c, i } = this.search((ch, j) => this.cmpEntry(ch, j, k, id) < 0)
      const ch = this.chunks[c]
      if (!ch || this.cmpEntry(ch, i, k, id) !== 0) continue
      ch.ids.splice(i, 1)
      ch.keys.splice(i * this.width, this.width)
      if (!ch.ids.length) this.chunks.splice(c, 1)
    }
  }

  /** Ids of other docs holding the same full key (unique-index enforcement). */
  conflicts(doc: Json, id: Id): Id[] {
    const out: Id[] = []
    for (const k of this.keysOf(doc))
      for (const other of this.scan(k)) if (other !== id) out.push(other)
    return out
  }

  /** Ids in index order whose key starts with `eq`, optionally with a range on the next field; lazy. */
  *scan(eq: unknown[], range?: Range, reverse = false): Generator<Id> {
    const n = eq.length
    const w = this.width
    const prefix = (ch: Chunk, i: number): number => {
      for (let f = 0; f < n; f++) {
        const c = compare(ch.keys[i * w + f], eq[f])
        if (c !== 0) return c
      }
      return 0
    }
    const before: Before = (ch, i) => {
      const c = prefix(ch, i)
      if (c !== 0) return c < 0
      if (!range) return false
      const x = ch.keys[i * w + n]
      if (!range.lo) return rank(x) < range.rank
      const c2 = compare(x, range.lo.v)
      return c2 < 0 || (c2 === 0 && !range.lo.incl)
    }
    const inside: Before = (ch, i) => {
      if (prefix(ch, i) !== 0) return false
      if (!range) return true
      const x = ch.keys[i * w + n]
      if (rank(x) !== range.rank) return false
      if (!range.hi) return true
      const c = compare(x, range.hi.v)
      return c < 0 || (c === 0 && range.hi.incl)
    }
    // Sorted, so entries run: before the range, inside it, after it.
    const from = this.search(before)
    const to = this.search((ch, i) => before(ch, i) || inside(ch, i))
    const ids = reverse ? this.backward(from, to) : this.forward(from, to)
    if (!this.multikey) {
      yield* ids
      return
    }
    const seen = new Set<Id>()
    for (const id of ids) {
      if (seen.has(id)) continue
      seen.add(id)
      yield id
    }
  }

  all(reverse: boolean): Generator<Id> {
    return this.scan([], undefined, reverse)
  }

  private *forward(from: Pos, to: Pos): Generator<Id> {
    for (let c = from.c; c <= to.c && c < this.chunks.length; c++) {
      const ids = this.chunks[c].ids
      const end = c === to.c ? to.i : ids.length
      for (let i = c === from.c ? from.i : 0; i < end; i++) yield ids[i]
    }
  }

  private *backward(from: Pos, to: Pos): Generator<Id> {
    for (let c = Math.min(to.c, this.chunks.length - 1); c >= from.c; c--) {
      const ids = this.chunks[c].ids
      const start = c === from.c ? from.i : 0
      for (let i = (c === to.c ? to.i : ids.length) - 1; i >= start; i--) yield ids[i]
    }
  }

  /** The stored entry at `i` against the key tuple `k` with `id`. */
  private cmpEntry(ch: Chunk, i: number, k: unknown[], id: Id): number {
    const at = i * this.width
    for (let f = 0; f < this.width; f++) {
      const c = compare(ch.keys[at + f], k[f])
      if (c !== 0) return c
    }
    return compareIds(ch.ids[i], id)
  }

  /** First position where `isBefore` turns false (entries are sorted, so it is monotone). */
  private search(isBefore: Before): Pos {
    let lo = 0
    let hi = this.chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const ch = this.chunks[mid]
      if (isBefore(ch, ch.ids.length - 1)) lo = mid + 1
      else hi = mid
    }
    if (lo === this.chunks.length) return { c: lo, i: 0 }
    const ch = this.chunks[lo]
    let a = 0
    let b = ch.ids.length - 1
    while (a < b) {
      const mid = (a + b) >> 1
      if (isBefore(ch, mid)) a = mid + 1
      else b = mid
    }
    return { c: lo, i: a }
  }
}

function dedupe(values: unknown[]): unknown[] {
  const out: unknown[] = []
  for (const v of values) if (!out.some((o) => compare(o, v) === 0)) out.push(v)
  return out
}

/**
 * Entry positions in index order, comparing strings only: each key field and the id is a column, kept as it
 * is when all its values are strings and otherwise replaced by their `sortKey`s. Undefined when some value
 * has no `sortKey`.
 */
function stringOrder(keys: unknown[], ids: Id[], w: number): number[] | undefined {
  const n = ids.length
  const cols: string[][] = []
  for (let f = 0; f <= w; f++) {
    const col: unknown[] = f < w ? Array.from({ length: n }, (_, e) => keys[e * w + f]) : ids
    if (col.every((v) => typeof v === 'string')) {
      cols.push(col as string[])
      continue
    }
    const encoded: string[] = []
    for (const v of col) {
      const k = sortKey(v)
      if (k === undefined) return undefined
      encoded.push(k)
    }
    cols.push(encoded)
  }
  const order = ids.map((_, e) => e)
  sortFrom(order, 0, order.length, cols, 0)
  return order
}

/**
 * Stably sorts `order[from, to)` by the columns from `f` on. A column with few distinct values there (at most
 * one per 8 entries: a month, a branch; counting stops past that, as on ids) groups the entries instead, placed
 * in its values' order and each group sorted by the next columns, so most comparisons are never made.
 */
function sortFrom(order: number[], from: number, to: number, cols: string[][], f: number): void {
  const n = to - from
  if (n < 2 || f === cols.length) return
  const col = cols[f]
  const counts = new Map<string, number>()
  for (let j = from; n > 64 && j < to && counts.size <= n >> 3; j++) {
    const v = col[order[j]]
    counts.set(v, (counts.get(v) ?? 0) + 1)
  }
  if (!counts.size || counts.size > n >> 3) {
    const part = order.slice(from, to).sort((a, b) => {
      for (let c = f; c < cols.length; c++) {
        const x = cols[c][a]
        const y = cols[c][b]
        if (x !== y) return x < y ? -1 : 1
      }
      return 0
    })
    for (let j = from; j < to; j++) order[j] = part[j - from]
    return
  }
  // Strings without a comparator sort by code units, as `<` compares them.
  const values = [...counts.keys()].sort()
  const next = new Map<string, number>()
  let at = from
  for (const v of values) {
    next.set(v, at)
    at += counts.get(v)!
  }
  for (const e of order.slice(from, to)) {
    const v = col[e]
    const j = next.get(v)!
    order[j] = e
    next.set(v, j + 1)
  }
  at = from
  for (const v of values) {
    const end = at + counts.get(v)!
    sortFrom(order, at, end, cols, f + 1)
    at = end
  }
}

/**
 * Entry positions in index order by the exact comparator: key fields, then (`||`, so also after a NaN from
 * `compare`) the id.
 */
function exactOrder(keys: unknown[], ids: Id[], w: number): number[] {
  const tuple = (a: number, b: number): number => {
    for (let f = 0; f < w; f++) {
      const c = compare(keys[a * w + f], keys[b * w + f])
      if (c !== 0) return c
    }
    return 0
  }
  return ids.map((_, e) => e).sort((a, b) => tuple(a, b) || compareIds(ids[a], ids[b]))
}

interface FieldCond {
  eq?: unknown[]
  range?: Range
}

export interface Plan {
  /** Candidate ids in scan order (lazy), or undefined for a full collection scan. */
  ids?: Iterable<Id>
  /** True when `ids` already follow the requested order, so the executor may stop early. */
  ordered: boolean
  /** True when `ids` are exactly the matching documents (see onlyStringEq): no need to test each. */
  exact?: boolean
  index?: string
}

/** Chooses the index that pins the most leading fields; every candidate is re-checked by mingo. */
export function plan(query: Json, order: [string, 1 | -1][], indexes: SortedIndex[]): Plan {
  const conds = collect(query)
  const idCond = conds.get('_id')
  if (idCond?.eq) return { ids: idCond.eq as Id[], ordered: order.length === 0, index: '_id' }
  let best:
    | { score: number; index: SortedIndex; prefixes: unknown[][]; range?: Range; ordered: boolean }
    | undefined
  for (const index of indexes) {
    const prefixes: unknown[][] = [[]]
    let score = 0
    let range: Range | undefined
    let pos = 0
    for (; pos < index.fields.length; pos++) {
      const c = conds.get(index.fields[pos])
      if (c?.eq && c.eq.length * prefixes.length <= 200) {
        const values = c.eq
        prefixes.splice(
          0,
          prefixes.length,
          ...prefixes.flatMap((p) => values.map((v) => [...p, v])),
        )
        score += 2
        continue
      }
      if (c?.range) {
        range = c.range
        score += 1
      }
      break
    }
    const sortField = order.length === 1 ? order[0][0] : undefined
    const ordered =
      prefixes.length === 1 && sortField !== undefined && index.fields[pos] === sortField
    if (score === 0 && !ordered) continue
    const s = score + (ordered ? 0.5 : 0)
    if (!best || s > best.score) best = { score: s, index, prefixes, range, ordered }
  }
  if (!best) return { ordered: order.length === 0 }
  const { index, prefixes, range, ordered } = best
  const ids =
    prefixes.length === 1
      ? index.scan(prefixes[0], range, ordered && order[0][1] === -1)
      : new Set(prefixes.flatMap((p) => [...index.scan(p, range)]))
  const exact = !range && onlyStringEq(query, index.fields.slice(0, prefixes[0]?.length ?? 0))
  return { ids, ordered, exact, index: index.spec.name }
}

/**
 * Whether `query` asks for nothing but string equality (a string, `$eq` or `$in` of strings) on exactly the
 * top-level `fields`. An index on them then finds exactly the matching documents: a string equals only the
 * same string, and an array value is indexed by its elements as mingo matches it by them.
 */
function onlyStringEq(query: Json, fields: string[]): boolean {
  const keys = Object.keys(query)
  if (!keys.length || keys.length !== fields.length) return false
  return keys.every((k) => {
    if (!fields.includes(k) || k.includes('.') || k.startsWith('$')) return false
    const v = query[k]
    if (typeof v === 'string') return true
    if (!v || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false
    const ops = Object.keys(v)
    const x = (v as Json)[ops[0]]
    if (ops.length !== 1) return false
    if (ops[0] === '$eq') return typeof x === 'string'
    return ops[0] === '$in' && Array.isArray(x) && x.every((e) => typeof e === 'string')
  })
}

/** Top-level field conditions (also inside a top-level `$and`) that an index can answer. */
function collect(query: Json, into = new Map<string, FieldCond>()): Map<string, FieldCond> {
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const q of cond) if (q && typeof q === 'object') collect(q as Json, into)
      continue
    }
    if (field.startsWith('$')) continue
    const fc = into.get(field) ?? {}
    if (isScalar(cond)) fc.eq = [cond]
    else if (
      cond &&
      typeof cond === 'object' &&
      !Array.isArray(cond) &&
      !(cond instanceof RegExp)
    ) {
      const ops = cond as Json
      if ('$eq' in ops && isScalar(ops.$eq)) fc.eq = [ops.$eq]
      if (Array.isArray(ops.$in) && ops.$in.every(isScalar)) fc.eq = ops.$in
      for (const op of ['$gt', '$gte', '$lt', '$lte']) {
        const v = ops[op]
        if (!isScalar(v) || v === null) continue
        const r: Range = fc.range ?? { rank: rank(v) }
        if (r.rank !== rank(v)) continue
        const bound = { v, incl: op.endsWith('e') }
        if (op.startsWith('$g')) r.lo = bound
        else r.hi = bound
        fc.range = r
      }
    }
    into.set(field, fc)
  }
  return into
}
