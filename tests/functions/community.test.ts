import type { ActionInput } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, memberCounter, useTestCloud } from '../support/cloud'

// The concurrent sign-up test makes 60 real calls through the emulator.

const cloud = useTestCloud()

const as = (openid: string, now: string) => cloud.as(openid, { now })

const ADMIN = 'demo-community-admin-2' // community-jiangsu
const DEC_1 = '2026-12-01T10:00:00+08:00'
const reportTo = (openid: string, communityId = 'community-jiangsu', now = DEC_1) =>
  as(openid, now)
    .community.report({ communityId, area: '江苏路 480 弄', willingness: ['便民服务'] })
    .then(dataOf)

let posts = 0
async function post(slots: number, date = '2026-12-05') {
  posts += 1
  const input: ActionInput<'community', 'postService'> = {
    title: `社区助老服务${posts}`,
    kind: '志愿活动',
    category: '爱心帮扶',
    date,
    time: '09:00-11:00',
    place: '江苏路街道为老服务中心',
    slots,
  }
  return dataOf(await as(ADMIN, DEC_1).community.postService(input)).service.id
}

describe('community.report and the half-year cycle', () => {
  test('a member reports to the community where they live; the report is due again after half a year', async () => {
    // demo-member-1's branch is in community-xinhua; they live in community-jiangsu.
    const { report } = await reportTo('demo-member-1')
    expect(report).toMatchObject({ communityId: 'community-jiangsu', state: 'current' })
    const [stored] = await cloud.docs<{ dueAt: Date; communityId: string }>('community_reports', {
      _id: memberIdOf('demo-member-1'),
    })
    expect(new Date(stored.dueAt).toISOString()).toBe('2027-06-01T02:00:00.000Z')

    const at = async (now: string) =>
      dataOf(await as('demo-member-1', now).community.myRecord({})).report?.state
    expect(await at('2027-04-30T10:00:00+08:00')).toBe('current')
    expect(await at('2027-05-15T10:00:00+08:00')).toBe('dueSoon')
    expect(await at('2027-06-01T10:00:00+08:00')).toBe('overdue')
  })

  test('changing a report in force edits it (same half-year, one history line); due soon, it renews', async () => {
    const member = 'demo-member-88'
    await reportTo(member)
    const edit = (now: string) =>
      as(member, now)
        .community.report({
          communityId: 'community-jiangsu',
          area: '江苏路 495 弄',
          skills: '书法',
          willingness: ['文体艺术'],
        })
        .then(dataOf)
    const { report } = await edit('2027-01-10T10:00:00+08:00')
    expect(report).toMatchObject({ area: '江苏路 495 弄', state: 'current' })
    expect(report.dueAt).toBe('2027-06-01T02:00:00.000Z')
    const record = dataOf(await as(member, '2027-01-10T10:00:00+08:00').community.myRecord({}))
    expect(record.history).toEqual([
      expect.objectContaining({ reportedAt: '2026-12-01T02:00:00.000Z' }),
    ])
    expect(record.report).toMatchObject({ skills: '书法', willingness: ['文体艺术'] })

    // Within the last 30 days the same form reports again: a new half-year and a second line.
    expect((await edit('2027-05-15T10:00:00+08:00')).report.dueAt).toBe('2027-11-15T02:00:00.000Z')
    const later = dataOf(await as(member, '2027-05-15T10:00:00+08:00').community.myRecord({}))
    expect(later.history).toHaveLength(2)
  })

  test('reporting without any willingness is refused and stores nothing', async () => {
    const reply = await as('demo-member-2', DEC_1).community.report({
      communityId: 'community-jiangsu',
      area: '江苏路',
      willingness: [],
    })
    expect(reply).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '请至少选择一项服务意愿',
    })
    expect(await cloud.docs('community_reports', { _id: memberIdOf('demo-member-2') })).toEqual([])
  })

  test('the branch secretary sees who has not reported; a lapsed report shows up after half a year', async () => {
    await reportTo('demo-member-3')
    const now = dataOf(await as('demo-secretary-1', DEC_1).community.overdue({}))
    const ids = now.members.map((m) => m.memberId)
    expect(now.scope).toBe('branch')
    expect(ids).toContain(memberIdOf('demo-member-4'))
    expect(ids).not.toContain(memberIdOf('demo-member-3'))

    const later = dataOf(
      await as('demo-secretary-1', '2027-06-02T10:00:00+08:00').community.overdue({}),
    )
    expect(later.members.map((m) => m.memberId)).toContain(memberIdOf('demo-member-3'))
    const community = dataOf(await as(ADMIN, '2027-06-02T10:00:00+08:00').community.overdue({}))
    expect(community.scope).toBe('community')
    expect(community.members.map((m) => m.memberId)).toContain(memberIdOf('demo-member-3'))
    expect(await as('demo-member-4', DEC_1).community.overdue({})).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })
})

