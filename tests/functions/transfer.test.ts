// 组织关系接转 and leaving through the real SDK: one transfer in flight per member, each step won by one of
// the officers acting at once, a mid-month move that keeps every counter equal to a recount of the ledger (and
// settlement without differences), and a member who left: read-only, out of rankings and counts.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { ledgerEntryOf } from '../../cloudfunctions/_shared/ledger'
import type { MemberMonthDoc } from '../../cloudfunctions/_shared/month-counters'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import type { Reply } from '../../typings/common'
import { dataOf, useTestCloud } from '../support/cloud'
import { draft, settledMonth, todoSection } from '../support/fixtures'
import { balances, membersByOpenid, useCloud } from './ledger-fixtures'

const cloud = useTestCloud()

const APRIL = '2026-04'
const at = (day: number, time = '10:00:00') =>
  `2026-04-${String(day).padStart(2, '0')}T${time}+08:00`
const member = (n: number) => `demo-member-${n}`
const as = (openid: string, day = 10) => cloud.as(openid, { now: at(day) })
const LETTER = {
  reason: '工作单位变动，到新单位工作',
  standing: 'full',
  duesPaidUntil: '2026-03',
} as const

const request = (openid: string, toBranchId = 'branch-2', day = 10) =>
  as(openid, day).member.requestTransfer({ toBranchId, ...LETTER })
const memberDoc = async (openid: string) =>
  (await cloud.doc<MemberDoc>('members', memberIdOf(openid)))!
const okCount = (replies: Reply<unknown>[]) => replies.filter((r) => r.ok).length
/** The transfers a 待办 lists (each line's ref is the branch that acts). */
const todoTransfers = async (openid: string, scope: 'secretary' | 'community' = 'secretary') =>
  (await todoSection(cloud, openid, scope, 'transfers', at(10))).items.map((i) => [i.id, i.ref])

