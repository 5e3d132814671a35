// Reads that skip mingo in the emulator — `.field({ a: true, … })` projections and `$group`s by string fields
// summing numbers — must answer exactly what mingo answers, key order included (replies are encoded as they
// are), and leave everything else to mingo.
import fc from 'fast-check'
import { Aggregator, Query } from 'mingo'
import type { Doc, Json } from '../../emulator/src/ejson'
import { Store } from '../../emulator/src/store'

const key = fc.constantFrom('a', 'b', 'B', 'z', '_id', '2', '10', 'a b', 'x.y', '$x')
const value = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.string({ maxLength: 3 }),
  fc.constant(null),
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom('x', 'y'), fc.integer()),
  fc.array(fc.integer(), { maxLength: 2 }),
)
const projection = fc.dictionary(key, fc.constantFrom<unknown>(true, 1, false, 0, 2, 'a'), {
  minKeys: 1,
  maxKeys: 4,
})

test('a projection through the store answers what mingo answers', () => {
  const store = new Store([{ name: 'c' }])
  fc.assert(
    fc.property(
      fc.array(
        fc.dictionary(
          key.filter((k) => k !== '_id'),
          value,
        ),
        { maxLength: 3 },
      ),
      projection,
      (docs, p) => {
        const stored = docs.map((d, i) => ({ ...d, _id: `d${i}` }) as Doc)
        const answer = (f: () => unknown[]) => {
          try {
            return JSON.stringify(f().map((d) => Object.entries(d as object)))
          } catch {
            return 'refused'
          }
        }
        expect(answer(() => store.project(stored, p))).toBe(
          answer(() => new Query({}).find(stored, p).all()),
        )
      },
    ),
    { numRuns: 3000 },
  )
})

const groupField = fc.constantFrom('$b', '$r', '$n', '$u', '$b.x', 'b')
const groupSpec = fc.record({
  _id: fc.oneof(
    groupField,
    fc.dictionary(fc.constantFrom('k', 'r', 'a'), groupField, { minKeys: 1, maxKeys: 2 }),
  ),
  units: fc.oneof(
    fc.constantFrom<unknown>(1, 2.5, '$n', '$u', '$b', 'n').map(($sum) => ({ $sum })),
    fc.constant({ $max: '$n' }),
  ),
  count: fc.constantFrom<unknown>(1, 0.1).map(($sum) => ({ $sum })),
})

test('a $group through the store answers what mingo answers', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record(
          {
            b: fc.oneof(fc.constantFrom('x', 'y', 'z'), fc.integer({ min: 0, max: 2 })),
            r: fc.constantFrom('p', 'q'),
            n: fc.oneof(fc.double({ min: -5, max: 5 }), fc.integer(), fc.constant('7')),
            u: fc.constant(null),
          },
          { requiredKeys: ['r'] },
        ),
        { maxLength: 30 },
      ),
      groupSpec,
      (docs, spec) => {
        const store = new Store([{ name: 'c' }])
        store.apply(docs.map((d, i) => ({ c: 'c', put: { ...d, _id: `d${i}` } as Doc })))
        const stored = [...store.col('c').docs.values()]
        const answer = (f: () => Json[]) => {
          try {
            return JSON.stringify(f())
          } catch {
            return 'refused'
          }
        }
        expect(answer(() => store.aggregate('c', [{ $group: spec }]))).toBe(
          answer(() => new Aggregator([{ $group: spec }]).run(stored) as Json[]),
        )
      },
    ),
    { numRuns: 3000 },
  )
})
