// The emulator's quick EJSON paths (every request decodes, every write and reply encodes) answer exactly what
// bson's own EJSON answers: the same text out, the same values (or the same error) in.
import { EJSON } from 'bson'
import fc from 'fast-check'
import { decode, decodeWithBson, encode, MAX_DEPTH } from '../../emulator/src/ejson'

const NOW = 1_790_000_000_000
const now = () => NOW

/** A value spelled out so that -0, NaN, invalid dates and prototypes compare as bson's values differ. */
function canon(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) ? 'number:-0' : `number:${v}`
  if (typeof v !== 'object' || v === null) return v
  const tag = Object.prototype.toString.call(v)
  if (tag === '[object Date]') return `date:${(v as Date).getTime()}`
  if (tag === '[object RegExp]') return `regexp:${String(v)}`
  if (Array.isArray(v)) return v.map(canon)
  const proto = Object.getPrototypeOf(v)
  const kind = proto === Object.prototype ? 'object' : (proto?.constructor?.name ?? 'null-proto')
  return [kind, Object.entries(v).map(([k, x]) => [k, canon(x)])]
}

const outcome = (f: () => unknown) => {
  try {
    return { value: canon(f()) }
  } catch (e) {
    return { error: (e as Error).message }
  }
}

const key = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '$numberInt',
    '$numberLong',
    '$date',
    '$inc',
    '$set',
    '$tcb_server_date',
    'offset',
  ),
  fc.constantFrom('$oid', '$regex', '$undefined', '$code', '$ref', '$id', '__proto__', '_bsontype'),
)
const leaf = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: -(2 ** 31) - 2, max: 2 ** 31 + 2 }),
  fc.double(),
  fc.constantFrom(
    -0,
    2 ** 31,
    2 ** 31 - 1,
    -(2 ** 31),
    -(2 ** 31) - 1,
    2 ** 53,
    -(2 ** 63),
    2 ** 63,
  ),
  fc.constantFrom(2 ** 64, 1e21, 0.1, NaN, Infinity),
  fc.date(),
  fc.constant(new Date(NaN)),
)
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}))

/** bson's EJSON text of `v` (canonical or relaxed); a value bson refuses (a `_bsontype` key) gives its error text. */
const ejsonOf = (v: unknown, relaxed: boolean) =>
  outcome(() => EJSON.stringify(v as object, { relaxed })).value ?? 'refused'

test('encode writes what bson EJSON.stringify (canonical) writes, and refuses what it refuses', () => {
  fc.assert(
    fc.property(value, (v) => {
      expect(outcome(() => encode(v))).toEqual(
        outcome(() => EJSON.stringify(v as object, { relaxed: false })),
      )
    }),
    { numRuns: 2000 },
  )
})

test('decode reads EJSON as bson does, canonical or relaxed, errors included', () => {
  const texts = fc.oneof(
    value.map((v) => String(ejsonOf(v, false))),
    value.map((v) => String(ejsonOf(v, true))),
    value.map((v) => JSON.stringify(v)),
    fc.json(),
    fc.string(),
  )
  // bson reads a `$date` it cannot make sense of as "now": a frozen clock makes that the same each time.
  jest.useFakeTimers({ now: NOW })
  try {
    fc.assert(
      fc.property(texts, (text) => {
        const bson = outcome(() => decodeWithBson(text, now))
        // An `$oid` that is not an id string makes bson mint a fresh ObjectId each time: nothing to compare.
        fc.pre(JSON.stringify(bson) === JSON.stringify(outcome(() => decodeWithBson(text, now))))
        expect(outcome(() => decode(text, now))).toEqual(bson)
      }),
      { numRuns: 2000 },
    )
  } finally {
    jest.useRealTimers()
  }
})

test('decode draws the depth limit where bson does, with typed values at the bottom', () => {
  const bottoms = [
    '{"$numberInt":"1"}',
    '{"$date":{"$numberLong":"5"}}',
    '{"$tcb_server_date":{"offset":{"$numberInt":"7"}}}',
    '{}',
    '[]',
    '"x"',
  ]
  for (let depth = MAX_DEPTH - 3; depth <= MAX_DEPTH + 3; depth++)
    for (const bottom of bottoms)
      for (const wrap of [(s: string) => `[${s}]`, (s: string) => `{"a":${s}}`]) {
        let text = bottom
        for (let i = 0; i < depth; i++) text = wrap(text)
        expect(outcome(() => decode(text, now))).toEqual(outcome(() => decodeWithBson(text, now)))
      }
})
