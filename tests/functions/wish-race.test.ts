import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import type { Reply } from '../../typings/common'
import { type TestCloud, dataOf, startTestCloud } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, RESIDENT_PHONE, wishes } from './wish-support'

let cloud: TestCloud
let w: ReturnType<typeof wishes>
beforeAll(async () => {
  cloud = await startTestCloud()
  w = wishes(cloud)
})
afterAll(() => cloud?.close())

test('100 members claiming the same wish at once: exactly one wins, 99 get CONFLICT', async () => {
  const wishId = await w.published()
  const members = Array.from({ length: 100 }, (_, i) => `demo-member-${i + 1}`)
  const replies = await Promise.all(members.map((m) => w.call(m, 'claim', { wishId })))

  const winners = members.filter((_, i) => replies[i].ok)
  expect(winners).toHaveLength(1)
  const losers = replies.filter((r) => !r.ok)
  expect(losers).toHaveLength(99)
  expect(losers.every((r) => !r.ok && r.code === 'CONFLICT')).toBe(true)
  const stored = await w.stored(wishId)
  expect(stored.status).toBe('已认领')
  expect(stored.claimer?.id).toBe(memberIdOf(winners[0]))
  expect(stored.timeline.filter((t) => t.event === 'claim')).toHaveLength(1)
})

describe('privacy of the resident’s phone and address', () => {
  test('before the claim neither members nor the community admin see them', async () => {
    const wishId = await w.published()
    for (const viewer of ['demo-member-20', ADMIN_XINHUA]) {
      const { wish } = await w.ok(viewer, 'detail', { wishId })
      expect(wish.contact).toBeUndefined()
      expect(JSON.stringify(wish)).not.toContain(RESIDENT_PHONE)
    }
  })

  test('after the claim the claimer and the admin see them; other members and the wall do not', async () => {
    const wishId = await w.published()
    await w.ok('demo-member-21', 'claim', { wishId })
    for (const viewer of ['demo-member-21', ADMIN_XINHUA]) {
      const { wish } = await w.ok(viewer, 'detail', { wishId })
      expect(wish.contact).toEqual({
        name: expect.any(String),
        phone: RESIDENT_PHONE,
        address: '新华路 211 弄 3 号 502 室',
      })
    }
    const other = await w.ok('demo-member-22', 'detail', { wishId })
    expect(other.wish.contact).toBeUndefined()
    expect(other.wish.timeline).toBeUndefined()
    expect(JSON.stringify(other.wish)).not.toContain('502')
    const wall = await w.ok('demo-member-22', 'list', { limit: 50 })
    expect(JSON.stringify(wall)).not.toContain(RESIDENT_PHONE)
  })

  test('once the claimer releases the wish, they no longer see the contact', async () => {
    const wishId = await w.published()
    await w.ok('demo-member-23', 'claim', { wishId })
    await w.ok('demo-member-23', 'release', { wishId })
    const { wish } = await w.ok('demo-member-23', 'detail', { wishId })
    expect(wish.contact).toBeUndefined()
  })
})

describe('claims left unfulfilled for 14 days', () => {
  const claimedAt = '2026-03-02T10:00:00+08:00'

  test('appear on the admin’s list from day 14, not before', async () => {
    const wishId = await w.published()
    await w.ok('demo-member-30', 'claim', { wishId }, claimedAt)
    const day13 = await w.ok(ADMIN_XINHUA, 'overdueClaims', {}, '2026-03-16T09:59:00+08:00')
    expect(day13.wishes.map((c) => c.id)).not.toContain(wishId)
    const day14 = await w.ok(ADMIN_XINHUA, 'overdueClaims', {}, '2026-03-16T10:00:00+08:00')
    expect(day14.wishes.find((c) => c.id === wishId)).toMatchObject({ claimOverdue: true })
    expect(await w.call('demo-member-30', 'overdueClaims')).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })

  test('the daily timer flags each once and tells the community admin', async () => {
    const wishId = await w.published()
    await w.ok('demo-member-31', 'claim', { wishId }, claimedAt)
    const early = await w.runFlagTimer('2026-03-10T09:00:00+08:00')
    expect(early).toEqual({ ok: true, data: { flagged: 0 } })

    const first = dataOf(
      (await w.runFlagTimer('2026-03-17T09:00:00+08:00')) as Reply<{ flagged: number }>,
    )
    expect(first.flagged).toBeGreaterThanOrEqual(1)
    expect((await w.stored(wishId)).overdueFlaggedAt).not.toBeNull()
    const told = (await w.outbox()).filter(
      (m) => m.template_id === SUBSCRIBE_TEMPLATES.wishClaimOverdue.id && m.page.endsWith(wishId),
    )
    expect(told.map((m) => m.touser)).toEqual([ADMIN_XINHUA])

    expect(await w.runFlagTimer('2026-03-18T09:00:00+08:00')).toEqual({
      ok: true,
      data: { flagged: 0 },
    })
  })
})

test('a resident cannot claim a wish', async () => {
  const wishId = await w.published()
  expect(await w.call(RESIDENT, 'claim', { wishId })).toMatchObject({
    ok: false,
    code: 'PERMISSION_DENIED',
  })
  expect((await w.stored(wishId)).status).toBe('待认领')
})
