// A month's counters are opened before the month (stats' openMonth trigger; member.approve for newcomers),
// so every ledger write path — counted, refused by a cap, or a duplicate — takes at most 3 round trips.
import type { MonthOpening, Reply } from '../../typings/index'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { type Participation, recordParticipation } from '../../cloudfunctions/_shared/ledger'
import { branchMonthId } from '../../cloudfunctions/_shared/participation'
import { type SliceDoc, runSlice } from '../../cloudfunctions/stats/src/month-work'
import { openMonth, openSlice, openingWork } from '../../cloudfunctions/stats/src/open'
import { PAGE } from '../../cloudfunctions/stats/src/store'
import { dataOf, memberCounter, useTestCloud } from '../support/cloud'
import { membersByOpenid, record, useCloud } from './ledger-fixtures'

const cloud = useTestCloud()

const ADMIN = 'demo-district-admin'
const runTrigger = async (now: string) =>
  dataOf(await cloud.trigger<Reply<MonthOpening[]>>('stats', 'openMonth', now))
const count = async (collection: string, where: object) =>
  ((await cloud.db.collection(collection).where(where).count()) as { total: number }).total
const activeInBranches = () =>
  count('members', { status: 'active', branchId: cloud.db.command.neq(null) })

/** Records one participation in this process and counts the database round trips it took. */
async function recordCounting(openid: string, now: string, p: Omit<Participation, 'member'>) {
  const member = (await membersByOpenid(cloud, [openid])).get(openid)!
  useCloud(cloud, now)
  await cloud.resetMeter()
  const recorded = await recordParticipation({ ...p, member })
  return { recorded, trips: (await cloud.meter()).roundTrips }
}

describe('opening a month', () => {
  test('the trigger opens the current month and, from the 25th, the next; a second run writes nothing', async () => {
    const inBranches = await activeInBranches()
    const branches = await count('orgs', { level: 'branch' })
    expect(inBranches).toBeGreaterThan(100)

    const mid = await runTrigger('2027-02-10T02:00:00+08:00')
    expect(mid).toEqual([
      { month: '2027-02', done: true, already: false, members: inBranches, branches },
    ])
    expect(await count('member_months', { month: '2027-02' })).toBe(inBranches)
    expect(await count('member_months', { month: '2027-03' })).toBe(0)
    expect(await memberCounter(cloud, 'demo-member-1', '2027-02')).toMatchObject({
      score: 0,
      counts: {},
      refused: {},
      branchId: 'branch-1',
      reachedAt: new Date('2027-02-01T00:00:00+08:00'),
    })

    const late = await runTrigger('2027-02-25T02:00:00+08:00')
    expect(late).toEqual([
      { month: '2027-02', done: true, already: true, members: inBranches, branches },
      { month: '2027-03', done: true, already: false, members: inBranches, branches },
    ])
    expect(await count('member_months', { month: '2027-02' })).toBe(inBranches)
    expect(await count('branch_months', { month: '2027-03' })).toBe(branches)
  })

  test('months open in slices; a slice stopped midway keeps its cursor, and the next run opens only the rest', async () => {
    // More than one page (1000) of members, so the stop falls between pages.
    const extra = Array.from({ length: 1100 }, (_, i) => {
      const openid = `bulk-member-${i}`
      const at = new Date('2027-01-01T00:00:00+08:00')
      return {
        _id: memberIdOf(openid),
        openid,
        name: `党员${i}`,
        phone: '13900000000',
        status: 'active',
        roles: [],
        branchId: 'branch-8',
        communityId: 'community-jiangsu',
        createdAt: at,
        updatedAt: at,
        approvedAt: at,
      }
    })
    for (let i = 0; i < extra.length; i += 100)
      await cloud.db.collection('members').add({ data: extra.slice(i, i + 100) as never })
    const inBranches = await activeInBranches()

    useCloud(cloud, '2027-04-25T02:00:00+08:00')
    // A zero budget plans the slices and runs none.
    expect(await openMonth('2027-05', 0)).toMatchObject({ done: false, members: 0 })
    const slices = await cloud.docs<SliceDoc>('month_slices', { runId: 'open_2027-05' })
    expect(slices.length).toBeGreaterThan(1)
    const big = slices.find((s) => s.branchIds.includes('branch-8'))!
    expect(big.members).toBeGreaterThan(PAGE)
    // The big slice's invocation stops after its first page of members.
    let pages = 0
    const stopped = await runSlice(
      { ...openingWork, slice: (slice, save) => openSlice(slice, save, () => pages++ >= 0) },
      big._id,
    )
    expect(stopped).toMatchObject({ ran: true, done: false })
    const partial = (await cloud.doc<SliceDoc<{ members: number }>>('month_slices', big._id))!
    expect(partial).toMatchObject({ state: 'todo', attempts: 1 })
    expect(partial.partial?.members).toBe(PAGE)
    expect(await count('member_months', { month: '2027-05' })).toBe(PAGE)

    // The driver runs every slice in its own invocation; the big one resumes at its cursor.
    const rest = await openMonth('2027-05', 30_000)
    expect(rest).toMatchObject({ done: true, already: false, members: inBranches })
    expect(await count('member_months', { month: '2027-05' })).toBe(inBranches)
    expect(await cloud.doc('month_slices', big._id)).toMatchObject({ state: 'done', attempts: 2 })
    expect(await openMonth('2027-05', 30_000)).toMatchObject({ done: true, already: true })
    const progress = dataOf(
      await cloud
        .as(ADMIN, { now: '2027-04-26T09:00:00+08:00' })
        .stats.monthProgress({ month: '2027-05' }),
    )
    expect(progress.open).toMatchObject({
      state: 'done',
      slices: { done: slices.length, total: slices.length },
    })
    expect(progress.settle).toMatchObject({ state: 'none', slices: { done: 0, total: 0 } })
  })

  test('only district admins open a month by hand or read its progress, and only this month or the next', async () => {
    const now = { now: '2026-11-20T09:00:00+08:00' }
    expect(
      await cloud.as('demo-secretary-1', now).stats.openMonth({ month: '2026-12' }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await cloud.as('demo-community-admin-1', now).stats.monthProgress({})).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    for (const month of ['2026-10', '2027-01'])
      expect(await cloud.as(ADMIN, now).stats.openMonth({ month })).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
        message: '只能准备本月或下月的积分表',
      })
    expect(await cloud.as(ADMIN, now).stats.openMonth({ month: '2026-13' })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    })
    expect(
      await count('month_openings', { _id: cloud.db.command.in(['2026-10', '2027-01']) }),
    ).toBe(0)
    expect(dataOf(await cloud.as(ADMIN, now).stats.openMonth({}))).toMatchObject({
      month: '2026-11',
      done: true,
    })
  })

  test('zero counters rank nobody, and settling such a month finds no difference', async () => {
    await runTrigger('2027-06-10T02:00:00+08:00')
    const ranking = dataOf(
      await cloud.as('demo-member-2', { now: '2027-06-10T09:00:00+08:00' }).stats.memberRanking({}),
    )
    expect(ranking).toMatchObject({ ranked: 0, top: [], mine: null })
    const { summary } = dataOf(
      await cloud
        .as(ADMIN, { now: '2027-07-01T01:00:00+08:00' })
        .stats.settle({ month: '2027-06' }),
    )
    expect(summary).toMatchObject({ month: '2027-06', members: 0, differences: 0 })
    expect(await count('ranking_snapshots', { kind: 'members', month: '2027-06' })).toBe(0)
  })
})