describe('service posts and sign-up', () => {
  test('only a community admin posts, and not for a day already past', async () => {
    const input = {
      title: '垃圾分类宣传',
      kind: '公益岗位' as const,
      category: '便民服务' as const,
      place: '江苏路',
      slots: 3,
    }
    expect(
      await as('demo-member-1', DEC_1).community.postService({ ...input, date: '2026-12-09' }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(
      await as(ADMIN, DEC_1).community.postService({ ...input, date: '2026-11-30' }),
    ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await cloud.docs('service_posts', { title: '垃圾分类宣传' })).toEqual([])
  })

  test('a member who has not reported to the community cannot sign up', async () => {
    const serviceId = await post(3)
    const reply = await as('demo-member-60', DEC_1).community.signup({ serviceId })
    expect(reply).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await cloud.docs('service_signups', { serviceId })).toEqual([])
  })

  test('30 members signing up at once for 5 slots: exactly 5 get in and the count never exceeds the slots', async () => {
    const members = Array.from({ length: 30 }, (_, i) => `demo-member-${61 + i}`)
    await Promise.all(members.map((m) => reportTo(m)))
    const serviceId = await post(5)
    const replies = await Promise.all(
      members.map((m) => as(m, DEC_1).community.signup({ serviceId })),
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(5)
    expect(replies.filter((r) => !r.ok && r.code === 'CONFLICT')).toHaveLength(25)
    const [stored] = await cloud.docs<{ signedUp: number }>('service_posts', { _id: serviceId })
    expect(stored.signedUp).toBe(5)
    expect(await cloud.docs('service_signups', { serviceId })).toHaveLength(5)
  })

  test('signing up twice is CONFLICT; withdrawing frees the slot once', async () => {
    await reportTo('demo-member-91')
    const serviceId = await post(2)
    dataOf(await as('demo-member-91', DEC_1).community.signup({ serviceId }))
    expect(await as('demo-member-91', DEC_1).community.signup({ serviceId })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    const { service } = dataOf(await as('demo-member-91', DEC_1).community.withdraw({ serviceId }))
    expect(service).toMatchObject({ signedUp: 0, mine: null })
    expect(await as('demo-member-91', DEC_1).community.withdraw({ serviceId })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    const [stored] = await cloud.docs<{ signedUp: number }>('service_posts', { _id: serviceId })
    expect(stored.signedUp).toBe(0)
  })

  test('signing up to a full post while withdrawing at once never gives back a slot that was not held', async () => {
    await Promise.all(['demo-member-97', 'demo-member-98'].map((m) => reportTo(m)))
    const serviceId = await post(1)
    dataOf(await as('demo-member-97', DEC_1).community.signup({ serviceId }))
    for (let round = 0; round < 20; round += 1) {
      await Promise.all([
        as('demo-member-98', DEC_1).community.signup({ serviceId }),
        as('demo-member-98', DEC_1).community.withdraw({ serviceId }),
      ])
      const [stored] = await cloud.docs<{ signedUp: number }>('service_posts', { _id: serviceId })
      const signed = await cloud.docs('service_signups', { serviceId, status: 'signed' })
      expect(stored.signedUp).toBeLessThanOrEqual(1)
      expect(stored.signedUp).toBe(signed.length)
    }
    const list = dataOf(await as('demo-member-98', DEC_1).community.services({ when: 'upcoming' }))
    expect(list.services.find((s) => s.id === serviceId)).toMatchObject({ signedUp: 1, mine: null })
  })
})

describe('confirming service hours', () => {
  const AFTER = '2026-12-05T18:00:00+08:00'
  const card = (openid: string, hours: number, rating: number) => ({
    memberId: memberIdOf(openid),
    hours,
    rating,
    comment: '服务热情，老人满意',
  })

  test('hours count in the ledger only on confirmation, once, and show in the record and the roster', async () => {
    await Promise.all(['demo-member-92', 'demo-member-93'].map((m) => reportTo(m)))
    const serviceId = await post(5)
    for (const m of ['demo-member-92', 'demo-member-93'])
      dataOf(await as(m, DEC_1).community.signup({ serviceId }))
    const ledger = (openid: string) =>
      cloud.docs<{ units: number; points: number }>('participation_ledger', {
        memberId: memberIdOf(openid),
        rule: 'serviceHours',
      })
    expect(await ledger('demo-member-92')).toEqual([])

    const early = await as(ADMIN, DEC_1).community.confirmService({
      serviceId,
      cards: [card('demo-member-92', 2, 5)],
    })
    expect(early).toMatchObject({ ok: false, code: 'CONFLICT' })

    const result = dataOf(
      await as(ADMIN, AFTER).community.confirmService({
        serviceId,
        cards: [card('demo-member-92', 2, 5), card('demo-member-93', 1.5, 4)],
      }),
    )
    expect(result.confirmed).toHaveLength(2)
    expect(await ledger('demo-member-92')).toEqual([
      expect.objectContaining({ units: 2, points: 4 }),
    ])
    expect((await memberCounter(cloud, 'demo-member-92', '2026-12')).counts.serviceHours).toBe(2)

    const again = dataOf(
      await as(ADMIN, AFTER).community.confirmService({
        serviceId,
        cards: [card('demo-member-92', 3, 5)],
      }),
    )
    expect(again).toMatchObject({ confirmed: [], already: [memberIdOf('demo-member-92')] })
    expect(await ledger('demo-member-92')).toHaveLength(1)

    const record = dataOf(await as('demo-member-92', AFTER).community.myRecord({}))
    expect(record.totalHours).toBe(2)
    expect(record.services.find((s) => s.serviceId === serviceId)).toMatchObject({
      status: 'confirmed',
      hours: 2,
      rating: 5,
      comment: '服务热情，老人满意',
    })

    const roster = dataOf(await as(ADMIN, AFTER).community.roster({ month: '2026-12' }))
    expect(roster.members.find((m) => m.memberId === memberIdOf('demo-member-93'))).toMatchObject({
      hours: 1.5,
      services: 1,
      rating: 4,
    })
  })

  test('a card for a member who did not sign up is refused and nothing is confirmed', async () => {
    await reportTo('demo-member-94')
    const serviceId = await post(5)
    dataOf(await as('demo-member-94', DEC_1).community.signup({ serviceId }))
    const reply = await as(ADMIN, AFTER).community.confirmService({
      serviceId,
      cards: [card('demo-member-94', 2, 5), card('demo-member-95', 2, 5)],
    })
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await cloud.docs('service_signups', { serviceId, status: 'confirmed' })).toEqual([])
  })

  test('another community’s admin cannot confirm: the post answers as a missing one', async () => {
    await reportTo('demo-member-96')
    const serviceId = await post(5)
    dataOf(await as('demo-member-96', DEC_1).community.signup({ serviceId }))
    const { reply, meta } = await cloud
      .measure('demo-community-admin-1', { now: AFTER })
      .community.confirmService({ serviceId, cards: [card('demo-member-96', 2, 5)] })
    const missing = await as('demo-community-admin-1', AFTER).community.confirmService({
      serviceId: 'missing-service-0001',
      cards: [card('demo-member-96', 2, 5)],
    })
    expect(reply).toEqual(missing)
    expect(reply).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    // The caller and the post only: the post's sign-ups are not read.
    expect(meta).toMatchObject({ dbRoundTrips: 2, docsExamined: 2 })
    expect(await cloud.docs('service_signups', { serviceId, status: 'confirmed' })).toEqual([])
  })

  test('a sign-up still waiting for its slot (pending) shows nowhere and cannot be confirmed', async () => {
    await reportTo('demo-member-99')
    const serviceId = await post(5)
    const member = memberIdOf('demo-member-99')
    // What signup stores between inserting the row and taking the slot.
    await cloud.db.collection('service_signups').add({
      data: {
        _id: `pending-${serviceId}`,
        serviceId,
        communityId: 'community-jiangsu',
        title: '社区助老服务',
        place: '江苏路',
        date: '2026-12-05',
        month: '2026-12',
        memberId: member,
        name: '待定',
        branchId: null,
        memberCommunityId: null,
        status: 'pending',
        hours: null,
        rating: null,
        comment: null,
        signedAt: new Date(),
        confirmedAt: null,
      },
    })
    const mine = dataOf(await as('demo-member-99', DEC_1).community.services({ when: 'upcoming' }))
    expect(mine.services.find((s) => s.id === serviceId)).toMatchObject({ mine: null })
    const admin = dataOf(await as(ADMIN, DEC_1).community.services({ when: 'upcoming' }))
    expect(admin.services.find((s) => s.id === serviceId)?.signups).toEqual([])
    expect(dataOf(await as('demo-member-99', DEC_1).community.myRecord({})).services).toEqual([])
    const reply = await as(ADMIN, AFTER).community.confirmService({
      serviceId,
      cards: [card('demo-member-99', 2, 5)],
    })
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await cloud.docs('service_signups', { serviceId, status: 'pending' })).toHaveLength(1)
  })
})
