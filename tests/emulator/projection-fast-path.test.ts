// `.field({ a: true, … })` skips mingo in the emulator; it must answer exactly what mingo's projection answers,
// key order included (the reply is encoded as is), and leave every other projection to mingo.
import fc from 'fast-check'
import { Query } from 'mingo'
import type { Doc } from '../../emulator/src/ejson'
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
