// insertOnce's batches (db.ts batchesOf): in order, at most `count` documents and `bytes` of JSON each, a
// document larger than `bytes` alone.
import fc from 'fast-check'
import { batchesOf } from '../../cloudfunctions/_shared/db'

test('batches keep order and both bounds; an oversized document goes alone', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ maxLength: 60 }), { maxLength: 80 }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 10, max: 200 }),
      (docs, count, bytes) => {
        const batches = batchesOf(docs, count, bytes)
        expect(batches.flat()).toEqual(docs)
        for (const b of batches) {
          expect(b.length).toBeGreaterThan(0)
          expect(b.length).toBeLessThanOrEqual(count)
          const size = b.reduce((s, d) => s + JSON.stringify(d).length, 0)
          if (b.length > 1) expect(size).toBeLessThanOrEqual(bytes)
        }
        // Greedy: a batch is closed only when the next document would break a bound.
        for (let i = 0; i + 1 < batches.length; i++) {
          const b = batches[i]
          const next = JSON.stringify(batches[i + 1][0]).length
          const size = b.reduce((s, d) => s + JSON.stringify(d).length, 0)
          expect(b.length >= count || size + next > bytes).toBe(true)
        }
      },
    ),
  )
})
