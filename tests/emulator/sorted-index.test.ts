// The emulator's secondary indexes (a chunked sorted list) must answer exactly what a full scan answers,
// also across chunk splits and merges, multikey arrays, mixed types, ranges, reverse order and limits.
import fc from 'fast-check'
import type { Doc, Id } from '../../emulator/src/ejson'
import { compare, compareIds } from '../../emulator/src/keys'
import { SortedIndex, type IndexSpec } from '../../emulator/src/planner'
import { Store, type FindOpts } from '../../emulator/src/store'
import { Tx } from '../../emulator/src/txn'

const value = fc.oneof(
  fc.integer({ min: 0, max: 30 }),
  fc.constantFrom('x', 'y', 'z'),
  fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
  fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }),
  fc.constant(null),
)
const op = fc.record({
  id: fc.integer({ min: 0, max: 1500 }),
  a: value,
  b: fc.integer({ min: 0, max: 100 }),
  del: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
})
const query = fc.oneof(
  fc.record({ a: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ a: fc.constantFrom('x', 'y') }),
  fc.record({
    a: fc.integer({ min: 0, max: 30 }),
    b: fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .map(([lo, hi]) => ({ $gte: lo, $lt: hi })),
  }),
  fc.record({
    a: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }).map((v) => ({ $in: v })),
  }),
  // String equality alone is answered by the index without testing each document.
  fc.record({
    a: fc.array(fc.constantFrom('x', 'y', 'w'), { maxLength: 3 }).map((v) => ({ $in: v })),
  }),
  fc.record({ a: fc.constantFrom('x', 'z').map((v) => ({ $eq: v })) }),
  fc.record({ a: fc.constantFrom('x', 'y'), b: fc.integer({ min: 0, max: 100 }) }),
  // …but not when another condition is left for the test of each candidate.
  fc.record({
    a: fc.constantFrom('x', 'y'),
    b: fc.integer({ min: 0, max: 100 }).map((v) => ({ $ne: v })),
  }),
  fc.record({ b: fc.integer({ min: 0, max: 100 }).map((v) => ({ $gt: v })) }),
  fc.constant({}),
)

const run = (store: Store, q: object, opts: FindOpts) =>
  store.match(new Tx('', false), 'c', q as never, opts)

test('indexed queries answer what a full scan answers, through many inserts and removals', () => {
  fc.assert(
    fc.property(
      fc.array(op, { minLength: 2500, maxLength: 3000 }),
      fc.array(
        fc.tuple(query, fc.constantFrom<1 | -1 | 0>(1, -1, 0), fc.integer({ min: 1, max: 50 })),
        { minLength: 10, maxLength: 10 },
      ),
      (ops, queries) => {
        const indexed = new Store([
          {
            name: 'c',
            indexes: [
              { name: 'a_1_b_1', keys: { a: 1, b: 1 } },
              { name: 'b_1', keys: { b: 1 } },
            ],
          },
        ])
        const plain = new Store([{ name: 'c' }])
        for (const o of ops) {
          const id = `d${o.id}`
          const write = o.del ? { c: 'c', del: id } : { c: 'c', put: { _id: id, a: o.a, b: o.b } }
          indexed.apply([write])
          plain.apply([write])
        }
        for (const [q, dir, limit] of queries) {
          // Without an order, compare the sets; with one, the sort keys (ties may list ids differently).
          if (dir === 0) {
            const ids = (docs: Doc[]) => docs.map((d) => d._id).sort()
            expect(ids(run(indexed, q, {}))).toEqual(ids(run(plain, q, {})))
          } else {
            const opts: FindOpts = { order: [['b', dir]], limit }
            const keys = (docs: Doc[]) => docs.map((d) => d.b)
            expect(keys(run(indexed, q, opts))).toEqual(keys(run(plain, q, opts)))
          }
        }
      },
    ),
    // Shrinking thousands of operations takes minutes; the seed in the report replays a failure.
    { numRuns: 15, endOnFailure: true },
  )
})

// Building an index in one go (`load`, which sorts by strings when it can) must give exactly the order of the
// comparator every other operation uses, for any mix of types.
const units = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u001f',
  ' ',
  'a',
  'b',
  '\u00ff',
  '中',
  '\ud83d',
  '\uffff',
)
/** Which values: any ordinary ones, a few (an index then groups entries by them), or also those `compare`
 * orders oddly: infinities (two equal ones compare as NaN), or NaN, invalid dates and bigints too. */
