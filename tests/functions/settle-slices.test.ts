// Month settlement split into slices gives the very documents the single-invocation settlement gave: the
// snapshots in __snapshots__ were recorded from that settlement (before the slices) on this seeded month.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { memberMonthId } from '../../cloudfunctions/_shared/participation'
import {
  type Counter,
  MONTH,
  addEvents,
  loadDistrict,
  writeCounters,
} from '../../emulator/scripts/bench-stats'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()

const MEMBERS = 240
const APRIL = '2026-04-01T01:00:00+08:00'

type Counted = { _id: string; score: number; counts: object; refused: object; applied?: object }

/** What a settlement writes for the month, each list in `_id` order. */
async function settledDocs() {
  const all = async <T extends { _id: string }>(collection: string, where: object) =>
    (await cloud.docs<T>(collection, where)).sort((a, b) => (a._id < b._id ? -1 : 1))
  return {
    snapshots: await all('ranking_snapshots', { month: MONTH }),
    audits: await all('settlement_audits', { month: MONTH }),
    bulletins: (await all<{ _id: string }>('news', { kind: 'bulletin' })).filter((n) =>
      n._id.startsWith(`bulletin_${MONTH}_`),
    ),
    // Compact: what the repair may move on a counter, and how many entries it has applied.
    counters: (await all<Counted>('member_months', { month: MONTH })).map((c) => [
      c._id,
      c.score,
      c.counts,
      c.refused,
      Object.keys(c.applied ?? {}).length,
    ]),
    settlement: await all('settlements', { _id: MONTH }),
  }
}

beforeAll(async () => {
  // 240 members in 5 branches of one community beside the demo district's 2 communities and 8 branches;
  // 720 events, the last 6 half-written (in the ledger, on no counter).
  loadDistrict(cloud, MEMBERS)
  const counters = new Map<number, Counter>()
  addEvents(cloud, MEMBERS, 0, 720, counters, 6)
  writeCounters(cloud, counters)
  cloud.app.store.rebuildIndexes()
  // A counter one comment over its ledger: a difference no repair removes.
  await cloud.db
    .collection('member_months')
    .doc(memberMonthId(MONTH, memberIdOf('bench-7')))
    .update({ data: { counts: { comment: cloud.db.command.inc(1) } } })
})

test('settling a seeded month writes the recorded snapshots, audits, bulletins and counters', async () => {
  const summary = dataOf(
    await cloud.as('demo-district-admin', { now: APRIL }).stats.settle({ month: MONTH }),
  )
  expect(summary).toMatchSnapshot('summary')
  const docs = await settledDocs()
  expect(docs.snapshots.length).toBeGreaterThan(6)
  expect(docs).toMatchSnapshot('documents')
})
