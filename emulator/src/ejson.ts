import { EJSON } from 'bson'
import { TcbError } from './errors'

export type Id = string | number
export type Doc = Record<string, unknown> & { _id: Id }
export type Json = Record<string, unknown>

const isPlainObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype

/**
 * How deeply a request body or a document may nest: MongoDB's own limit for documents. Deeper values would
 * overflow the stack of the recursive walks that copy, encode and send them (IPC to a worker, the log).
 */
export const MAX_DEPTH = 100

/** Whether `value` nests more than `max` objects or arrays deep; iterative, so any depth is safe to ask about. */
export function nestsDeeper(value: unknown, max = MAX_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth] = top
    if (typeof v !== 'object' || v === null) continue
    if (depth >= max) return true
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return false
}

/**
 * Decodes one EJSON string from the SDK; a value nested deeper than MAX_DEPTH is refused. bson yields
 * BSONRegExp for `$regularExpression`, which mingo cannot evaluate, so it becomes a JS RegExp (dropping
 * the Mongo-only `x` flag). `$tcb_server_date` (db.serverDate()) becomes a Date on the caller's clock.
 */
export function decode(text: string, now: () => number = Date.now): unknown {
  let value: unknown
  try {
    value = EJSON.parse(text, { relaxed: true })
  } catch (e) {
    // bson's reviver recurses: a deep enough value overflows it before the depth check below.
    throw new TcbError('INVALID_PARAM', `invalid EJSON: ${(e as Error).message}`)
  }
  if (nestsDeeper(value))
    throw new TcbError('INVALID_PARAM', `value nested deeper than ${MAX_DEPTH} levels`)
  return revive(value, now)
}

function revive(v: unknown, now: () => number): unknown {
  if (Array.isArray(v)) return v.map((x) => revive(x, now))
  if (typeof v !== 'object' || v === null) return v
  const bsontype = (v as { _bsontype?: string })._bsontype
  if (bsontype === 'BSONRegExp') {
    const re = v as { pattern: string; options: string }
    return new RegExp(re.pattern, re.options.replace(/[^imsu]/g, ''))
  }
  if (bsontype === 'Long' || bsontype === 'Int32' || bsontype === 'Double') return Number(v)
  if (!isPlainObject(v)) return v
  const keys = Object.keys(v)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((v.$tcb_server_date as { offset?: number } | null)?.offset ?? 0)
    return new Date(now() + offset)
  }
  const out: Json = {}
  for (const k of keys) out[k] = revive(v[k], now)
  return out
}

/** Canonical EJSON keeps int/double/Date distinct on the wire and on disk. */
export function encode(v: unknown): string {
  return EJSON.stringify(v as Json, { relaxed: false })
}

/**
 * Whether two stored values encode alike, as `encode(a) === encode(b)` would say (key order, -0 and NaN
 * included), without encoding either; values other than plain data are left to `encode` to compare.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b)
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a)
    const other = Object.keys(b)
    return (
      keys.length === other.length && keys.every((k, i) => k === other[i] && sameValue(a[k], b[k]))
    )
  }
  return encode(a) === encode(b)
}

/** Parses canonical EJSON written by `encode` (storage), without request-time substitutions. */
export function parseStored(text: string): unknown {
  return revive(EJSON.parse(text, { relaxed: true }), Date.now)
}

/**
 * A deep copy made in this module's own realm. Node's structuredClone would hand back Dates of the outer
 * realm when the emulator runs inside a jest vm, and `instanceof Date` (indexes, mingo) would miss them.
 */
export function clone<T>(value: T): T {
  const copies = new Map<object, unknown>()
  const tag = (v: object) => Object.prototype.toString.call(v)
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v
    if (copies.has(v)) return copies.get(v)
    if (tag(v) === '[object Date]') return new Date((v as Date).getTime())
    if (tag(v) === '[object RegExp]') return new RegExp((v as RegExp).source, (v as RegExp).flags)
    if (ArrayBuffer.isView(v)) return Uint8Array.prototype.slice.call(v as Uint8Array)
    if (tag(v) === '[object Map]') {
      const out = new Map()
      copies.set(v, out)
      for (const [k, x] of v as Map<unknown, unknown>) out.set(copy(k), copy(x))
      return out
    }
    if (tag(v) === '[object Set]') {
      const out = new Set()
      copies.set(v, out)
      for (const x of v as Set<unknown>) out.add(copy(x))
      return out
    }
    const out: Record<string, unknown> = Array.isArray(v)
      ? ([] as unknown as Record<string, unknown>)
      : {}
    copies.set(v, out)
    for (const key of Object.keys(v)) out[key] = copy((v as Record<string, unknown>)[key])
    return out
  }
  return copy(value) as T
}

export { isPlainObject }
