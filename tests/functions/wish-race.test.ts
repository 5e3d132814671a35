import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { Reply } from '../../typings/common'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, RESIDENT_PHONE, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)

test('100 members claiming the same wish at once: exactly one wins, 99 get CONFLICT', async () => {
  const wishId = await w.published()
  const members = Array.from({ length: 100 }, (_, i) => `demo-member-${i + 1}`)
  const replies = await Promise.all(members.map((m) => cloud.as(m).wish.claim({ wishId })))

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
      const { wish } = dataOf(await cloud.as(viewer).wish.detail({ wishId }))
      expect(wish.contact).toBeUndefined()
      expect(JSON.stringify(wish)).not.toContain(RESIDENT_PHONE)
    }
  })

  test('after the claim the claimer and the admin see them; other members and the wall do not', async () => {
    const wishId = await w.published()
    dataOf(await cloud.as('demo-member-21').wish.claim({ wishId }))
    for (const viewer of ['demo-member-21', ADMIN_XINHUA]) {
      const { wish } = dataOf(await cloud.as(viewer).wish.detail({ wishId }))
      expect(wish.contact).toEqual({
        name: expect.any(String),
        phone: RESIDENT_PHONE,
        address: '新华路 211 弄 3 号 502 室',
        promisedBy: null,
      })
    }
    const other = dataOf(await cloud.as('demo-member-22').wish.detail({ wishId }))
    expect(other.wish.contact).toBeUndefined()
    expect(other.wish.timeline).toBeUndefined()
    expect(JSON.stringify(other.wish)).not.toContain('502')
    const wall = dataOf(await cloud.as('demo-member-22').wish.list({ limit: 50 }))
    expect(JSON.stringify(wall)).not.toContain(RESIDENT_PHONE)
  })

  test('once the claimer releases the wish, they no longer see the contact', async () => {
    const wishId = await w.published()
    dataOf(await cloud.as('demo-member-23').wish.claim({ wishId }))
    dataOf(await cloud.as('demo-member-23').wish.release({ wishId }))
    const { wish } = dataOf(await cloud.as('demo-member-23').wish.detail({ wishId }))
    expect(wish.contact).toBeUndefined()
  })
})

describe('claims left unfulfilled for 14 days', () => {
  const claimedAt = '2026-03-02T10:00:00+08:00'
  const flagTimer = async (now: string) =>
    dataOf(await cloud.trigger<Reply<{ flagged: number }>>('wish', 'flagOverdue', now))

  test('appear on the admin’s list from day 14, not before', async () => {
    const wishId = await w.published()
    dataOf(await cloud.as('demo-member-30', { now: claimedAt }).wish.claim({ wishId }))
    const day13 = dataOf(
      await cloud.as(ADMIN_XINHUA, { now: '2026-03-16T09:59:00+08:00' }).wish.overdueClaims({}),
    )
    expect(day13.wishes.map((c) => c.id)).not.toContain(wishId)
    const day14 = dataOf(
      await cloud.as(ADMIN_XINHUA, { now: '2026-03-16T10:00:00+08:00' }).wish.overdueClaims({}),
    )
    expect(day14.wishes.find((c) => c.id === wishId)).toMatchObject({ claimOverdue: true })
    expect(await cloud.as('demo-member-30').wish.overdueClaims()).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })

  test('the daily timer flags each once and tells the community admin', async () => {
    const wishId = await w.published()
    dataOf(await cloud.as('demo-member-31', { now: claimedAt }).wish.claim({ wishId }))
    const early = await flagTimer('2026-03-10T09:00:00+08:00')
    expect(early).toEqual({ flagged: 0 })

    const first = await flagTimer('2026-03-17T09:00:00+08:00')
    expect(first.flagged).toBeGreaterThanOrEqual(1)
    expect((await w.stored(wishId)).overdueFlaggedAt).not.toBeNull()
    const told = (await cloud.outbox()).filter(
      (m) => m.template_id === SUBSCRIBE_TEMPLATES.wishClaimOverdue.id && m.page.endsWith(wishId),
    )
    expect(told.map((m) => m.touser)).toEqual([ADMIN_XINHUA])

    expect(await flagTimer('2026-03-18T09:00:00+08:00')).toEqual({ flagged: 0 })
  })
})

test('a resident cannot claim a wish', async () => {
  const wishId = await w.published()
  expect(await cloud.as(RESIDENT).wish.claim({ wishId })).toMatchObject({
    ok: false,
    code: 'PERMISSION_DENIED',
  })
  expect((await w.stored(wishId)).status).toBe('待认领')
})