describe('every ledger write path takes at most 3 round trips once the month is opened', () => {
  beforeAll(async () => {
    await runTrigger('2027-08-28T02:00:00+08:00') // opens August and September
  })
  const AT = '2027-09-01T00:00:05+08:00'

  test('the month’s first action of a member and a branch: 3; the same action again: 1', async () => {
    const first = await recordCounting('demo-member-20', AT, { rule: 'checkin', ref: '2027-09-01' })
    expect(first).toMatchObject({ trips: 3, recorded: { counted: true } })
    const again = await recordCounting('demo-member-20', AT, { rule: 'checkin', ref: '2027-09-01' })
    expect(again).toMatchObject({ trips: 1, recorded: { counted: false, reason: 'duplicate' } })
    const [branch] = await rows<{ counts: object; score: number }>(
      cloud.db.collection('branch_months').where({ _id: branchMonthId('2027-09', 'branch-1') }),
    )
    expect(branch).toMatchObject({ counts: { checkin: 1 }, score: 2 })
  })

  test('refused by the daily cap: 3, tallied as refused on the counter', async () => {
    await record(
      cloud,
      AT,
      [1, 2, 3, 4, 5].map((i) => ({
        openid: 'demo-member-22',
        rule: 'comment' as const,
        ref: `d${i}`,
      })),
    )
    const sixth = await recordCounting('demo-member-22', AT, { rule: 'comment', ref: 'd6' })
    expect(sixth).toMatchObject({ trips: 3, recorded: { counted: false, reason: 'cap' } })
    expect(await memberCounter(cloud, 'demo-member-22', '2027-09')).toMatchObject({
      score: 5,
      counts: { comment: 5 },
      refused: { comment: 1 },
    })
  })

  test('refused by the monthly cap: 3', async () => {
    // 微心愿: at most 3 a day and 10 a month.
    for (const day of ['02', '03', '04'])
      await record(
        cloud,
        `2027-09-${day}T10:00:00+08:00`,
        [1, 2, 3].map((i) => ({
          openid: 'demo-member-24',
          rule: 'wishFulfilled' as const,
          ref: `${day}-${i}`,
        })),
      )
    await record(cloud, '2027-09-05T10:00:00+08:00', [
      { openid: 'demo-member-24', rule: 'wishFulfilled', ref: '05-1' },
    ])
    const eleventh = await recordCounting('demo-member-24', '2027-09-06T10:00:00+08:00', {
      rule: 'wishFulfilled',
      ref: '06-1',
    })
    expect(eleventh).toMatchObject({ trips: 3, recorded: { counted: false, reason: 'cap' } })
    expect(await memberCounter(cloud, 'demo-member-24', '2027-09')).toMatchObject({
      counts: { wishFulfilled: 10 },
      refused: { wishFulfilled: 1 },
    })
  })

  test('an action bigger than a cap on its own is refused in 2 and never counted', async () => {
    const big = await recordCounting('demo-member-25', AT, {
      rule: 'serviceHours',
      ref: 'marathon',
      units: 13,
    })
    expect(big).toMatchObject({ trips: 2, recorded: { counted: false, reason: 'cap' } })
    expect(await memberCounter(cloud, 'demo-member-25', '2027-09')).toMatchObject({
      score: 0,
      counts: {},
      refused: { serviceHours: 13 },
    })
  })

  test('in a month nobody opened the counts stay exact, at the price of creating the counters', async () => {
    const at = '2028-01-05T09:00:00+08:00'
    const first = await recordCounting('demo-member-21', at, { rule: 'checkin', ref: '2028-01-05' })
    expect(first.recorded.counted).toBe(true)
    expect(first.trips).toBeGreaterThan(3)
    const big = await recordCounting('demo-member-26', at, {
      rule: 'serviceHours',
      ref: 'm',
      units: 13,
    })
    expect(big.recorded).toMatchObject({ counted: false, reason: 'cap' })
    expect(await memberCounter(cloud, 'demo-member-21', '2028-01')).toMatchObject({
      counts: { checkin: 1 },
    })
    expect(await memberCounter(cloud, 'demo-member-26', '2028-01')).toMatchObject({
      counts: {},
      refused: { serviceHours: 13 },
    })
  })

  test('20 concurrent comments at the cap: exactly 5 count, 15 are tallied refused', async () => {
    const results = await record(
      cloud,
      AT,
      Array.from({ length: 20 }, (_, i) => ({
        openid: 'demo-member-23',
        rule: 'comment' as const,
        ref: `burst-${i}`,
      })),
    )
    expect(results.filter((r) => r.counted)).toHaveLength(5)
    expect(results.filter((r) => r.reason === 'cap')).toHaveLength(15)
    expect(await memberCounter(cloud, 'demo-member-23', '2027-09')).toMatchObject({
      counts: { comment: 5 },
      refused: { comment: 15 },
      days: { '01': { comment: 5 } },
    })
  })

  test('a whole check-in call: the caller lookup, 3 writes and 2 reads for the reply', async () => {
    const { reply, meta } = await cloud
      .measure('demo-member-27', { now: '2027-09-02T08:00:00+08:00' })
      .checkin.checkIn({})
    expect(reply).toMatchObject({ ok: true, data: { already: false, monthCount: 1 } })
    expect(meta.dbRoundTrips).toBe(6)
  })

  test('approval opens the newcomer’s counters, and the branch’s, for this month and the next', async () => {
    const now = '2027-09-27T09:00:00+08:00'
    const registered = dataOf(
      await cloud.as('newcomer-1', { now }).member.register({
        kind: 'member',
        name: '林小雨',
        phone: '13900002222',
        branchId: 'branch-2',
      }),
    )
    expect(registered.me).toMatchObject({ kind: 'member', status: 'pending' })
    expect(await memberCounter(cloud, 'newcomer-1', '2027-09')).toBeUndefined()
    dataOf(
      await cloud
        .as('demo-secretary-2', { now })
        .member.approve({ memberId: memberIdOf('newcomer-1') }),
    )
    for (const month of ['2027-09', '2027-10']) {
      expect(await memberCounter(cloud, 'newcomer-1', month)).toMatchObject({
        name: '林小雨',
        branchId: 'branch-2',
        score: 0,
      })
      expect(await count('branch_months', { _id: branchMonthId(month, 'branch-2') })).toBe(1)
    }
    const first = await recordCounting('newcomer-1', '2027-10-01T08:00:00+08:00', {
      rule: 'checkin',
      ref: '2027-10-01',
    })
    expect(first).toMatchObject({ trips: 3, recorded: { counted: true } })
  })
})
