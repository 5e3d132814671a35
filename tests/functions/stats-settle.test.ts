import type { Reply, StatsOutputs } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, memberCounter, useTestCloud } from '../support/cloud'
import { balances, record, recountLedger } from './ledger-fixtures'

const cloud = useTestCloud()

const member = (n: number) => `demo-member-${n}`
const day = (d: number, time = '10:00:00') => `2026-04-${String(d).padStart(2, '0')}T${time}+08:00`
const MAY = '2026-05-01T01:00:00+08:00'

describe('a month of mixed concurrent load', () => {
  beforeAll(async () => {
    // branch-2 (3 members: 31…33 plus its secretary) checks in every day; branch-1 (30) only a few.
    const small = [member(31), member(32), member(33), 'demo-secretary-2']
    for (let d = 1; d <= 5; d++) {
      const at = day(d)
      await Promise.all([
        ...small.flatMap((o) => [1, 2].map(() => cloud.as(o, { now: at }).checkin.checkIn({}))),
        ...[1, 2, 3, 4, 5, 6].map((n) => cloud.as(member(n), { now: at }).checkin.checkIn({})),
        record(
          cloud,
          at,
          small.flatMap((o) =>
            [1, 2, 3, 4, 5, 6].map((i) => ({
              openid: o,
              rule: 'comment' as const,
              ref: `${d}-${i}`,
            })),
          ),
        ),
      ])
    }
  }, 60_000)

  test('after concurrent check-ins and comments the counters equal a recount of the ledger', async () => {
    const { entries } = await recountLedger(cloud, '2026-04')
    expect(entries).toBeGreaterThan(50)
    // Every ledger entry was either counted or refused by a cap, member by member and branch by branch.
    const { counters, ledger } = await balances(cloud, '2026-04')
    expect(counters).toEqual(ledger)
    // The 6th comment of each day was refused by the daily cap of 5.
    expect(await memberCounter(cloud, member(31), '2026-04')).toMatchObject({
      counts: { checkin: 5, comment: 25 },
      refused: { comment: 5 },
    })
  })

  test('branches rank by score per member, so the 3-member 联合支部 leads the 30-member one', async () => {
    const reply = await cloud.as(member(1), { now: day(20) }).stats.branchRanking({})
    const data = dataOf(reply)
    expect(data.branches.map((b) => b.branchId)).toEqual([
      'branch-2',
      'branch-1',
      'branch-3',
      'branch-4',
    ])
    const [small, big] = data.branches
    expect(small).toMatchObject({
      activeMembers: 4,
      metCount: 4,
      activeRate: 1,
      perMember: 35,
      mine: false,
    })
    expect(big).toMatchObject({ activeMembers: 31, metCount: 0, score: 60, mine: true })
    expect(data.bottom.map((b) => b.branchId)).toEqual(['branch-4'])
  })

  test('a member cannot read another community’s branch ranking', async () => {
    const reply = await cloud.as(member(1)).stats.branchRanking({
      communityId: 'community-jiangsu',
    })
    expect(reply).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
  })

  test('the secretary sees who is below a minimum; reminders go out once per member per month', async () => {
    const list = dataOf(await cloud.as('demo-secretary-1', { now: day(20) }).stats.reminders({}))
    expect(list.members).toHaveLength(31)
    expect(list.members[0]).toMatchObject({
      reminded: false,
      shortfall: { checkin: 4, comment: 10 },
    })
    await cloud.clearOutbox()
    const sent = dataOf(
      await cloud.trigger<Reply<StatsOutputs['remind']>>('stats', 'remindMonth', day(20)),
    )
    const below = 120 + 8 - 4 // every active member but branch-2's four
    expect(sent).toMatchObject({ month: '2026-04', below, sent: below, failed: 0 })
    const again = dataOf(await cloud.as('demo-district-admin', { now: day(21) }).stats.remind({}))
    expect(again).toMatchObject({ sent: 0, skipped: below })
    const outbox = await cloud.outbox()
    expect(outbox).toHaveLength(below)
    expect(outbox.filter((m) => m.touser === member(1))).toHaveLength(1)
    const after = dataOf(await cloud.as('demo-secretary-1', { now: day(21) }).stats.reminders({}))
    expect(after.members.every((m) => m.reminded)).toBe(true)
    expect(await cloud.as(member(1)).stats.reminders({})).toMatchObject({
      code: 'PERMISSION_DENIED',
    })
    // Refused before any of the branch's members, counters or reminders is read.
    const refused = await cloud
      .measure('demo-secretary-3')
      .stats.reminders({ branchId: 'branch-1' })
    expect(refused.reply).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(refused.meta).toMatchObject({ dbRoundTrips: 2, docsExamined: 2 })
  })
})

