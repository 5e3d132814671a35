// 各支部党费收缴 (dues.byBranch) through the real wx-server-sdk: members declared, confirmed and paid by the real
// flows, then each branch's counts for the community admin and the district admin, in grouped reads.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()
const MARCH = '2026-03-10T09:00:00+08:00'
const FEB = '2026-02-10T09:00:00+08:00'
const dues = (openid: string, now = MARCH) => cloud.as(openid, { now }).dues

async function confirmed(openid: string, secretary: string, baseFen: number | null, now = MARCH) {
  const basis = baseFen === null ? { kind: 'fixed' as const } : { kind: 'salary' as const, baseFen }
  dataOf(await dues(openid, now).declareBase(basis))
  dataOf(await dues(secretary, now).confirmBase({ memberId: memberIdOf(openid) }))
}

async function paid(openid: string) {
  const order = dataOf(await dues(openid).pay({ month: '2026-03' }))
  await cloud.pay.settle(order.outTradeNo, 'success', { now: MARCH })
}

describe('dues.byBranch', () => {
  beforeAll(async () => {
    // branch-1 (31 active: 30 members and the secretary): 2 paid, 3 owed, 1 owing nothing (a 0 元 base),
    // 1 declared and waiting, the other 24 not declared. demo-member-7's base was 0 元 in February and its
    // change confirmed then applies from March: the latest base in effect counts.
    await confirmed('demo-member-7', 'demo-secretary-1', 0, FEB)
    await confirmed('demo-member-7', 'demo-secretary-1', 800_000, FEB)
    for (const m of ['demo-member-1', 'demo-member-2', 'demo-member-3', 'demo-member-4'])
      await confirmed(m, 'demo-secretary-1', 800_000)
    await confirmed('demo-member-5', 'demo-secretary-1', 0)
    dataOf(await dues('demo-member-6').declareBase({ kind: 'fixed' }))
    await paid('demo-member-1')
    await paid('demo-member-2')
    // branch-2 (4 active): 3 on the fixed amount, all paid; the secretary not declared.
    for (const m of ['demo-member-31', 'demo-member-32', 'demo-member-33']) {
      await confirmed(m, 'demo-secretary-2', null)
      await paid(m)
    }
  })

  test('the community admin sees exact counts and 收缴率 of their own branches, worst first', async () => {
    const { reply, meta } = await cloud
      .measure('demo-community-admin-1', { now: MARCH })
      .dues.byBranch({})
    const r = dataOf(reply)
    expect(r.month).toBe('2026-03')
    const row = (id: string) => r.branches.find((b) => b.branchId === id)
    // Counts only: exactly these fields, no member's name or amount.
    expect(row('branch-1')).toEqual({
      branchId: 'branch-1',
      branchName: expect.any(String),
      required: 30,
      paid: 2,
      unpaid: 3,
      unconfirmed: 25,
      rate: 6,
    })
    expect(row('branch-2')).toMatchObject({
      required: 4,
      paid: 3,
      unpaid: 0,
      unconfirmed: 1,
      rate: 75,
    })
    // Only community-xinhua's four branches (branch-1..4), the lowest rate first.
    expect(r.branches.map((b) => b.branchId).sort()).toEqual([
      'branch-1',
      'branch-2',
      'branch-3',
      'branch-4',
    ])
    const rates = r.branches.map((b) => b.rate ?? 101)
    expect(rates).toEqual([...rates].sort((a, b) => a - b))
    expect(r.branches.at(-1)!.branchId).toBe('branch-2')
    // Grouped reads, not one per branch.
    expect(meta.dbRoundTrips).toBeLessThanOrEqual(3)
  })

  test('another community’s admin does not see these branches; the district admin sees all or one', async () => {
    const other = dataOf(await dues('demo-community-admin-2').byBranch({}))
    expect(other.branches.map((b) => b.branchId)).not.toContain('branch-1')
    expect(other.branches.every((b) => b.paid === 0)).toBe(true)
    const named = await dues('demo-community-admin-2').byBranch({ communityId: 'community-xinhua' })
    expect(named).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })

    const all = dataOf(await dues('demo-district-admin').byBranch({}))
    expect(all.branches).toHaveLength(8)
    expect(all.branches.find((b) => b.branchId === 'branch-1')).toMatchObject({ paid: 2, rate: 6 })
    const one = dataOf(
      await dues('demo-district-admin').byBranch({ communityId: 'community-jiangsu' }),
    )
    expect(one.branches.map((b) => b.branchId)).toEqual(other.branches.map((b) => b.branchId))
  })

  test('a branch the register opened is listed; once retired it is not', async () => {
    const admin = cloud.as('demo-community-admin-1', { now: MARCH }).org
    const { branch } = dataOf(
      await admin.createBranch({
        draftId: 'dues-branches-new',
        communityId: 'community-xinhua',
        name: '新华路党费测试支部',
        branchType: '独立',
      }),
    )
    const listed = async () =>
      dataOf(await dues('demo-community-admin-1').byBranch({})).branches.map((b) => b.branchId)
    expect(await listed()).toContain(branch.id)
    dataOf(await admin.retireBranch({ branchId: branch.id }))
    expect(await listed()).not.toContain(branch.id)
  })

  test('an earlier month counts that month; a later month is refused', async () => {
    const feb = dataOf(await dues('demo-district-admin').byBranch({ month: '2026-02' }))
    // Bases confirmed in March are not in effect in February; demo-member-7's 0 元 base owes nothing.
    expect(feb.branches.find((b) => b.branchId === 'branch-1')).toMatchObject({
      required: 30,
      paid: 0,
      unpaid: 0,
      unconfirmed: 30,
    })
    expect(await dues('demo-district-admin').byBranch({ month: '2026-04' })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    })
  })

  test('a secretary or a member is refused', async () => {
    for (const openid of ['demo-secretary-1', 'demo-member-1'])
      expect(await dues(openid).byBranch({})).toMatchObject({
        ok: false,
        code: 'PERMISSION_DENIED',
      })
  })
})