describe('a transfer, step by step', () => {
  test('a member asks once: a second request, or two at once, leave one transfer in flight', async () => {
    const { transfer } = dataOf(await request(member(6)))
    expect(transfer).toMatchObject({
      state: 'requested',
      name: expect.any(String),
      from: { branchId: 'branch-1', branchName: '云启科技有限公司党支部' },
      to: { branchId: 'branch-2', branchName: '番禺路小微企业联合党支部' },
      standing: 'full',
      duesPaidUntil: '2026-03',
    })
    expect(await request(member(6), 'branch-3')).toMatchObject({ ok: false, code: 'CONFLICT' })
    const both = await Promise.all([request(member(7)), request(member(7), 'branch-3')])
    expect(okCount(both)).toBe(1)
    expect(await cloud.docs('transfers', { memberId: memberIdOf(member(7)) })).toHaveLength(1)
    expect(await request(member(9), 'branch-1')).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '不能转接到您现在所在的支部',
    })
  })

  test('only the branch left releases: its secretary; the admin is told to leave it to them', async () => {
    const { current } = dataOf(await as(member(6)).member.myTransfers({}))
    const transferId = current!.id
    // Another member of the branch is answered as if it did not exist.
    expect(await as(member(1)).member.releaseTransfer({ transferId })).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await as('demo-secretary-2').member.releaseTransfer({ transferId })).toMatchObject({
      code: 'PERMISSION_DENIED',
    })
    expect(await as('demo-community-admin-1').member.releaseTransfer({ transferId })).toMatchObject(
      { code: 'CONFLICT', message: '该支部有书记，请由支部书记办理' },
    )
    // The secretary's 待办 lists it to release; once released, the receiving secretary's lists it to accept.
    expect(await todoTransfers('demo-secretary-1')).toContainEqual([transferId, 'branch-1'])
    const { transfer } = dataOf(await as('demo-secretary-1').member.releaseTransfer({ transferId }))
    expect(await todoTransfers('demo-secretary-1')).not.toContainEqual([transferId, 'branch-1'])
    expect(await todoTransfers('demo-secretary-2')).toEqual([[transferId, 'branch-2']])
    // Both branches have a secretary: nothing waits for the community admin.
    expect(await todoTransfers('demo-community-admin-1', 'community')).toEqual([])
    expect(transfer).toMatchObject({ state: 'released', released: { name: expect.any(String) } })
    // The member is told by 审核结果通知, which opens their transfer page.
    const told = (await cloud.outbox()).filter((m) => m.touser === member(6))
    expect(told).toEqual([expect.objectContaining({ page: 'member/transfer/index' })])
    expect(JSON.stringify(told[0].data)).toContain('同意转出')
    const queue = dataOf(await as('demo-secretary-2').member.transferQueue({}))
    expect(queue.toAccept.map((t) => t.id)).toEqual([transferId])
  })

  test('accepting, refusing and withdrawing at once: exactly one wins, and the member is where it says', async () => {
    const { current } = dataOf(await as(member(6)).member.myTransfers({}))
    const transferId = current!.id
    const replies = await Promise.all([
      as('demo-secretary-2').member.acceptTransfer({ transferId }),
      as('demo-secretary-2').member.acceptTransfer({ transferId }),
      as('demo-secretary-2').member.refuseTransfer({ transferId, reason: '本支部名额已满' }),
      as(member(6)).member.withdrawTransfer({ transferId }),
    ])
    expect(okCount(replies)).toBe(1)
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
    ])
    const stored = (await cloud.doc<{ state: string }>('transfers', transferId))!
    expect((await memberDoc(member(6))).branchId).toBe(
      stored.state === 'accepted' ? 'branch-2' : 'branch-1',
    )
  })

  test('the branch joined refuses with a reason; the member then may ask again', async () => {
    const { current } = dataOf(await as(member(7)).member.myTransfers({}))
    const transferId = current!.id
    dataOf(await as('demo-secretary-1').member.releaseTransfer({ transferId }))
    // Once released, the branch left has nothing more to say.
    expect(
      await as('demo-secretary-1').member.refuseTransfer({ transferId, reason: '不同意' }),
    ).toMatchObject({ code: 'PERMISSION_DENIED' })
    const target = current!.to.branchId
    const { transfer } = dataOf(
      await as(`demo-secretary-${target.slice(7)}`).member.refuseTransfer({
        transferId,
        reason: '请先与支部联系',
      }),
    )
    expect(transfer).toMatchObject({ state: 'refused', refused: { reason: '请先与支部联系' } })
    expect((await memberDoc(member(7))).branchId).toBe('branch-1')
    const again = dataOf(await request(member(7))).transfer
    expect(again).toMatchObject({ state: 'requested', id: expect.not.stringMatching(transferId) })
    // Withdrawn by the member, it is over: no officer can take a step on it any more.
    const withdrawn = dataOf(await as(member(7)).member.withdrawTransfer({ transferId: again.id }))
    expect(withdrawn.transfer.state).toBe('withdrawn')
    expect(
      await as('demo-secretary-1').member.releaseTransfer({ transferId: again.id }),
    ).toMatchObject({ code: 'CONFLICT' })
  })
})

test('a secretary’s own transfer falls to the community admin, and they arrive without the role', async () => {
  const secretary = 'demo-secretary-4'
  const { transfer } = dataOf(await request(secretary, 'branch-1'))
  const transferId = transfer.id
  // The branch has no other secretary: the transfer waits in the community admin's 待办.
  expect(await todoTransfers('demo-community-admin-1', 'community')).toEqual([
    [transferId, 'branch-4'],
  ])
  expect(await as(secretary).member.releaseTransfer({ transferId })).toMatchObject({
    code: 'PERMISSION_DENIED',
    message: '不能为自己办理，请由上级组织办理',
  })
  dataOf(await as('demo-community-admin-1').member.releaseTransfer({ transferId }))
  dataOf(await as('demo-secretary-1').member.acceptTransfer({ transferId }))
  expect(await memberDoc(secretary)).toMatchObject({ branchId: 'branch-1', roles: [] })
})

test('an acceptance whose request died before the member moved is completed by accepting again', async () => {
  const stuck = member(13)
  const { transfer } = dataOf(await request(stuck, 'branch-2', 11))
  const transferId = transfer.id
  dataOf(await as('demo-secretary-1', 11).member.releaseTransfer({ transferId }))
  // As a request that died right after winning the acceptance leaves it.
  const acceptedAt = new Date(at(11, '10:05:00'))
  await cloud.db
    .collection('transfers')
    .doc(transferId)
    .update({ data: { state: 'accepted', accepted: { id: 's2', name: '书记', at: acceptedAt } } })
  const accept = (time: string) =>
    cloud.as('demo-secretary-2', { now: at(11, time) }).member.acceptTransfer({ transferId })
  // While that request could still be running, nobody else completes it.
  expect(await accept('10:06:00')).toMatchObject({ code: 'CONFLICT' })
  expect((await memberDoc(stuck)).branchId).toBe('branch-1')
  expect(dataOf(await accept('10:20:00')).transfer.state).toBe('accepted')
  expect((await memberDoc(stuck)).branchId).toBe('branch-2')
  expect(await accept('10:30:00')).toMatchObject({ code: 'CONFLICT' })
})

