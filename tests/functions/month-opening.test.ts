// A month's counters are opened before the month (stats' openMonth trigger; member.approve for newcomers),
// so every ledger write path — counted, refused by a cap, or a duplicate — takes at most 3 round trips.
import type { InteractOutputs } from '../../typings/interact'
import type { MemberOutputs } from '../../typings/member'
import type { MonthOpening, StatsOutputs } from '../../typings/stats'
import { rows } from '../../cloudfunctions/_shared/db'
import { record } from './stats-fixtures'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { branchMonthId, memberMonthId } from '../../cloudfunctions/_shared/participation'
import { type TestCloud, dataOf, memberCounter, postJson, startTestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(() => cloud?.close())

const ADMIN = 'demo-district-admin'
const runTrigger = async (now: string) =>
  (
    (await postJson(`${cloud.url}/__triggers/stats/openMonth`, {}, { 'x-now': now })).body as {
      result: { ok: boolean; data: MonthOpening[] }
    }
  ).result
const count = async (collection: string, where: object) =>
  ((await cloud.db.collection(collection).where(where).count()) as { total: number }).total
/** Database round trips of one call, as the emulator measured them. */
const tripsOf = async (
  openid: string,
  fn: string,
  action: string,
  payload: object,
  now: string,
) => {
  const { reply, meta } = await cloud.callWithMeta(openid, fn, action, payload, { now })
  expect(reply).toMatchObject({ ok: true })
  return { data: (reply as { data: unknown }).data, trips: meta.dbRoundTrips }
}

describe('opening a month', () => {
  test('the trigger opens the current month daily and, from the 25th, the next; a second run writes nothing', async () => {
    const inBranches = await count('members', {
      status: 'active',
      branchId: cloud.db.command.neq(null),
    })
    const branches = await count('orgs', { level: 'branch' })
    expect(inBranches).toBeGreaterThan(100)

    const mid = await runTrigger('2027-02-10T02:00:00+08:00')
    expect(mid.data).toEqual([
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
    expect(late.data).toEqual([
      { month: '2027-02', done: true, already: true, members: inBranches, branches },
      { month: '2027-03', done: true, already: false, members: inBranches, branches },
    ])
    expect(await count('member_months', { month: '2027-02' })).toBe(inBranches)
    expect(await count('branch_months', { month: '2027-03' })).toBe(branches)
  })

  test('a run that ran out of time resumes after its cursor and opens only what is missing', async () => {
    const active = await rows<{ _id: string }>(
      cloud.db
        .collection('members')
        .where({ status: 'active', branchId: cloud.db.command.neq(null) })
        .orderBy('_id', 'asc')
        .field({ _id: true })
        .limit(1000),
    )
    const cursor = active[59]._id
    // What a stopped run leaves behind: its marker with the cursor, the counters up to it.
    await cloud.db
      .collection('month_openings')
      .doc('2027-05')
      .set({
        data: { cursor, done: false, members: 60, branches: 0, updatedAt: new Date() },
      })
    await cloud.db.collection('member_months').add({
      data: {
        _id: memberMonthId('2027-05', active[0]._id),
        memberId: active[0]._id,
        month: '2027-05',
        score: 7,
        counts: { checkin: 1 },
      },
    })
    const opened = dataOf(
      await cloud.callAs<StatsOutputs['openMonth']>(ADMIN, 'stats', 'openMonth', {
        month: '2027-05',
      }),
    )
    expect(opened).toMatchObject({ done: true, members: active.length })
    // Members after the cursor were opened; the one before it kept its own counter untouched.
    expect(await count('member_months', { month: '2027-05' })).toBe(active.length - 59)
    expect(
      (
        await rows<{ score: number }>(
          cloud.db
            .collection('member_months')
            .where({ _id: memberMonthId('2027-05', active[0]._id) }),
        )
      )[0].score,
    ).toBe(7)
  })

  test('only district admins open a month by hand, and never a month that has passed', async () => {
    expect(
      await cloud.callAs('demo-secretary-1', 'stats', 'openMonth', { month: '2027-06' }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(
      await cloud.callAs(
        ADMIN,
        'stats',
        'openMonth',
        { month: '2026-01' },
        { now: '2026-11-01T09:00:00+08:00' },
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '已经过去的月份无需开启' })
    expect(await cloud.callAs(ADMIN, 'stats', 'openMonth', { month: '2027-13' })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    })
    expect(await count('month_openings', { _id: '2027-06' })).toBe(0)
  })

  test('zero counters rank nobody: a month starts with an empty ranking', async () => {
    const ranking = dataOf(
      await cloud.callAs<StatsOutputs['memberRanking']>(
        'demo-member-2',
        'stats',
        'memberRanking',
        {},
        { now: '2027-02-10T09:00:00+08:00' },
      ),
    )
    expect(ranking).toMatchObject({ ranked: 0, top: [], mine: null })
  })
})

test('settling an opened month without activity finds no difference and ranks nobody', async () => {
  const summary = dataOf(
    await cloud.callAs<StatsOutputs['settle']>(
      ADMIN,
      'stats',
      'settle',
      { month: '2027-02' },
      { now: '2027-03-01T01:00:00+08:00' },
    ),
  )
  expect(summary).toMatchObject({ month: '2027-02', differences: 0, already: false })
  const snapshots = await count('ranking_snapshots', { kind: 'members', month: '2027-02' })
  expect(snapshots).toBe(0)
})

describe('every ledger write path takes at most 3 round trips once the month is opened', () => {
  // A check-in call is 1 caller lookup + the ledger's writes + 2 reads for its reply.
  const CHECKIN_READS = 3

  test('the first check-in of a month, the member’s and the branch’s first action, writes in 3', async () => {
    await runTrigger('2027-03-28T02:00:00+08:00') // opens April
    const first = await tripsOf(
      'demo-member-20',
      'checkin',
      'checkIn',
      {},
      '2027-04-01T00:00:05+08:00',
    )
    expect(first.trips - CHECKIN_READS).toBe(3)
    expect(first.data).toMatchObject({ already: false, monthCount: 1 })
    const again = await tripsOf(
      'demo-member-20',
      'checkin',
      'checkIn',
      {},
      '2027-04-01T08:00:00+08:00',
    )
    expect(again.data).toMatchObject({ already: true, monthCount: 1 })
    // The duplicate is refused by the entry's id: 1 write, nothing counted twice.
    expect(again.trips - CHECKIN_READS).toBe(1)
    const branch = await rows<{ counts: object }>(
      cloud.db.collection('branch_months').where({ _id: branchMonthId('2027-04', 'branch-1') }),
    )
    expect(branch[0].counts).toEqual({ checkin: 1 })
  })

  test('a month nobody opened still counts exactly, at the price of creating its counters', async () => {
    const unopened = await tripsOf(
      'demo-member-21',
      'checkin',
      'checkIn',
      {},
      '2028-01-05T09:00:00+08:00',
    )
    expect(unopened.data).toMatchObject({ already: false, monthCount: 1 })
    expect(unopened.trips - CHECKIN_READS).toBeGreaterThan(3)
    expect((await memberCounter(cloud, 'demo-member-21', '2028-01')).counts).toEqual({ checkin: 1 })
  })

  test('a comment refused by the daily cap costs what a counted one costs, and is tallied as refused', async () => {
    const at = '2027-04-02T10:00:00+08:00'
    const news = dataOf(
      await cloud.callAs<InteractOutputs['postNews']>(
        'demo-secretary-1',
        'interact',
        'postNews',
        { draftId: 'open-news-1', title: '四月学习安排', body: '欢迎留言', visibility: 'branch' },
        { now: at },
      ),
    ).news
    const comment = (i: number) =>
      tripsOf(
        'demo-member-22',
        'interact',
        'comment',
        { draftId: `open-comment-${i}`, newsId: news.id, text: `第 ${i} 条体会` },
        at,
      )
    const replies = []
    for (let i = 1; i <= 6; i++) replies.push(await comment(i))
    const counted = replies.map((r) => (r.data as InteractOutputs['comment']).counted)
    expect(counted).toEqual([true, true, true, true, true, false])
    // Counted: entry, member counter, branch counter. Refused: entry, member counter, refusal tally.
    expect(replies[5].trips).toBe(replies[4].trips)
    expect(await memberCounter(cloud, 'demo-member-22', '2027-04')).toMatchObject({
      counts: { comment: 5 },
      refused: { comment: 1 },
      score: 5,
    })
  })

  test('20 concurrent comments at the cap of an opened month: exactly 5 count, 15 are tallied refused', async () => {
    const at = '2027-04-03T10:00:00+08:00'
    const results = await record(
      cloud,
      at,
      Array.from({ length: 20 }, (_, i) => ({
        openid: 'demo-member-23',
        rule: 'comment' as const,
        ref: `burst-${i}`,
      })),
    )
    expect(results.filter((r) => r.counted)).toHaveLength(5)
    expect(results.filter((r) => r.reason === 'cap')).toHaveLength(15)
    expect(await memberCounter(cloud, 'demo-member-23', '2027-04')).toMatchObject({
      counts: { comment: 5 },
      refused: { comment: 15 },
      days: { '03': { comment: 5 } },
    })
  })

  test('approval opens the newcomer’s counters for this month and the next', async () => {
    const now = '2027-04-27T09:00:00+08:00'
    const registered = dataOf(
      await cloud.callAs<MemberOutputs['register']>(
        'newcomer-1',
        'member',
        'register',
        { kind: 'member', name: '林小雨', phone: '13900002222', branchId: 'branch-1' },
        { now },
      ),
    )
    expect(registered.me).toMatchObject({ kind: 'member', status: 'pending' })
    expect(await memberCounter(cloud, 'newcomer-1', '2027-04')).toBeUndefined()
    dataOf(
      await cloud.callAs(
        'demo-secretary-1',
        'member',
        'approve',
        { memberId: memberIdOf('newcomer-1') },
        { now },
      ),
    )
    for (const month of ['2027-04', '2027-05'])
      expect(await memberCounter(cloud, 'newcomer-1', month)).toMatchObject({
        name: '林小雨',
        branchId: 'branch-1',
        score: 0,
      })
    const first = await tripsOf('newcomer-1', 'checkin', 'checkIn', {}, now)
    expect(first.trips - CHECKIN_READS).toBe(3)
  })
})
