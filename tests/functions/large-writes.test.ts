// Large documents through the real SDK: a request is refused past 6 MB (the SDK sends canonical EJSON, about
// twice the JSON for documents full of numbers), so insertOnce cuts its batches by size as well as by count,
// and pageAll can read large documents a few at a time. The month's assembly writes ~31 MB of rankings at a
// city's size this way.
import { MAX_WRITE_JSON_BYTES, insertOnce, pageAll } from '../../cloudfunctions/_shared/db'
import { runHere, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()

/** A ranking-like document of ~105 KB of JSON: 1,000 rows of numbers. */
const bulky = (n: number) => ({
  _id: `bulky_${String(n).padStart(3, '0')}`,
  kind: 'bulky',
  rows: Array.from({ length: 1000 }, (_x, i) => ({
    rank: i + 1,
    score: i * 3.5,
    counts: { checkin: i % 7, comment: i % 11, study: i % 5, serviceHours: i % 13 },
    name: `第${i}支部`,
  })),
})

test('documents over 6 MB on the wire insert in batches under the limit, once, and read back in small pages', async () => {
  runHere(cloud)
  const docs = Array.from({ length: 40 }, (_x, n) => bulky(n))
  const json = docs.reduce((s, d) => s + JSON.stringify(d).length, 0)
  expect(json).toBeGreaterThan(2 * MAX_WRITE_JSON_BYTES)
  expect(await insertOnce('ranking_snapshots', docs, 100)).toBe(40)
  // Again: nothing new, the first writes stay.
  expect(await insertOnce('ranking_snapshots', [bulky(0), bulky(40)], 100)).toBe(1)
  const read = await pageAll<{ _id: string; rows: unknown[] }>(
    'ranking_snapshots',
    { kind: 'bulky' },
    undefined,
    5,
  )
  expect(read.map((d) => d._id)).toEqual([...docs, bulky(40)].map((d) => d._id))
  expect(read[7]).toEqual(docs[7])
})
