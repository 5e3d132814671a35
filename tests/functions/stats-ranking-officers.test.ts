// The officers' month views: branch rankings of any month (settled ones from the frozen snapshot, the current
// one live), their scopes, their round trips, a branch's members below the minimum in a past month, and the
// 12-month trend, checked against a recount of the ledger across a settled month and the live month.
import {
  DEFAULT_MINIMUMS,
  MINIMUM_RULES,
  PARTICIPATION_RULES,
  type RuleCounts,
  type RuleId,
} from '../../typings/participation'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import { dataOf, useTestCloud } from '../support/cloud'
import { record, recountLedger } from './ledger-fixtures'

const cloud = useTestCloud()

const JUNE = '2026-06'
const JULY_NOW = '2026-07-20T10:00:00+08:00'
const member = (n: number) => `demo-member-${n}`
const ADMIN_XINHUA = 'demo-community-admin-1'
const ADMIN_JIANGSU = 'demo-community-admin-2'
const DISTRICT = 'demo-district-admin'
const XINHUA_BRANCHES = ['branch-1', 'branch-2', 'branch-3', 'branch-4']

/** Check-ins on `days` and `comments` comments a day (within the daily caps, so the ledger is the count).
 * Day by day: record() sets the clock the ledger reads for the whole process. */
async function activity(month: string, openids: string[], days: number, comments: number) {
  for (let d = 0; d < days; d++)
    await record(
      cloud,
      `${month}-${String(d + 1).padStart(2, '0')}T09:00:00+08:00`,
      openids.flatMap((openid) => [
        { openid, rule: 'checkin' as const, ref: `${month}-${d}` },
        ...Array.from({ length: comments }, (_, i) => ({
          openid,
          rule: 'comment' as const,
          ref: `${month}-${d}-${i}`,
        })),
      ]),
    )
}

const round1 = (n: number) => Math.round(n * 10) / 10
const round3 = (n: number) => Math.round(n * 1000) / 1000
const scoreOf = (counts: RuleCounts) =>
  Object.entries(counts).reduce((s, [r, u]) => s + PARTICIPATION_RULES[r as RuleId].weight * u, 0)

/** Per-capita score and 达标率 of these branches in a month, recounted from the ledger and the roster. */
async function recount(month: string, branchIds: string[]) {
  const { byMember } = await recountLedger(cloud, month)
  const members = await cloud.docs<MemberDoc>('members', { status: 'active' })
  const inScope = members.filter((m) => m.branchId && branchIds.includes(m.branchId))
  const counts = inScope.map((m) => byMember.get(m._id) ?? {})
  const met = counts.filter((c) => MINIMUM_RULES.every((r) => (c[r] ?? 0) >= DEFAULT_MINIMUMS[r]))
  return {
    perMember: round1(counts.reduce((s, c) => s + scoreOf(c), 0) / inScope.length),
    activeRate: round3(met.length / inScope.length),
  }
}

beforeAll(async () => {
  // June: branch-2 meets every minimum, branch-1 half of its members check in; then June is settled.
  await activity(JUNE, [member(31), member(32), member(33), 'demo-secretary-2'], 4, 3)
  await activity(JUNE, [1, 2, 3, 4, 5].map(member), 2, 1)
  await activity(JUNE, [member(40)], 5, 5)
  dataOf(await cloud.as(DISTRICT, { now: '2026-07-01T02:00:00+08:00' }).stats.settle({}))
  // July (live): branch-1 overtakes.
  await activity('2026-07', [1, 2, 3, 4, 5, 6, 7, 8].map(member), 4, 3)
}, 60_000)

