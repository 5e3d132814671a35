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
  try {
    return quickDecode(text, now)
  } catch {
    // What the quick path leaves (rare types, errors) gets bson's own answer, errors included.
    return decodeWithBson(text, now)
  }
}

/** `decode` through bson's EJSON.parse and `revive`: every type bson knows, and its errors. */
export function decodeWithBson(text: string, now: () => number = Date.now): unknown {
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

/** Keys bson reads as a typed value (a codec) rather than a document, when one holds a non-null value. */
const CODEC_KEYS = new Set([
  '$oid',
  '$binary',
  '$uuid',
  '$symbol',
  '$numberInt',
  '$numberDecimal',
  '$numberDouble',
  '$numberLong',
  '$minKey',
  '$maxKey',
  '$regex',
  '$regularExpression',
  '$timestamp',
])
/** A `$numberLong` that Number() reads exactly as bson's Long does. */
const LONG_SAFE = /^(0|-?[1-9]\d{0,14})$/

/** Thrown by the quick paths at anything they leave to bson. */
const UNFAMILIAR = new Error('unfamiliar EJSON')

/**
 * `decode` for what the SDK sends on every call (numbers, dates, server dates, operators, strings): one
 * JSON.parse and one walk over it, where bson revives each value through a JSON.parse callback and `revive`
 * then copies the result. Answers exactly what that path answers; throws UNFAMILIAR at anything else
 * (ObjectId, binary, regex, DBRef, `__proto__` or `_bsontype` keys, nesting at the limit, invalid JSON).
 */
function quickDecode(text: string, now: () => number): unknown {
  if (/"(__proto__|_bsontype)"|\\u0000/.test(text)) throw UNFAMILIAR
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v
    // Wrappers collapse at most two levels ($date of $numberLong): anything deeper is too deep anyway.
    if (depth >= MAX_DEPTH + 2) throw UNFAMILIAR
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i], depth + 1)
      if (depth >= MAX_DEPTH) throw UNFAMILIAR
      return v
    }
    const doc = v as Json
    const keys = Object.keys(doc)
    for (const k of keys) doc[k] = walk(doc[k], depth + 1)
    // bson's deserializeValue, on children already revived.
    if (doc.$undefined) return null
    for (const k of keys) {
      if (doc[k] == null || !CODEC_KEYS.has(k)) continue
      const s = doc[k]
      if (typeof s !== 'string') throw UNFAMILIAR
      if (k === '$numberInt') return parseInt(s, 10)
      if (k === '$numberDouble') return parseFloat(s)
      if (k === '$numberLong' && LONG_SAFE.test(s)) return Number(s)
      throw UNFAMILIAR
    }
    // Past here the value stays an object, which counts towards the depth limit.
    if (depth >= MAX_DEPTH) throw UNFAMILIAR
    if (doc.$date != null) {
      if (typeof doc.$date === 'string') return new Date(Date.parse(doc.$date))
      if (typeof doc.$date === 'number') return new Date(doc.$date)
      throw UNFAMILIAR
    }
    if (doc.$code != null || '$ref' in doc || '$dbPointer' in doc) throw UNFAMILIAR
    // Then `revive`'s own substitution.
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const offset = Number((doc.$tcb_server_date as { offset?: number } | null)?.offset ?? 0)
      return new Date(now() + offset)
    }
    return doc
  }
  return walk(JSON.parse(text), 0)
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
  try {
    return quickEncode(v)
  } catch {
    return EJSON.stringify(v as Json, { relaxed: false })
  }
}

const INT32 = 2 ** 31
const INT64 = 2 ** 63
const tagOf = (v: object) => Object.prototype.toString.call(v)

/** A plain object of any realm (the emulator also runs inside jest's vm), or one without a prototype. */
function isPlainData(v: object): boolean {
  const proto = Object.getPrototypeOf(v)
  return proto === null || (tagOf(v) === '[object Object]' && Object.getPrototypeOf(proto) === null)
}

/**
 * bson's canonical EJSON of plain data (what documents hold: strings, numbers, booleans, null, dates, arrays,
 * objects), written out directly where bson builds a converted copy and then stringifies it. Throws
 * UNFAMILIAR at any other value (regexes, bson types, functions, `_bsontype` keys) for bson to encode.
 */
function quickEncode(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'boolean':
      return v ? 'true' : 'false'
    case 'undefined':
      return 'null'
    case 'number':
      if (Math.floor(v) === v) {
        if (v >= -INT32 && v < INT32) return `{"$numberInt":"${v}"}`
        if (v >= -INT64 && v <= INT64) return `{"$numberLong":"${v}"}`
      }
      return `{"$numberDouble":"${v}"}`
    case 'object': {
      if (v === null) return 'null'
      if (Array.isArray(v)) {
        let out = '['
        for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + quickEncode(v[i])
        return out + ']'
      }
      if (tagOf(v) === '[object Date]')
        return `{"$date":{"$numberLong":"${(v as Date).getTime()}"}}`
      if (!isPlainData(v) || '_bsontype' in v) throw UNFAMILIAR
      let out = '{'
      for (const k in v)
        out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${quickEncode((v as Json)[k])}`
      return out + '}'
    }
    default:
      throw UNFAMILIAR
  }
}

/**
 * Whether two stored values encode alike, without encoding either: true only if `encode(a) === encode(b)`
 * (key order included; it may call a few alike values different, e.g. 0 and -0, which costs a needless
 * write, never the reverse). Values other than plain data are left to `encode` to compare.
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
  try {
    return quickDecode(text, Date.now)
  } catch {
    return revive(EJSON.parse(text, { relaxed: true }), Date.now)
  }
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