describe('month settlement', () => {
  const snapshots = () => cloud.docs('ranking_snapshots', { month: '2026-04' })

  test('a counter that drifted from the ledger is recorded as a difference', async () => {
    // Simulates a lost write: one member's counter is one check-in short of the ledger.
    const _ = cloud.db.command
    await cloud.db
      .collection('member_months')
      .doc(`2026-04_${memberIdOf(member(2))}`)
      .update({ data: { counts: { checkin: _.inc(-1) }, score: _.inc(-2) } })
    const { summary } = dataOf(await cloud.as('demo-district-admin', { now: MAY }).stats.settle({}))
    expect(summary).toMatchObject({
      month: '2026-04',
      differences: 1,
      already: false,
      bulletins: 8,
    })
    const audits = await cloud.docs<{ branchId: string; members: unknown[] }>('settlement_audits', {
      month: '2026-04',
    })
    expect(audits).toEqual([
      expect.objectContaining({
        branchId: 'branch-1',
        members: [{ memberId: memberIdOf(member(2)), diff: { checkin: -1 } }],
      }),
    ])
  })

  test('running the settlement again (the timer) leaves the identical snapshot', async () => {
    const before = await snapshots()
    expect(before.length).toBeGreaterThan(3)
    const again = await cloud.trigger<Reply<StatsOutputs['settle']>>('stats', 'settleMonth', MAY)
    expect(dataOf(again).summary?.already).toBe(true)
    expect(await snapshots()).toEqual(before)
  })

  test('a settled month is read from its snapshot and never changes afterwards', async () => {
    const read = () =>
      cloud
        .as(member(31), { now: '2026-05-03T09:00:00+08:00' })
        .stats.memberRanking({ month: '2026-04' })
    const first = dataOf(await read())
    expect(first.settled).toBe(true)
    await cloud.db
      .collection('member_months')
      .doc(`2026-04_${memberIdOf(member(32))}`)
      .update({ data: { score: 999 } })
    expect(dataOf(await read())).toEqual(first)
    const branches = dataOf(
      await cloud
        .as(member(31), { now: '2026-05-03T09:00:00+08:00' })
        .stats.branchRanking({ month: '2026-04' }),
    )
    expect(branches).toMatchObject({ settled: true, scopeId: 'community-xinhua' })
    expect(branches.branches[0]).toMatchObject({ branchId: 'branch-2', mine: true })
  })

  test('each branch gets its monthly bulletin as branch news from the system', async () => {
    const [bulletin] = await cloud.docs<{
      title: string
      body: string
      kind: string
      authorId: string
      visibility: string
    }>('news', { _id: 'bulletin_2026-04_branch-2' })
    expect(bulletin).toMatchObject({
      kind: 'bulletin',
      authorId: 'system',
      visibility: 'branch',
      title: '2026年4月党员参与情况公布',
    })
    expect(bulletin.body).toContain('达到最低要求的党员（4/4 人）')
    expect(bulletin.body).toContain('党员报到 20，评论留言 100')
  })

  test('only district admins may settle by hand, and only a month that has ended', async () => {
    expect(await cloud.as('demo-community-admin-1').stats.settle({})).toMatchObject({
      code: 'PERMISSION_DENIED',
    })
    expect(
      await cloud.as('demo-district-admin', { now: MAY }).stats.settle({ month: '2026-05' }),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', message: '只能结算已经结束的月份' })
  })
})