describe('stats.branchRanking for officers', () => {
  test('a past month is read from its frozen settlement; the current month live from the counters', async () => {
    const admin = cloud.as(ADMIN_XINHUA, { now: JULY_NOW })
    const june = dataOf(await admin.stats.branchRanking({ month: JUNE }))
    expect(june).toMatchObject({ settled: true, scopeId: 'community-xinhua', month: JUNE })
    expect(june.branches.map((b) => b.branchId)).toEqual([
      'branch-2',
      'branch-3',
      'branch-1',
      'branch-4',
    ])
    // The snapshot does not move when a June counter does.
    await cloud.db
      .collection('member_months')
      .doc(`${JUNE}_${memberIdOf(member(1))}`)
      .update({ data: { score: 500 } })
    expect(dataOf(await admin.stats.branchRanking({ month: JUNE }))).toEqual(june)
    const july = dataOf(await admin.stats.branchRanking({}))
    expect(july).toMatchObject({ settled: false, month: '2026-07' })
    expect(july.branches[0]).toMatchObject({ branchId: 'branch-1', activeMembers: 31 })
    expect(july.bottom.map((b) => b.branchId)).toEqual(['branch-4'])
  })

  test('the live ranking equals what settling the month gives, branch by branch', async () => {
    const live = dataOf(await cloud.as(DISTRICT, { now: JULY_NOW }).stats.branchRanking({}))
    const settledJuly = await cloud.as(DISTRICT, { now: '2026-08-01T02:00:00+08:00' })
    dataOf(await settledJuly.stats.settle({}))
    const frozen = dataOf(await settledJuly.stats.branchRanking({ month: '2026-07' }))
    expect(frozen.settled).toBe(true)
    const strip = (bs: typeof live.branches) => bs.map(({ mine: _m, ...b }) => b)
    expect(strip(frozen.branches)).toEqual(strip(live.branches))
  })

  test('a community admin reads their community only; the district ranking is the district admin’s', async () => {
    const xinhua = cloud.as(ADMIN_XINHUA, { now: JULY_NOW })
    expect(
      await xinhua.stats.branchRanking({ communityId: 'community-jiangsu', month: JUNE }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await xinhua.stats.branchRanking({ scope: 'district' })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(
      await cloud.as(member(1), { now: JULY_NOW }).stats.branchRanking({ scope: 'district' }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    const district = cloud.as(DISTRICT, { now: JULY_NOW })
    const jiangsu = dataOf(await district.stats.branchRanking({ communityId: 'community-jiangsu' }))
    expect(jiangsu.branches.map((b) => b.branchId).sort()).toEqual([
      'branch-5',
      'branch-6',
      'branch-7',
      'branch-8',
    ])
    const all = dataOf(await district.stats.branchRanking({ scope: 'district', month: JUNE }))
    expect(all).toMatchObject({ scopeId: 'district', settled: true })
    expect(all.branches).toHaveLength(8)
  })

  test('a branch ranking costs at most 2 round trips, live and settled (the caller’s own record included)', async () => {
    const measure = cloud.measure(ADMIN_XINHUA, { now: JULY_NOW })
    const live = await measure.stats.branchRanking({})
    const settled = await measure.stats.branchRanking({ month: JUNE })
    expect(dataOf(live.reply).settled).toBe(false)
    expect(dataOf(settled.reply).settled).toBe(true)
    expect(live.meta.dbRoundTrips).toBe(2)
    expect(settled.meta.dbRoundTrips).toBe(2)
    const district = await cloud.measure(DISTRICT, { now: JULY_NOW }).stats.branchRanking({
      scope: 'district',
    })
    expect(dataOf(district.reply).branches).toHaveLength(8)
    expect(district.meta.dbRoundTrips).toBe(2)
  })
})

describe('stats.reminders of a month, for officers in scope', () => {
  test('a past month lists that month’s members below the minimum', async () => {
    const june = dataOf(
      await cloud.as(ADMIN_XINHUA, { now: JULY_NOW }).stats.reminders({
        branchId: 'branch-2',
        month: JUNE,
      }),
    )
    expect(june).toMatchObject({ branchId: 'branch-2', month: JUNE, members: [] })
    const branch1 = dataOf(
      await cloud
        .as(DISTRICT, { now: JULY_NOW })
        .stats.reminders({ branchId: 'branch-1', month: JUNE }),
    )
    expect(branch1.members).toHaveLength(31)
    expect(branch1.members.find((m) => m.memberId === memberIdOf(member(2)))).toMatchObject({
      counts: { checkin: 2, comment: 2 },
      shortfall: { checkin: 2, comment: 8 },
    })
  })

  test('a secretary reads only their own branch; a community admin only their community', async () => {
    expect(
      dataOf(
        await cloud.as('demo-secretary-2', { now: JULY_NOW }).stats.reminders({ month: JUNE }),
      ),
    ).toMatchObject({ branchId: 'branch-2' })
    for (const [openid, branchId] of [
      ['demo-secretary-2', 'branch-1'],
      [ADMIN_JIANGSU, 'branch-1'],
      [member(3), 'branch-1'],
    ])
      expect(
        await cloud.as(openid, { now: JULY_NOW }).stats.reminders({ branchId, month: JUNE }),
      ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
  })
})

describe('stats.trend', () => {
  const months = (points: { month: string }[]) => points.map((p) => p.month)

  test('a branch’s and a community’s months equal a recount of the ledger, settled and live', async () => {
    const trend = cloud.as(ADMIN_XINHUA, { now: JULY_NOW }).stats.trend
    const branch = dataOf(await trend({ scope: 'branch', branchId: 'branch-1' }))
    expect(branch).toMatchObject({ scope: 'branch', scopeId: 'branch-1' })
    expect(months(branch.points)).toEqual([
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
    ])
    // Months before the first settlement have no figures; June is frozen, July live.
    expect(branch.points[0]).toEqual({
      month: '2025-08',
      perMember: null,
      activeRate: null,
      settled: false,
    })
    const [june, july] = branch.points.slice(-2)
    expect(june).toEqual({ month: JUNE, settled: true, ...(await recount(JUNE, ['branch-1'])) })
    expect(july).toEqual({
      month: '2026-07',
      settled: false,
      ...(await recount('2026-07', ['branch-1'])),
    })
    expect(july.perMember).toBeGreaterThan(0)

    const community = dataOf(await trend({ scope: 'community', communityId: 'community-xinhua' }))
    expect(community.name).toBe('新华路街道社区综合党委')
    const [cJune, cJuly] = community.points.slice(-2)
    expect(cJune).toEqual({ month: JUNE, settled: true, ...(await recount(JUNE, XINHUA_BRANCHES)) })
    expect(cJuly).toEqual({
      month: '2026-07',
      settled: false,
      ...(await recount('2026-07', XINHUA_BRANCHES)),
    })
  })

  test('a trend ending in a past month reads only snapshots, in bounded round trips', async () => {
    const { reply, meta } = await cloud
      .measure(DISTRICT, { now: JULY_NOW })
      .stats.trend({ scope: 'community', communityId: 'community-xinhua', month: JUNE })
    const points = dataOf(reply).points
    expect(months(points).at(-1)).toBe(JUNE)
    expect(points.every((p) => p.month !== '2026-07')).toBe(true)
    expect(meta.dbRoundTrips).toBeLessThanOrEqual(3)
  })

  test('only those who oversee the branch or community may read its trend', async () => {
    const refused = [
      ['demo-secretary-2', { scope: 'branch', branchId: 'branch-1' }],
      [ADMIN_JIANGSU, { scope: 'branch', branchId: 'branch-1' }],
      [ADMIN_JIANGSU, { scope: 'community', communityId: 'community-xinhua' }],
      [member(1), { scope: 'branch' }],
      ['demo-secretary-1', { scope: 'community', communityId: 'community-xinhua' }],
    ] as const
    for (const [openid, input] of refused)
      expect(await cloud.as(openid, { now: JULY_NOW }).stats.trend(input)).toMatchObject({
        ok: false,
        code: 'PERMISSION_DENIED',
      })
    expect(
      dataOf(
        await cloud.as('demo-secretary-1', { now: JULY_NOW }).stats.trend({ scope: 'branch' }),
      ),
    ).toMatchObject({ scopeId: 'branch-1' })
    expect(
      await cloud
        .as(DISTRICT, { now: JULY_NOW })
        .stats.trend({ scope: 'community', communityId: 'community-xinhua', month: '2026-08' }),
    ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '不能查看未来的月份' })
  })
})
