import { EJSON } from 'bson'

export type Id = string | number
export type Doc = Record<string, unknown> & { _id: Id }
export type Json = Record<string, unknown>

const isPlainObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype

/**
 * Decodes one EJSON string from the SDK. bson yields BSONRegExp for `$regularExpression`, which mingo
 * cannot evaluate, so it becomes a JS RegExp (dropping the Mongo-only `x` flag). `$tcb_server_date`
 * (db.serverDate()) becomes a Date on the caller's clock.
 */
export function decode(text: string, now: () => number = Date.now): unknown {
  return revive(EJSON.parse(text, { relaxed: true }), now)
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

/** Parses canonical EJSON written by `encode` (storage), without request-time substitutions. */
export function parseStored(text: string): unknown {
  return revive(EJSON.parse(text, { relaxed: true }), Date.now)
}

export function clone<T>(v: T): T {
  return structuredClone(v)
}

export { isPlainObject }