type Values = 'any' | 'few' | 'infinities' | 'odd'
const scalar = (values: Values): fc.Arbitrary<unknown> =>
  values === 'few'
    ? fc.constantFrom('', '\u0000', '\u0000a', 'a', 0, -0, 1, null, false, true, new Date(0))
    : fc.oneof(
        fc.string({ unit: units, maxLength: 4 }),
        fc.constantFrom(0, -0, 1, -1, 0.5, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, -5e-324),
        fc.double({
          noNaN: values !== 'odd',
          noDefaultInfinity: values !== 'infinities' && values !== 'odd',
        }),
        ...(values === 'infinities' ? [fc.constantFrom(Infinity, -Infinity)] : []),
        fc.constant(null),
        fc.boolean(),
        fc.date({ noInvalidDate: values !== 'odd' }),
      )
const fieldValue = (values: Values) =>
  fc.oneof(
    { arbitrary: scalar(values), weight: 4 },
    // Not inside arrays or objects: JSON cannot write them there, so no order can.
    ...(values === 'odd' ? [fc.bigInt({ min: -3n, max: 3n })] : []),
    fc.array(scalar(values), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('x', 'y'), scalar(values), { maxKeys: 2 }),
  )
const docs = (values: Values, minLength: number, maxLength: number) =>
  fc
    .uniqueArray(
      fc.oneof(fc.string({ unit: units, maxLength: 4 }), fc.integer({ min: -50, max: 50 })),
      {
        minLength,
        maxLength,
        size: 'max',
        // 0 and -0 are one key of the store's Map.
        selector: (id) => `${typeof id}:${String(id)}`,
      },
    )
    .chain((ids) =>
      fc.tuple(
        ...ids.map((_id) =>
          fc
            .record(
              {
                a: fieldValue(values),
                b: fieldValue(values),
                n: fc.oneof(
                  fc.record({ x: fieldValue(values) }, { requiredKeys: [] }),
                  fc.array(fc.record({ x: scalar(values) }), { maxLength: 2 }),
                  scalar(values),
                ),
              },
              { requiredKeys: [] },
            )
            .map((d): Doc => ({ ...d, _id })),
        ),
      ),
    )
const specs: IndexSpec[] = [
  { name: 'a_1', keys: { a: 1 } },
  { name: 'a_1_b_-1', keys: { a: 1, b: -1 } },
  { name: 'b_1__id_1', keys: { b: 1, _id: 1 } },
  { name: 'n.x_1_a_1', keys: { 'n.x': 1, a: 1 } },
]

/** Every stored (key tuple, id) in index order. */
const entries = (index: SortedIndex) => {
  const { chunks } = index as unknown as { chunks: { keys: unknown[]; ids: Id[] }[] }
  const w = index.fields.length
  return chunks.flatMap((ch) => ch.ids.map((id, i) => ({ k: ch.keys.slice(i * w, i * w + w), id })))
}

/** The entries sorted as the index sorted them before `load` sorted by strings. */
const byComparator = (index: SortedIndex, all: Doc[]) => {
  const w = index.fields.length
  const tuple = (a: unknown[], b: unknown[]) => {
    for (let i = 0; i < w; i++) {
      const c = compare(a[i], b[i])
      if (c !== 0) return c
    }
    return 0
  }
  return all
    .flatMap((d) => index.keysOf(d).map((k) => ({ k, id: d._id })))
    .sort((a, b) => tuple(a.k, b.k) || compareIds(a.id, b.id))
}

test.each<Values>(['any', 'few', 'infinities', 'odd'])(
  'load orders entries exactly as the comparator does (values: %s)',
  (values) => {
    fc.assert(
      fc.property(docs(values, 0, values === 'few' ? 200 : 40), (all) => {
        for (const spec of specs) {
          const index = new SortedIndex(spec)
          index.load(all)
          const expected = byComparator(index, all)
          expect(entries(index)).toEqual(expected)
          expect([...index.all(false)]).toEqual([...new Set(expected.map((e) => e.id))])
        }
      }),
      { numRuns: 100 },
    )
  },
)

test('load, then adds and removals, holds what inserting one by one holds', () => {
  fc.assert(
    fc.property(
      docs('few', 600, 1100),
      fc.integer({ min: 0, max: 1100 }),
      fc.integer({ min: 0, max: 1100 }),
      (all, loaded, removed) => {
        const gone = all.slice(0, Math.min(removed, loaded) >> 2)
        const kept = all.filter((d) => !gone.includes(d))
        for (const spec of specs) {
          const index = new SortedIndex(spec)
          index.load(all.slice(0, loaded))
          for (const d of all.slice(loaded)) index.add(d)
          for (const d of gone) index.remove(d)
          const oneByOne = new SortedIndex(spec)
          for (const d of kept) oneByOne.add(d)
          expect(entries(index)).toEqual(entries(oneByOne))
          expect([...index.all(true)]).toEqual([...oneByOne.all(true)])
        }
      },
    ),
    { numRuns: 4 },
  )
})
