import type { CommunityOutputs } from '../../typings/community'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { type TestCloud, dataOf, memberCounter, startTestCloud } from '../support/cloud'

// The concurrent sign-up test makes 60 real calls through the emulator.

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(() => cloud?.close())

type Action = keyof CommunityOutputs
const call = <A extends Action>(openid: string, action: A, payload: unknown, now: string) =>
  cloud.callAs<CommunityOutputs[A]>(openid, 'community', action, payload, { now })
const ok = async <A extends Action>(openid: string, action: A, payload: unknown, now: string) =>
  dataOf(await call(openid, action, payload, now))
const docs = <T>(collection: string, where: object) =>
  rows<T>(cloud.db.collection(collection).where(where).limit(1000))

const ADMIN = 'demo-community-admin-2' // community-jiangsu
const DEC_1 = '2026-12-01T10:00:00+08:00'
const reportTo = (openid: string, communityId = 'community-jiangsu', now = DEC_1) =>
  ok(openid, 'report', { communityId, area: '江苏路 480 弄', willingness: ['便民服务'] }, now)

let posts = 0
async function post(slots: number, date = '2026-12-05') {
  posts += 1
  const input = {
    title: `社区助老服务${posts}`,
    kind: '志愿活动',
    category: '爱心帮扶',
    date,
    time: '09:00-11:00',
    place: '江苏路街道为老服务中心',
    slots,
  }
  return (await ok(ADMIN, 'postService', input, DEC_1)).service.id
}

describe('community.report and the half-year cycle', () => {
  test('a member reports to the community where they live; the report is due again after half a year', async () => {
    // demo-member-1's branch is in community-xinhua; they live in community-jiangsu.
    const { report } = await reportTo('demo-member-1')
    expect(report).toMatchObject({ communityId: 'community-jiangsu', state: 'current' })
    const [stored] = await docs<{ dueAt: Date; communityId: string }>('community_reports', {
      _id: memberIdOf('demo-member-1'),
    })
    expect(new Date(stored.dueAt).toISOString()).toBe('2027-06-01T02:00:00.000Z')

    const at = async (now: string) => (await ok('demo-member-1', 'myRecord', {}, now)).report?.state
    expect(await at('2027-04-30T10:00:00+08:00')).toBe('current')
    expect(await at('2027-05-15T10:00:00+08:00')).toBe('dueSoon')
    expect(await at('2027-06-01T10:00:00+08:00')).toBe('overdue')
  })

  test('reporting without any willingness is refused and stores nothing', async () => {
    const reply = await call(
      'demo-member-2',
      'report',
      { communityId: 'community-jiangsu', area: '江苏路', willingness: [] },
      DEC_1,
    )
    expect(reply).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '请至少选择一项服务意愿',
    })
    expect(await docs('community_reports', { _id: memberIdOf('demo-member-2') })).toEqual([])
  })

  test('the branch secretary sees who has not reported; a lapsed report shows up after half a year', async () => {
    await reportTo('demo-member-3')
    const now = await ok('demo-secretary-1', 'overdue', {}, DEC_1)
    const ids = now.members.map((m) => m.memberId)
    expect(now.scope).toBe('branch')
    expect(ids).toContain(memberIdOf('demo-member-4'))
    expect(ids).not.toContain(memberIdOf('demo-member-3'))

    const later = await ok('demo-secretary-1', 'overdue', {}, '2027-06-02T10:00:00+08:00')
    expect(later.members.map((m) => m.memberId)).toContain(memberIdOf('demo-member-3'))
    const community = await ok(ADMIN, 'overdue', {}, '2027-06-02T10:00:00+08:00')
    expect(community.scope).toBe('community')
    expect(community.members.map((m) => m.memberId)).toContain(memberIdOf('demo-member-3'))
    expect(await call('demo-member-4', 'overdue', {}, DEC_1)).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })
})

