import type { Id } from './ejson'

/** Mongo's cross-type sort order (null < numbers < strings < objects < arrays < booleans < dates). */
export function rank(v: unknown): number {
  if (v === null || v === undefined) return 1
  if (typeof v === 'number' || typeof v === 'bigint') return 2
  if (typeof v === 'string') return 3
  if (Array.isArray(v)) return 5
  if (typeof v === 'boolean') return 8
  if (v instanceof Date) return 9
  if (v instanceof RegExp) return 11
  return 4
}

export function compare(a: unknown, b: unknown): number {
  // The common case (string keys and ids) first: index inserts compare O(log n) times each.
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : a < b ? -1 : 1
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 1:
      return 0
    case 2:
      return Number(a) - Number(b)
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1
    case 8:
      return Number(a) - Number(b)
    case 9:
      return (a as Date).getTime() - (b as Date).getTime()
    default: {
      const sa = JSON.stringify(a)
      const sb = JSON.stringify(b)
      return sa === sb ? 0 : sa < sb ? -1 : 1
    }
  }
}

export function compareIds(a: Id, b: Id): number {
  return compare(a, b)
}

/** Values that can be point-looked-up in an index without changing query semantics. */
export function isScalar(v: unknown): boolean {
  return (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    v instanceof Date
  )
}

/**
 * Every value a dotted path reaches, expanding arrays like a Mongo multikey index, so index
 * candidates are always a superset of what mingo will match. A missing field indexes as null.
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  let current: unknown[] = [doc]
  for (const part of path.split('.')) {
    const next: unknown[] = []
    for (const v of current) {
      if (Array.isArray(v)) {
        for (const el of v) {
          if (el && typeof el === 'object' && !Array.isArray(el)) next.push(pick(el, part))
        }
        if (/^\d+$/.test(part)) next.push(v[Number(part)])
      } else next.push(pick(v, part))
    }
    current = next
  }
  const out: unknown[] = []
  for (const v of current) {
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(v)
      else out.push(...v, v)
    } else out.push(v === undefined ? null : v)
  }
  return out.length ? out : [null]
}

function pick(v: unknown, key: string): unknown {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined
}

const f64 = new DataView(new ArrayBuffer(8))

/**
 * A string whose code-unit order among other `sortKey`s is `compare`'s order: the rank as one char, then a
 * payload ordered within the rank. Undefined where `compare` is not a plain total order (NaN, infinities,
 * invalid dates, bigints, values JSON cannot write). Kept in step with `rank` and `compare`.
 */
export function sortKey(v: unknown): string | undefined {
  const r = rank(v)
  const tag = String.fromCharCode(r)
  switch (r) {
    case 1:
      return tag
    case 2:
      return typeof v === 'number' ? orderedNumber(tag, v) : undefined
    case 3:
      return tag + (v as string)
    case 8:
      return v ? tag + '\x01' : tag + '\x00'
    case 9:
      return orderedNumber(tag, (v as Date).getTime())
    default: {
      let json: string | undefined
      try {
        json = JSON.stringify(v)
      } catch {
        return undefined
      }
      return json === undefined ? undefined : tag + json
    }
  }
}

/** 8 bytes, big-endian, of the double with the sign flipped (negatives: every bit), so bytes sort as numbers. */
function orderedNumber(tag: string, n: number): string | undefined {
  // compare() gives NaN for NaN and for two equal infinities (an index then orders by id alone): no string mirrors that.
  if (!Number.isFinite(n)) return undefined
  f64.setFloat64(0, n === 0 ? 0 : n)
  const m = n < 0 ? 0xff : 0
  const b = (i: number) => f64.getUint8(i) ^ m
  return (
    tag +
    String.fromCharCode(f64.getUint8(0) ^ (m || 0x80), b(1), b(2), b(3), b(4), b(5), b(6), b(7))
  )
}