describe('a transfer in the middle of a month', () => {
  const MOVER = member(5)
  beforeAll(async () => {
    for (const day of [2, 3]) dataOf(await as(MOVER, day).checkin.checkIn({}))
    dataOf(await as(member(1), 3).checkin.checkIn({}))
    const { transfer } = dataOf(await request(MOVER, 'branch-2', 4))
    dataOf(await as('demo-secretary-1', 4).member.releaseTransfer({ transferId: transfer.id }))
    dataOf(await as('demo-secretary-2', 4).member.acceptTransfer({ transferId: transfer.id }))
    for (const day of [5, 6, 7]) dataOf(await as(MOVER, day).checkin.checkIn({}))
  }, 60_000)

  test('points stay where they were earned: one counter per branch, each equal to the ledger', async () => {
    const counters = await cloud.docs<MemberMonthDoc>('member_months', {
      memberId: memberIdOf(MOVER),
      month: APRIL,
    })
    expect(counters.map((c) => [c.branchId, c.counts.checkin, !!c.closed]).sort()).toEqual([
      ['branch-1', 2, true],
      ['branch-2', 3, false],
    ])
    const { counters: held, ledger } = await balances(cloud, APRIL)
    expect(held).toEqual(ledger)
    expect(ledger.branches.get('branch-1')).toEqual({ checkin: 3 })
    expect(ledger.branches.get('branch-2')).toEqual({ checkin: 3 })
  })

  test('the member ranks in the new branch from the move on, and no longer in the old one', async () => {
    const mine = dataOf(await as(MOVER, 8).stats.myMonth({}))
    expect(mine).toMatchObject({ counts: { checkin: 3 }, rank: 1 })
    const old = dataOf(await as('demo-secretary-1', 8).stats.memberRanking({}))
    expect(old.top.map((r) => r.memberId)).toEqual([memberIdOf(member(1))])
    const month = dataOf(await as(MOVER, 8).checkin.myMonth({}))
    expect(month.checkedInDays).toEqual([
      '2026-04-02',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-04-07',
    ])
    expect(month.score).toBe(mine.score)
  })

  test('history: both branches, the dates and who approved', async () => {
    const { entries } = dataOf(await as(MOVER, 8).member.history({ memberId: memberIdOf(MOVER) }))
    expect(entries.map((e) => [e.kind, e.branchName])).toEqual([
      ['joined', '云启科技有限公司党支部'],
      ['transferred', '番禺路小微企业联合党支部'],
    ])
    expect(entries[1]).toMatchObject({ at: '2026-04-04T02:00:00.000Z', by: expect.any(String) })
    // The secretary of the new branch reads it; a member of the old branch does not see it at all.
    dataOf(await as('demo-secretary-2', 8).member.history({ memberId: memberIdOf(MOVER) }))
    expect(await as(member(1), 8).member.history({ memberId: memberIdOf(MOVER) })).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  test('settling the month finds no difference, and ranks the branches as they ranked live', async () => {
    const ranked = async (day?: number) => {
      const ask = day ? as('demo-secretary-1', day) : cloud.as('demo-secretary-1')
      const { branches } = dataOf(await ask.stats.branchRanking({ month: APRIL }))
      return branches.map((b) => [b.branchId, b.score, b.metCount, b.activeMembers])
    }
    const live = await ranked(20)
    // The mover's 3 check-ins since the move (2 points each) count in branch-2; branch-1 keeps member-1's,
    // while the mover's 2 before the move stay in its branch counter, not in the ranking of who is there now.
    expect(live.find(([id]) => id === 'branch-2')?.[1]).toBe(6)
    expect(live.find(([id]) => id === 'branch-1')?.[1]).toBe(2)
    // A comment in the new branch whose request died after writing its entry: settlement completes it there.
    useCloud(cloud, at(8))
    const mover = (await membersByOpenid(cloud, [MOVER])).get(MOVER)!
    const lost = ledgerEntryOf({ member: mover, rule: 'comment', ref: 'lost-after-move' })
    await cloud.db.collection('participation_ledger').add({ data: lost })

    const summary = await settledMonth(cloud, APRIL)
    expect(summary.differences).toBe(0)
    expect(summary.repaired.entries).toBe(1)
    const settled = await ranked()
    expect(settled).toEqual(
      live.map(([id, score, ...rest]) => [
        id,
        id === 'branch-2' ? Number(score) + 1 : score,
        ...rest,
      ]),
    )
    const { counters: held, ledger } = await balances(cloud, APRIL)
    expect(held).toEqual(ledger)
    const moved = await cloud.docs<MemberMonthDoc>('member_months', {
      memberId: memberIdOf(MOVER),
      branchId: 'branch-2',
      month: APRIL,
    })
    expect(moved.map((c) => c.counts)).toEqual([{ checkin: 3, comment: 1 }])
  })
})

describe('a member who left', () => {
  const LEAVER = member(8)
  beforeAll(async () => {
    dataOf(await cloud.as(LEAVER, { now: '2026-05-02T10:00:00+08:00' }).checkin.checkIn({}))
    dataOf(await cloud.as(member(1), { now: '2026-05-02T10:00:00+08:00' }).checkin.checkIn({}))
  })
  const may = (openid: string) => cloud.as(openid, { now: '2026-05-03T10:00:00+08:00' })

  test('is marked by the secretary with a kind and reason; a second time is a conflict', async () => {
    const marking = {
      memberId: memberIdOf(LEAVER),
      kind: 'movedOut',
      reason: '调往外区工作',
    } as const
    expect(await may(member(1)).member.markLeft(marking)).toMatchObject({
      code: 'PERMISSION_DENIED',
    })
    expect(await may('demo-secretary-3').member.markLeft(marking)).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(dataOf(await may('demo-secretary-1').member.markLeft(marking))).toEqual({
      memberId: memberIdOf(LEAVER),
      status: 'left',
    })
    expect(await may('demo-secretary-1').member.markLeft(marking)).toMatchObject({
      code: 'CONFLICT',
    })
    expect(await memberDoc(LEAVER)).toMatchObject({ status: 'left', leftKind: 'movedOut' })
  })

  test('cannot check in, comment or speak, with a message that says why', async () => {
    const refusal = {
      ok: false,
      code: 'PERMISSION_DENIED',
      message: expect.stringContaining('已办理离开'),
    }
    expect(await may(LEAVER).checkin.checkIn({})).toMatchObject(refusal)
    expect(
      await may(LEAVER).interact.postMessage({ draftId: draft(), text: '大家好' }),
    ).toMatchObject(refusal)
    expect(
      await may(LEAVER).orglife.speak({ sessionId: 'any-session', text: '我来发言' }),
    ).toMatchObject(refusal)
  })

  test('still reads their own record, history and month', async () => {
    expect(dataOf(await may(LEAVER).member.me({})).me).toMatchObject({
      kind: 'member',
      status: 'left',
    })
    const { entries } = dataOf(await may(LEAVER).member.history({ memberId: memberIdOf(LEAVER) }))
    expect(entries.at(-1)).toMatchObject({
      kind: 'left',
      leaveKind: 'movedOut',
      reason: '调往外区工作',
    })
    const month = dataOf(await may(LEAVER).checkin.myMonth({}))
    expect(month.checkedInDays).toEqual(['2026-05-02'])
  })

  test('is out of the ranking, the minimums and the branch’s active members from then on', async () => {
    const ranking = dataOf(await may('demo-secretary-1').stats.memberRanking({ top: 50 }))
    expect(ranking.top.map((r) => r.memberId)).not.toContain(memberIdOf(LEAVER))
    expect(ranking.top.map((r) => r.memberId)).toContain(memberIdOf(member(1)))
    const below = dataOf(await may('demo-secretary-1').stats.reminders({}))
    expect(below.members.map((m) => m.memberId)).not.toContain(memberIdOf(LEAVER))
    expect(below.members.map((m) => m.memberId)).toContain(memberIdOf(member(3)))
    const { branches } = dataOf(await may('demo-secretary-1').stats.branchRanking({}))
    // 30 members and the secretary, less the two who moved or left (member-6 may have moved, see above).
    const active = await cloud.docs('members', { branchId: 'branch-1', status: 'active' })
    expect(branches.find((b) => b.branchId === 'branch-1')?.activeMembers).toBe(active.length)
    expect(active.map((m) => m._id)).not.toContain(memberIdOf(LEAVER))
  })
})