describe('service posts and sign-up', () => {
  test('only a community admin posts, and not for a day already past', async () => {
    const input = {
      title: '垃圾分类宣传',
      kind: '公益岗位',
      category: '便民服务',
      place: '江苏路',
      slots: 3,
    }
    expect(
      await call('demo-member-1', 'postService', { ...input, date: '2026-12-09' }, DEC_1),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await call(ADMIN, 'postService', { ...input, date: '2026-11-30' }, DEC_1)).toMatchObject(
      { ok: false, code: 'INVALID_ARGUMENT' },
    )
    expect(await docs('service_posts', { title: '垃圾分类宣传' })).toEqual([])
  })

  test('a member who has not reported to the community cannot sign up', async () => {
    const serviceId = await post(3)
    const reply = await call('demo-member-60', 'signup', { serviceId }, DEC_1)
    expect(reply).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await docs('service_signups', { serviceId })).toEqual([])
  })

  test('30 members signing up at once for 5 slots: exactly 5 get in and the count never exceeds the slots', async () => {
    const members = Array.from({ length: 30 }, (_, i) => `demo-member-${61 + i}`)
    await Promise.all(members.map((m) => reportTo(m)))
    const serviceId = await post(5)
    const replies = await Promise.all(members.map((m) => call(m, 'signup', { serviceId }, DEC_1)))
    expect(replies.filter((r) => r.ok)).toHaveLength(5)
    expect(replies.filter((r) => !r.ok && r.code === 'CONFLICT')).toHaveLength(25)
    const [stored] = await docs<{ signedUp: number }>('service_posts', { _id: serviceId })
    expect(stored.signedUp).toBe(5)
    expect(await docs('service_signups', { serviceId })).toHaveLength(5)
  })

  test('signing up twice is CONFLICT; withdrawing frees the slot once', async () => {
    await reportTo('demo-member-91')
    const serviceId = await post(2)
    await ok('demo-member-91', 'signup', { serviceId }, DEC_1)
    expect(await call('demo-member-91', 'signup', { serviceId }, DEC_1)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    const { service } = await ok('demo-member-91', 'withdraw', { serviceId }, DEC_1)
    expect(service).toMatchObject({ signedUp: 0, mine: null })
    expect(await call('demo-member-91', 'withdraw', { serviceId }, DEC_1)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    const [stored] = await docs<{ signedUp: number }>('service_posts', { _id: serviceId })
    expect(stored.signedUp).toBe(0)
  })

  test('signing up to a full post while withdrawing at once never gives back a slot that was not held', async () => {
    await Promise.all(['demo-member-97', 'demo-member-98'].map((m) => reportTo(m)))
    const serviceId = await post(1)
    await ok('demo-member-97', 'signup', { serviceId }, DEC_1)
    for (let round = 0; round < 20; round += 1) {
      await Promise.all([
        call('demo-member-98', 'signup', { serviceId }, DEC_1),
        call('demo-member-98', 'withdraw', { serviceId }, DEC_1),
      ])
      const [stored] = await docs<{ signedUp: number }>('service_posts', { _id: serviceId })
      const signed = await docs('service_signups', { serviceId, status: 'signed' })
      expect(stored.signedUp).toBeLessThanOrEqual(1)
      expect(stored.signedUp).toBe(signed.length)
    }
    const list = await ok('demo-member-98', 'services', { when: 'upcoming' }, DEC_1)
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
      await ok(m, 'signup', { serviceId }, DEC_1)
    const ledger = (openid: string) =>
      docs<{ units: number; points: number }>('participation_ledger', {
        memberId: memberIdOf(openid),
        rule: 'serviceHours',
      })
    expect(await ledger('demo-member-92')).toEqual([])

    const early = await call(
      ADMIN,
      'confirmService',
      { serviceId, cards: [card('demo-member-92', 2, 5)] },
      DEC_1,
    )
    expect(early).toMatchObject({ ok: false, code: 'CONFLICT' })

    const result = await ok(
      ADMIN,
      'confirmService',
      { serviceId, cards: [card('demo-member-92', 2, 5), card('demo-member-93', 1.5, 4)] },
      AFTER,
    )
    expect(result.confirmed).toHaveLength(2)
    expect(await ledger('demo-member-92')).toEqual([
      expect.objectContaining({ units: 2, points: 4 }),
    ])
    expect((await memberCounter(cloud, 'demo-member-92', '2026-12')).counts.serviceHours).toBe(2)

    const again = await ok(
      ADMIN,
      'confirmService',
      { serviceId, cards: [card('demo-member-92', 3, 5)] },
      AFTER,
    )
    expect(again).toMatchObject({ confirmed: [], already: [memberIdOf('demo-member-92')] })
    expect(await ledger('demo-member-92')).toHaveLength(1)

    const record = await ok('demo-member-92', 'myRecord', {}, AFTER)
    expect(record.totalHours).toBe(2)
    expect(record.services.find((s) => s.serviceId === serviceId)).toMatchObject({
      status: 'confirmed',
      hours: 2,
      rating: 5,
      comment: '服务热情，老人满意',
    })

    const roster = await ok(ADMIN, 'roster', { month: '2026-12' }, AFTER)
    expect(roster.members.find((m) => m.memberId === memberIdOf('demo-member-93'))).toMatchObject({
      hours: 1.5,
      services: 1,
      rating: 4,
    })
  })

  test('a card for a member who did not sign up is refused and nothing is confirmed', async () => {
    await reportTo('demo-member-94')
    const serviceId = await post(5)
    await ok('demo-member-94', 'signup', { serviceId }, DEC_1)
    const reply = await call(
      ADMIN,
      'confirmService',
      { serviceId, cards: [card('demo-member-94', 2, 5), card('demo-member-95', 2, 5)] },
      AFTER,
    )
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await docs('service_signups', { serviceId, status: 'confirmed' })).toEqual([])
  })

  test('another community’s admin cannot confirm', async () => {
    await reportTo('demo-member-96')
    const serviceId = await post(5)
    await ok('demo-member-96', 'signup', { serviceId }, DEC_1)
    const reply = await call(
      'demo-community-admin-1',
      'confirmService',
      { serviceId, cards: [card('demo-member-96', 2, 5)] },
      AFTER,
    )
    expect(reply).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await docs('service_signups', { serviceId, status: 'confirmed' })).toEqual([])
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
    const mine = await ok('demo-member-99', 'services', { when: 'upcoming' }, DEC_1)
    expect(mine.services.find((s) => s.id === serviceId)).toMatchObject({ mine: null })
    const admin = await ok(ADMIN, 'services', { when: 'upcoming' }, DEC_1)
    expect(admin.services.find((s) => s.id === serviceId)?.signups).toEqual([])
    expect((await ok('demo-member-99', 'myRecord', {}, DEC_1)).services).toEqual([])
    const reply = await call(
      ADMIN,
      'confirmService',
      { serviceId, cards: [card('demo-member-99', 2, 5)] },
      AFTER,
    )
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await docs('service_signups', { serviceId, status: 'pending' })).toHaveLength(1)
  })
})
