// A request that dies between its ledger entry and its counters leaves the entry unapplied; the month's
// settlement applies every such entry once (within the caps), corrects the branch counter, and says so.
import dayjs from 'dayjs'
import type { StatsOutputs } from '../../typings/stats'
import { ZONE } from '../../cloudfunctions/_shared/clock'
import { findById } from '../../cloudfunctions/_shared/db'
import {
  type LedgerEntry,
  type Participation,
  countOrRefuse,
  ledgerEntryOf,
  reverseParticipation,
  reversalOf,
} from '../../cloudfunctions/_shared/ledger'
import type { BranchMonthDoc } from '../../cloudfunctions/_shared/month-counters'
import { branchMonthId, ledgerEntryId } from '../../cloudfunctions/_shared/participation'
import { repairBranches } from '../../cloudfunctions/stats/src/repair'
import { dataOf, memberCounter, useTestCloud } from '../support/cloud'
import { balances, membersByOpenid, record, useCloud } from './ledger-fixtures'

const cloud = useTestCloud()

const ADMIN = 'demo-district-admin'
const openMonth = (now: string) => cloud.trigger('stats', 'openMonth', now)
const settle = (month: string, now: string) => cloud.as(ADMIN, { now }).stats.settle({ month })
const summaryOf = async (month: string, now: string) => dataOf(await settle(month, now)).summary
const ledger = () => cloud.db.collection('participation_ledger')
const branchCounter = (month: string, branchId: string) =>
  cloud.doc<BranchMonthDoc>('branch_months', branchMonthId(month, branchId))

/** The entry a request wrote at `now` before it died: in the ledger, on no counter. */
async function halfWritten(openid: string, now: string, p: Omit<Participation, 'member'>) {
  useCloud(cloud, now)
  const member = (await membersByOpenid(cloud, [openid])).get(openid)!
  const entry = ledgerEntryOf({ ...p, member })
  await ledger().add({ data: entry })
  return { entry, member }
}

