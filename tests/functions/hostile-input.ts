// Payload arbitraries for the hostile-input properties: valid-looking payloads derived from an action's zod
// schema (through its JSON schema), the matrix's own payloads, and both with one hostile mutation, plus
// payloads that are not objects at all. Numbers JSON cannot spell (1e999) travel as raw tokens (rawJson).
import { z } from 'zod'
import { fc } from '@fast-check/jest'

type JsonSchema = {
  type?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  enum?: unknown[]
  const?: unknown
  minimum?: number
  maximum?: number
  multipleOf?: number
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
}

/** A placeholder for a raw JSON number token; rawJson writes the token itself. */
const raw = (token: string) => `\u0000RAW:${token}\u0000`

/** The request body as text, raw number tokens unquoted. */
export const rawJson = (value: unknown) =>
  JSON.stringify(value).replace(/"\\u0000RAW:([^"\\]+)\\u0000"/g, '$1')

const nest = (depth: number): unknown => {
  let v: unknown = '底'
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
  return v
}

const TEXTS = ['学习党章', '为人民服务', 'abc', ' ', '']
const HOSTILE_TEXT = [
  '\u200b',
  '\u200b\u200c\u200d\ufeff',
  '\u202e学习\u202c',
  '\u2066正常\u2069',
  'a\u0000b',
  '\ud800',
  '👨‍👩‍👧‍👦'.repeat(50),
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  'x'.repeat(100_000),
  '字'.repeat(20_000),
]
const HOSTILE_DATES = [
  '2026-02-30',
  '2025-02-29',
  '2026-13-01',
  '2026-04-31',
  '2026-00',
  '0000-01',
  '9999-12',
  '2026-02-30T09:00:00+08:00',
  '2026-03-10T24:00:00+08:00',
  '2026-03-10T10:00:00+25:00',
  '+275760-09-13T00:00:00Z',
  '2026-03-10',
]
const NUMBERS = [
  raw('1e999'),
  raw('-1e999'),
  raw('-0'),
  raw('1e-400'),
  raw('9007199254740993'),
  raw('1.0000000000000002'),
  'NaN',
  'Infinity',
  '1e3',
  -1,
  0.5,
  2 ** 31,
]
const OPERATORS = [
  { $ne: null },
  { $gt: '' },
  { $regex: '.*' },
  { $where: 'sleep(1000)' },
  { $in: ['branch-1', 'branch-2'] },
  JSON.parse('{"$set": {"roles": ["districtAdmin"]}}'),
]
/** Keys no payload should carry: JSON.parse makes `__proto__` an own key, as a real request would. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'a.b', '$where', '_id', 'openid', '']

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, [], {}, [1, 2], { a: 1 }),
  fc.constantFrom(...HOSTILE_TEXT),
  fc.constantFrom(...HOSTILE_DATES),
  fc.constantFrom(...NUMBERS),
  fc.constantFrom(...OPERATORS),
  fc.constantFrom(nest(60), nest(2000)),
  fc.string({ unit: 'binary', maxLength: 40 }),
)

/** Paths deeper than this are not mutated again: a value nested 2,000 deep by an earlier mutation is one. */
const MUTATION_DEPTH = 12

/** Every path to a value inside `v` (objects and arrays), the root excluded, down to MUTATION_DEPTH. */
function pathsOf(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (!v || typeof v !== 'object' || at.length >= MUTATION_DEPTH) return []
  return Object.entries(v).flatMap(([k, child]) => {
    const path = [...at, Array.isArray(v) ? Number(k) : k]
    return [path, ...pathsOf(child, path)]
  })
}

function setAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<
    string | number,
    unknown
  >
  const [head, ...rest] = path
  copy[head] = setAt(copy[head], rest, value)
  return copy
}

/** One hostile change to a payload: a field's value, or a key that should not be there. */
const mutation = fc.record({
  pick: fc.nat(),
  value: hostileValue,
  key: fc.constantFrom(...HOSTILE_KEYS),
  addKey: fc.boolean(),
})
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never

function mutate(payload: unknown, m: Mutation): unknown {
  const paths = pathsOf(payload)
  if (m.addKey || !paths.length) {
    const obj = payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : {}
    // JSON.parse, not an object literal, so `__proto__` is a key and not a prototype.
    return { ...obj, ...JSON.parse(`{${JSON.stringify(m.key)}: ${JSON.stringify(m.value)}}`) }
  }
  return setAt(payload, paths[m.pick % paths.length], m.value)
}

/** Values shaped like the JSON schema, with ids from `ids` where a field looks like an id. */
function fromSchema(s: JsonSchema, ids: string[]): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const union = s.oneOf ?? s.anyOf
  if (union) return fc.oneof(...union.map((u) => fromSchema(u, ids)))
  switch (s.type) {
    case 'object': {
      const props = s.properties ?? {}
      const model = Object.fromEntries(
        Object.entries(props).map(([k, v]) => [k, fromSchema(v, ids)]),
      )
      return fc.record(model, { requiredKeys: s.required ?? [] })
    }
    case 'array':
      return fc.array(fromSchema(s.items ?? {}, ids), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      })
    case 'string':
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern))
      if (s.maxLength === 64) return fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 64 }))
      return fc.oneof(fc.constantFrom(...TEXTS), fc.string({ unit: 'grapheme', maxLength: 30 }))
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 })
    case 'number': {
      const step = s.multipleOf ?? 0.25
      const [min, max] = [s.minimum ?? -100, s.maximum ?? 100]
      return fc
        .integer({ min: Math.ceil(min / step), max: Math.floor(max / step) })
        .map((k) => k * step)
    }
    case 'boolean':
      return fc.boolean()
    default:
      return hostileValue
  }
}

/**
 * Payloads for one action: the matrix's payload and schema-shaped ones, most with one hostile mutation, and
 * some that are not objects at all.
 */
export function payloads(schema: z.ZodType, known: unknown, ids: string[]): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  const shaped = fc.oneof(fc.constant(known), fromSchema(json, ids))
  return fc.oneof(
    { arbitrary: shaped, weight: 2 },
    { arbitrary: fc.tuple(shaped, mutation).map(([p, m]) => mutate(p, m)), weight: 6 },
    { arbitrary: hostileValue, weight: 1 },
  )
}
