import type { CheckinOutputs } from '../../typings/checkin'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { branchMonthId, memberMonthId } from '../../cloudfunctions/_shared/participation'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()

const checkIn = (openid: string, now: string) => cloud.as(openid, { now }).checkin.checkIn({})
const myMonth = (openid: string, month: string, now: string) =>
  cloud.as(openid, { now }).checkin.myMonth({ month })
const counter = async (collection: string, id: string) =>
  (
    await rows<{ score: number; counts: Record<string, number> }>(
      cloud.db.collection(collection).where({ _id: id }),
    )
  )[0]

describe('checkin.checkIn', () => {
  test('50 concurrent check-ins by one member on one day count once', async () => {
    const now = '2026-11-10T09:00:00+08:00'
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => checkIn('demo-member-10', now)),
    )
    const data = replies.map(dataOf)
    expect(data.filter((d) => !d.already)).toHaveLength(1)
    const id = memberIdOf('demo-member-10')
    const entries = await rows(
      cloud.db.collection('participation_ledger').where({ memberId: id, rule: 'checkin' }),
    )
    expect(entries).toHaveLength(1)
    expect((await counter('member_months', memberMonthId('2026-11', id))).counts).toEqual({
      checkin: 1,
    })
    expect(
      (await counter('branch_months', branchMonthId('2026-11', 'branch-1'))).counts.checkin,
    ).toBe(1)
    expect(dataOf(await checkIn('demo-member-10', now))).toMatchObject({
      already: true,
      monthCount: 1,
    })
  })

  test('23:59:59 and 00:00:00 Shanghai time are different days and months on a UTC server', async () => {
    const before = dataOf(await checkIn('demo-member-11', '2026-11-30T23:59:59+08:00'))
    const after = dataOf(await checkIn('demo-member-11', '2026-12-01T00:00:00+08:00'))
    expect([before.day, after.day]).toEqual(['2026-11-30', '2026-12-01'])
    expect([before.already, after.already]).toEqual([false, false])
    expect(after.monthCount).toBe(1)
    const november = dataOf(await myMonth('demo-member-11', '2026-11', '2026-12-01T00:00:01+08:00'))
    const december = dataOf(await myMonth('demo-member-11', '2026-12', '2026-12-01T00:00:01+08:00'))
    expect(november.checkedInDays).toEqual(['2026-11-30'])
    expect(december.checkedInDays).toEqual(['2026-12-01'])
    expect(december.today).toBe('2026-12-01')
  })

  test('a check-in once the month’s counters exist writes in 3 round trips', async () => {
    await checkIn('demo-member-12', '2026-11-02T08:00:00+08:00')
    const { reply, meta } = await cloud
      .measure('demo-member-12', { now: '2026-11-03T08:00:00+08:00' })
      .checkin.checkIn({})
    expect(reply.ok).toBe(true)
    // 1 caller lookup + 3 writes (ledger entry, member counter, branch counter) + 2 reads for the reply.
    expect(meta.dbRoundTrips).toBe(6)
  })

  test('progress follows the branch minimums; the reply says what is missing', async () => {
    let last: CheckinOutputs['checkIn'] | undefined
    for (const day of ['05', '06', '07', '08'])
      last = dataOf(await checkIn('demo-member-13', `2026-11-${day}T12:00:00+08:00`))
    expect(last!.monthCount).toBe(4)
    expect(last!.progress).toMatchObject({
      minimums: { checkin: 4, comment: 10 },
      shortfall: { checkin: 0, comment: 10 },
      metAll: false,
    })
  })

  test('residents and members of no branch cannot check in', async () => {
    expect(await checkIn('demo-resident-1', '2026-11-10T09:00:00+08:00')).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(await checkIn('demo-community-admin-1', '2026-11-10T09:00:00+08:00')).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
      message: '您不属于任何支部',
    })
  })
})

describe('branch minimums and the secretary’s month view', () => {
  test('only the branch secretary changes the minimums; bad values change nothing', async () => {
    expect(
      await cloud.as('demo-member-20').checkin.updateSettings({
        minimums: { checkin: 2, comment: 0 },
      }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(
      await cloud.as('demo-secretary-3').checkin.updateSettings({
        minimums: { checkin: -1, comment: 0 },
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '最低要求不能为负数' })
    expect(dataOf(await cloud.as('demo-member-40').checkin.settings()).minimums).toEqual({
      checkin: 4,
      comment: 10,
      study: 0,
    })
    dataOf(
      await cloud.as('demo-secretary-3').checkin.updateSettings({
        minimums: { checkin: 2, comment: 0 },
      }),
    )
    expect(dataOf(await cloud.as('demo-member-40').checkin.settings()).minimums).toEqual({
      checkin: 2,
      comment: 0,
      study: 0,
    })
  })

  test('the month view lists below-minimum members first and counts them', async () => {
    // Branch 3 (demo-member-34 … 55) now needs 2 check-ins and no comments.
    await checkIn('demo-member-41', '2026-11-03T09:00:00+08:00')
    await checkIn('demo-member-41', '2026-11-04T09:00:00+08:00')
    await checkIn('demo-member-42', '2026-11-04T09:00:00+08:00')
    const view = dataOf(
      await cloud
        .as('demo-secretary-3', {
          now: '2026-11-20T10:00:00+08:00',
        })
        .checkin.branchMonth({ month: '2026-11' }),
    )
    expect(view.branchId).toBe('branch-3')
    expect(view.members).toHaveLength(23)
    expect(view.belowCount).toBe(22)
    expect(view.members.at(-1)).toMatchObject({
      id: memberIdOf('demo-member-41'),
      metAll: true,
      counts: { checkin: 2 },
    })
    expect(view.members.at(-2)).toMatchObject({
      id: memberIdOf('demo-member-42'),
      shortfall: { checkin: 1, comment: 0 },
    })
  })

  test('members and other branches’ secretaries may not read it; the community admin may', async () => {
    const read = (openid: string) => cloud.as(openid).checkin.branchMonth({ branchId: 'branch-3' })
    expect(await read('demo-member-40')).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await read('demo-secretary-1')).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await read('demo-community-admin-2')).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect((await read('demo-community-admin-1')).ok).toBe(true)
  })

  test('a refused caller is answered before any of the branch’s members or counters is read', async () => {
    const { reply, meta } = await cloud
      .measure('demo-secretary-1')
      .checkin.branchMonth({ branchId: 'branch-3' })
    expect(reply).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    // The caller's own record and the branch's: nothing of its 23 members.
    expect(meta).toMatchObject({ dbRoundTrips: 2, docsExamined: 2 })
  })
})
