import type { ActionInput, Reply, StatsOutputs } from '../../typings/index'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, memberCounter, postJson, useTestCloud } from '../support/cloud'
import { record } from './ledger-fixtures'

const cloud = useTestCloud()

const member = (n: number) => `demo-member-${n}`
const counter = (month: string, openid: string) => memberCounter(cloud, openid, month)

describe('the ledger caps', () => {
  const at = '2026-02-10T09:00:00+08:00'

  test('the comment that reaches the daily cap counts; the next is recorded but not counted', async () => {
    const five = await record(
      cloud,
      at,
      [1, 2, 3, 4, 5].map((i) => ({ openid: member(7), rule: 'comment' as const, ref: `c${i}` })),
    )
    expect(five.every((r) => r.counted)).toBe(true)
    const [sixth] = await record(cloud, at, [{ openid: member(7), rule: 'comment', ref: 'c6' }])
    expect(sixth).toMatchObject({ counted: false, reason: 'cap' })
    // Recorded in the ledger, tallied as refused on the counter: counts + refused = the ledger.
    expect(await counter('2026-02', member(7))).toMatchObject({
      counts: { comment: 5 },
      refused: { comment: 1 },
    })
    expect(
      await rows(cloud.db.collection('participation_ledger').where({ _id: sixth.entryId })),
    ).toHaveLength(1)
    const [next] = await record(cloud, '2026-02-11T00:00:00+08:00', [
      { openid: member(7), rule: 'comment', ref: 'c7' },
    ])
    expect(next.counted).toBe(true)
  })

  test('service hours count up to exactly the daily cap of 12 and refuse one hour more', async () => {
    const hours = async (ref: string, units: number) =>
      (await record(cloud, at, [{ openid: member(8), rule: 'serviceHours', ref, units }]))[0]
    const ten = await hours('s1', 10)
    const two = await hours('s2', 2)
    const one = await hours('s3', 1)
    expect([ten.counted, two.counted, one.counted]).toEqual([true, true, false])
    expect(await counter('2026-02', member(8))).toMatchObject({
      score: 24,
      counts: { serviceHours: 12 },
      refused: { serviceHours: 1 },
    })
  })

  test('the monthly cap holds across days: the 11th fulfilled wish of a month is not counted', async () => {
    const days = ['01', '01', '01', '02', '02', '02', '03', '03', '03', '04', '04']
    const results = []
    for (const [i, d] of days.entries())
      results.push(
        ...(await record(cloud, `2026-02-${d}T12:00:00+08:00`, [
          { openid: member(9), rule: 'wishFulfilled', ref: `w${i}` },
        ])),
      )
    expect(results.map((r) => r.counted)).toEqual([...Array(10).fill(true), false])
    expect((await counter('2026-02', member(9))).counts.wishFulfilled).toBe(10)
  })
})

describe('stats.memberRanking', () => {
  const month = '2026-03'
  const t = (s: string) => `2026-03-${s}+08:00`

  beforeAll(async () => {
    // branch-3 (demo-member-34 … 55): 35 and 36 tie on 2 points, 36 reached it first; 37 and 38 tie at the same instant.
    await record(cloud, t('02T10:00:00'), [
      { openid: member(35), rule: 'checkin', ref: '2026-03-02' },
    ])
    await record(cloud, t('02T09:00:00'), [
      { openid: member(36), rule: 'checkin', ref: '2026-03-02' },
    ])
    await record(cloud, t('03T08:00:00'), [
      { openid: member(37), rule: 'comment', ref: 'x1' },
      { openid: member(38), rule: 'comment', ref: 'x2' },
    ])
    await record(cloud, t('03T09:00:00'), [
      { openid: member(39), rule: 'orglifeAttend', ref: 'o1' },
    ])
  })

  const ranking = (openid: string, payload: ActionInput<'stats', 'memberRanking'> = {}) =>
    cloud.as(openid, { now: t('20T12:00:00') }).stats.memberRanking(payload)

  test('ties order by who reached the score first, then by member id, never by name', async () => {
    const data = dataOf(await ranking(member(34)))
    const ids = [memberIdOf(member(37)), memberIdOf(member(38))].sort()
    expect(data.top.map((r) => r.memberId)).toEqual([
      memberIdOf(member(39)),
      memberIdOf(member(36)),
      memberIdOf(member(35)),
      ...ids,
    ])
    expect(data.top.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5])
    expect(data).toMatchObject({
      branchId: 'branch-3',
      month,
      settled: false,
      ranked: 5,
      mine: null,
    })
  })

  test('my own rank comes back even outside the top N, and my row is marked', async () => {
    const data = dataOf(await ranking(member(35), { top: 1 }))
    expect(data.top).toHaveLength(1)
    expect(data.mine).toMatchObject({ rank: 3, memberId: memberIdOf(member(35)), mine: true })
  })

  test('a ranking read takes at most 2 database round trips', async () => {
    const { meta } = await cloud
      .measure(member(35), { now: t('20T12:00:00') })
      .stats.memberRanking({})
    expect(meta.dbRoundTrips).toBeLessThanOrEqual(2)
  })

  test('a member of branch A cannot read branch B’s member ranking', async () => {
    const reply = await ranking(member(1), { branchId: 'branch-3' })
    expect(reply).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
      message: '只能查看本支部的成员排行',
    })
  })

  test('a community admin reads branches of their community only; a district admin reads any', async () => {
    expect(dataOf(await ranking('demo-community-admin-1', { branchId: 'branch-3' })).ranked).toBe(5)
    expect(await ranking('demo-community-admin-2', { branchId: 'branch-3' })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(dataOf(await ranking('demo-district-admin', { branchId: 'branch-3' })).ranked).toBe(5)
  })

  test('stats.myMonth gives my counts, shortfall against the minimums and my rank', async () => {
    const reply = await cloud.as(member(36), { now: t('20T12:00:00') }).stats.myMonth({})
    expect(dataOf(reply)).toMatchObject({
      month,
      score: 2,
      counts: { checkin: 1 },
      shortfall: { checkin: 3, comment: 10 },
      metAll: false,
      rank: 2,
      ranked: 5,
    })
  })
})

describe('the stats timers', () => {
  const SEPT = '2026-09-20T10:00:00+08:00'

  test('a user sending a timer-shaped event gets the dispatcher’s INVALID_ARGUMENT and nothing runs', async () => {
    const before = await cloud.outbox()
    for (const TriggerName of ['remindMonth', 'settleMonth']) {
      const res = await postJson(
        `${cloud.url}/fn/stats`,
        { Type: 'Timer', TriggerName },
        { 'x-wx-openid': member(1), 'x-now': SEPT },
      )
      expect(res.body).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
        message: '不支持的操作',
      })
    }
    expect(await cloud.outbox()).toEqual(before)
    expect(
      await rows(cloud.db.collection('ranking_snapshots').where({ month: '2026-08' })),
    ).toEqual([])
  })

  test('the platform’s remindMonth trigger still sends the month’s reminders', async () => {
    const before = (await cloud.outbox()).length
    const result = await cloud.trigger<Reply<StatsOutputs['remind']>>('stats', 'remindMonth', SEPT)
    expect(result).toMatchObject({ ok: true, data: { month: '2026-09', failed: 0 } })
    const { sent } = dataOf(result)
    expect(sent).toBeGreaterThan(0)
    expect((await cloud.outbox()).length).toBe(before + sent)
  })
})
