// Plain `$set` / `$inc` updates skip mingo's per-call setup in the emulator; they must end exactly where
// mingo's own update ends (and fail where it fails).
import fc from 'fast-check'
import { update } from 'mingo'
import { encode, type Doc } from '../../emulator/src/ejson'
import { Store } from '../../emulator/src/store'
import { Tx } from '../../emulator/src/txn'

const field = fc.constantFrom('a', 'b', 'c', 'n', '_id', 'a.b', '$x')
const value = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, min: -10, max: 10 }),
  fc.string({ maxLength: 3 }),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
  fc.dictionary(fc.constantFrom('x', 'y'), fc.integer()),
  fc.array(fc.integer(), { maxLength: 2 }),
)
const modifier = fc.dictionary(
  fc.constantFrom('$set', '$inc', '$unset'),
  fc.dictionary(field, value, { maxKeys: 3 }),
  { minKeys: 1, maxKeys: 2 },
)

test('$set / $inc through the store match mingo, including the updates mingo refuses', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'n'), value), modifier, (doc, mod) => {
      const store = new Store([{ name: 'c' }])
      store.apply([{ c: 'c', put: { ...doc, _id: 'd' } as Doc }])
      let expected: string
      try {
        const copy = { ...structuredClone(doc), _id: 'd' }
        update(copy, mod as never)
        expected = encode(copy)
      } catch {
        expected = 'refused'
      }
      let actual: string
      try {
        const tx = new Tx('', false)
        store.modify(tx, 'c', { _id: 'd' }, mod, { multi: false, merge: true, upsert: false })
        actual = encode(tx.pending('c')?.get('d') ?? store.col('c').docs.get('d'))
      } catch {
        actual = 'refused'
      }
      expect(actual).toBe(expected)
    }),
    { numRuns: 2000 },
  )
})