describe('settlement completes half-written ledger entries', () => {
  const MONTH = '2027-03'
  const DAY = '2027-03-10T10:00:00+08:00'
  const APRIL = '2027-04-01T01:00:00+08:00'
  let summary: StatsOutputs['settle']['summary']
  let entries: Record<'lost' | 'overCap' | 'branchOnly' | 'reversal' | 'unapplied', LedgerEntry>

  beforeAll(async () => {
    await openMonth('2027-03-01T02:00:00+08:00')
    // demo-member-3: 5 comments that day count; a 6th, half-written, is over the daily cap of 5.
    await record(
      cloud,
      DAY,
      [1, 2, 3, 4, 5].map((i) => ({
        openid: 'demo-member-3',
        rule: 'comment' as const,
        ref: `c${i}`,
      })),
    )
    await record(cloud, DAY, [
      { openid: 'demo-member-5', rule: 'comment', ref: 'kept' },
      { openid: 'demo-member-6', rule: 'comment', ref: 'deleted' },
    ])
    const lost = await halfWritten('demo-member-4', DAY, { rule: 'checkin', ref: '2027-03-10' })
    const overCap = await halfWritten('demo-member-3', DAY, { rule: 'comment', ref: 'c6' })
    // demo-member-5's post: the member counter moved, the request died before the branch counter.
    const branchOnly = await halfWritten('demo-member-5', DAY, { rule: 'newsPosted', ref: 'n1' })
    expect(await countOrRefuse(branchOnly.entry, branchOnly.member)).toBe('counted')
    // demo-member-6 deleted a comment: the reversal was written, then the request died.
    const sixth = (await membersByOpenid(cloud, ['demo-member-6'])).get('demo-member-6')!
    const original = await findById<LedgerEntry>(
      'participation_ledger',
      ledgerEntryId(sixth._id, 'comment', 'deleted'),
    )
    const reversal = reversalOf(original!)
    await ledger().add({ data: reversal })
    // demo-member-10's comment was deleted while its own request had not moved the counter yet.
    const unapplied = await halfWritten('demo-member-10', DAY, { rule: 'comment', ref: 'gone' })
    expect(await reverseParticipation(unapplied.member._id, 'comment', 'gone')).toBe('pending')
    entries = {
      lost: lost.entry,
      overCap: overCap.entry,
      branchOnly: branchOnly.entry,
      reversal,
      unapplied: unapplied.entry,
    }

    const before = await balances(cloud, MONTH)
    expect(before.counters).not.toEqual(before.ledger)
    summary = await summaryOf(MONTH, APRIL)
  }, 60_000)

  test('each entry is applied once, the branch counter corrected, and the summary says so', async () => {
    expect(summary).toMatchObject({
      month: MONTH,
      differences: 0,
      already: false,
      // counted: the check-in (1), a reversal (-1) of a counted comment, demo-member-10's comment and its
      // reversal (1, -1); refused: the 6th comment of the day (1)
      repaired: { entries: 5, countedUnits: 0, refusedUnits: 1, branches: 1 },
    })
    const after = await balances(cloud, MONTH)
    expect(after.counters).toEqual(after.ledger)
    expect(await memberCounter(cloud, 'demo-member-4', MONTH)).toMatchObject({
      score: 2,
      counts: { checkin: 1 },
      days: { '10': { checkin: 1 } },
      applied: { [entries.lost._id]: 'counted' },
    })
    for (const openid of ['demo-member-6', 'demo-member-10'])
      expect(await memberCounter(cloud, openid, MONTH)).toMatchObject({
        score: 0,
        counts: { comment: 0 },
      })
    const [audit] = await cloud.docs<{ repaired: { entryId: string; applied: string }[] }>(
      'settlement_audits',
      { month: MONTH },
    )
    expect(audit.repaired).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entryId: entries.lost._id, applied: 'counted' }),
        expect.objectContaining({ entryId: entries.overCap._id, applied: 'refused' }),
        expect.objectContaining({ entryId: entries.reversal._id, applied: 'counted' }),
      ]),
    )
  })

  test('a repaired entry beyond a cap is tallied refused, never counted', async () => {
    expect(await memberCounter(cloud, 'demo-member-3', MONTH)).toMatchObject({
      score: 5,
      counts: { comment: 5 },
      refused: { comment: 1 },
      days: { '10': { comment: 5 } },
    })
  })

  test('repairing again repairs nothing, and settling again changes nothing', async () => {
    const branch = await branchCounter(MONTH, 'branch-1')
    useCloud(cloud, APRIL)
    const again = await repairBranches(
      MONTH,
      [{ branchId: 'branch-1', branchDoc: branch }],
      new Date(APRIL),
    )
    expect(again.get('branch-1')).toMatchObject({ entries: [], branch: {} })
    expect(await summaryOf(MONTH, APRIL)).toMatchObject({ already: true })
    const after = await balances(cloud, MONTH)
    expect(after.counters).toEqual(after.ledger)
    expect(await branchCounter(MONTH, 'branch-1')).toEqual(branch)
  })

  test('a request that resumes after its entry was repaired does not apply it twice', async () => {
    useCloud(cloud, APRIL)
    const [member] = (await membersByOpenid(cloud, ['demo-member-4'])).values()
    expect(await countOrRefuse(entries.lost, member)).toBeNull()
    expect(await memberCounter(cloud, 'demo-member-4', MONTH)).toMatchObject({
      counts: { checkin: 1 },
    })
  })
})

describe('what settlement leaves alone', () => {
  test('two settlements at once apply an entry once', async () => {
    const month = '2027-05'
    await openMonth('2027-05-01T02:00:00+08:00')
    await halfWritten('demo-member-7', '2027-05-03T09:00:00+08:00', {
      rule: 'checkin',
      ref: '2027-05-03',
    })
    const now = '2027-06-01T01:00:00+08:00'
    const replies = await Promise.all([settle(month, now), settle(month, now)])
    for (const r of replies) expect(r).toMatchObject({ ok: true })
    expect(await memberCounter(cloud, 'demo-member-7', month)).toMatchObject({
      score: 2,
      counts: { checkin: 1 },
    })
    const after = await balances(cloud, month)
    expect(after.counters).toEqual(after.ledger)
  })

  test('an entry written minutes before settlement may be in flight: reported, not repaired', async () => {
    const month = '2027-07'
    await openMonth('2027-07-01T02:00:00+08:00')
    await record(cloud, '2027-07-20T10:00:00+08:00', [
      { openid: 'demo-member-8', rule: 'checkin', ref: '2027-07-20' },
    ])
    // A service confirmed just after midnight for a day in July: its request is still running.
    await halfWritten('demo-member-8', '2027-08-01T00:58:00+08:00', {
      rule: 'serviceHours',
      ref: 'late',
      units: 2,
      at: dayjs.tz('2027-07-28 12:00', ZONE),
    })
    const summary = await summaryOf(month, '2027-08-01T01:00:00+08:00')
    expect(summary).toMatchObject({
      differences: 1,
      repaired: { entries: 0, countedUnits: 0, refusedUnits: 0, branches: 0 },
    })
    expect(await memberCounter(cloud, 'demo-member-8', month)).toMatchObject({
      counts: { checkin: 1 },
      refused: {},
    })
  })
})
