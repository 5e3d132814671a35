// 微心愿 waiting for the resident's confirmation: the community's 待办 line from day 7, 电话回访后代为确认 by the
// community admin (crediting the claimer as the resident's confirm does, once even when both race), and the
// resident's 还没办好 that sends the wish back to its claimer and restarts the 7 days.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_JIANGSU, ADMIN_XINHUA, RESIDENT, todoSection, wishes } from '../support/fixtures'
import { ledgerOf } from './ledger-fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)

const FULFILLED = '2027-01-10T10:00:00+08:00'
const at = (days: number, minutes = 0) =>
  new Date(Date.parse(FULFILLED) + days * 86_400_000 + minutes * 60_000).toISOString()

/** A published wish claimed and fulfilled by `claimer` at `when`. */
async function fulfilledWish(claimer: string, when = FULFILLED) {
  const wishId = await w.published()
  dataOf(await cloud.as(claimer, { now: at(-1) }).wish.claim({ wishId }))
  dataOf(
    await cloud.as(claimer, { now: when }).wish.fulfil({ wishId, note: '已经修好', photos: [] }),
  )
  return wishId
}

const unconfirmed = (now: string) =>
  todoSection(cloud, ADMIN_XINHUA, 'community', 'unconfirmedWishes', now)

describe('电话回访后代为确认', () => {
  test('not before 7 days: the admin gets CONFLICT, no button, no 待办 line; nothing changes', async () => {
    const wishId = await fulfilledWish('demo-member-60')
    const early = at(7, -1)
    const admin = cloud.as(ADMIN_XINHUA, { now: early })
    expect(await admin.wish.confirmForResident({ wishId })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '党员完成满 7 天居民仍未确认的，社区才能电话回访后代为确认',
    })
    const { wish } = dataOf(await admin.wish.detail({ wishId }))
    expect(wish.allowed).not.toContain('confirmForResident')
    expect(wish.awaitingConfirmation).toEqual({
      since: new Date(FULFILLED).toISOString(),
      mayConfirmForResident: false,
    })
    expect((await unconfirmed(early)).items.map((i) => i.ref)).not.toContain(wishId)
    const stored = await w.stored(wishId)
    expect(stored.status).toBe('已实现')
    expect(stored.confirmedForResident).toBeUndefined()
    expect(await ledgerOf(cloud, 'demo-member-60', 'wishFulfilled')).toEqual([])
  })

  test('from day 7 it is on the 待办 (exact count) and the admin confirms: recorded, in the timeline, credited once', async () => {
    const claimer = 'demo-member-61'
    const wishId = await fulfilledWish(claimer)
    const day7 = at(7)
    const section = await unconfirmed(day7)
    expect(section.items.map((i) => i.ref)).toContain(wishId)
    expect(section.count).toBe(section.items.length)
    expect(section.items.find((i) => i.ref === wishId)).toMatchObject({ overdue: true })

    const admin = cloud.as(ADMIN_XINHUA, { now: day7 })
    expect(dataOf(await admin.wish.detail({ wishId })).wish.allowed).toContain('confirmForResident')
    await cloud.clearOutbox()
    const done = dataOf(await admin.wish.confirmForResident({ wishId }))
    expect(done.counted).toBe(true)
    expect(done.wish.status).toBe('已完成')
    expect(done.wish.timeline?.at(-1)).toMatchObject({
      event: 'confirmForResident',
      status: '已完成',
      note: '电话回访后代为确认',
    })
    const stored = await w.stored(wishId)
    expect(stored.confirmedForResident).toEqual({
      memberId: memberIdOf(ADMIN_XINHUA),
      name: expect.any(String),
      at: new Date(day7),
    })
    expect(await ledgerOf(cloud, claimer, 'wishFulfilled')).toEqual([
      expect.objectContaining({ ref: wishId, points: 10 }),
    ])
    const told = (await cloud.outbox()).filter((m) => m.page.endsWith(`?id=${wishId}`))
    expect(told.map((m) => [m.touser, m.template_id])).toEqual([
      [claimer, SUBSCRIBE_TEMPLATES.wishConfirmed.id],
    ])
    expect((await unconfirmed(day7)).items.map((i) => i.ref)).not.toContain(wishId)

    // The resident opening it later finds it done; confirming again credits nothing more.
    const late = await cloud
      .as(RESIDENT, { now: at(8) })
      .wish.confirm({ wishId, thanks: '谢谢', rating: 5 })
    expect(late).toMatchObject({ ok: false, code: 'CONFLICT', message: '这个心愿已经确认完成了' })
    expect(await ledgerOf(cloud, claimer, 'wishFulfilled')).toHaveLength(1)
  })

  test('a wish fulfilled before the fulfilment time was kept counts from its last change', async () => {
    const wishId = await fulfilledWish('demo-member-69')
    const _ = cloud.db.command
    await cloud.db
      .collection('wishes')
      .doc(wishId)
      .update({ data: { fulfilledAt: _.remove() } })
    expect((await w.stored(wishId)).fulfilledAt).toBeUndefined()
    expect((await unconfirmed(at(7, -1))).items.map((i) => i.ref)).not.toContain(wishId)
    expect((await unconfirmed(at(7))).items.map((i) => i.ref)).toContain(wishId)
    const { wish } = dataOf(
      await cloud.as(ADMIN_XINHUA, { now: at(7) }).wish.confirmForResident({ wishId }),
    )
    expect(wish.status).toBe('已完成')
  })

  test('only the admin of the wish’s community: another community’s admin and the claimer change nothing', async () => {
    const wishId = await fulfilledWish('demo-member-62')
    for (const openid of [ADMIN_JIANGSU, 'demo-member-62', RESIDENT]) {
      const reply = await cloud.as(openid, { now: at(8) }).wish.confirmForResident({ wishId })
      expect(reply.ok).toBe(false)
      expect(reply).not.toMatchObject({ code: 'CONFLICT' })
    }
    expect((await w.stored(wishId)).status).toBe('已实现')
  })

  test('the resident and the admin confirming at once: one wins, the claimer is credited once', async () => {
    const claimers = ['demo-member-63', 'demo-member-64', 'demo-member-65', 'demo-member-66']
    const wishIds = await Promise.all(claimers.map((m) => fulfilledWish(m)))
    const now = at(8)
    // Warm every worker of `wish` first, so the racing calls run side by side.
    await Promise.all(
      Array.from({ length: 8 }, () =>
        cloud.as(ADMIN_XINHUA, { now }).wish.detail({ wishId: wishIds[0] }),
      ),
    )
    const raced = await Promise.all(
      wishIds.map((wishId) =>
        Promise.all([
          cloud.as(RESIDENT, { now }).wish.confirm({ wishId, thanks: '谢谢您', rating: 5 }),
          cloud.as(ADMIN_XINHUA, { now }).wish.confirmForResident({ wishId }),
        ]),
      ),
    )
    for (const [i, pair] of raced.entries()) {
      expect(pair.filter((r) => r.ok)).toHaveLength(1)
      expect(pair.filter((r) => !r.ok && r.code === 'CONFLICT')).toHaveLength(1)
      const stored = await w.stored(wishIds[i])
      expect(stored.status).toBe('已完成')
      const completions = stored.timeline.filter(
        (t) => t.event === 'confirm' || t.event === 'confirmForResident',
      )
      expect(completions).toHaveLength(1)
      expect(await ledgerOf(cloud, claimers[i], 'wishFulfilled')).toHaveLength(1)
    }
  })
})

describe('还没办好', () => {
  test('sends the wish back to its claimer with the note, tells them, and restarts the 7 days', async () => {
    const claimer = 'demo-member-67'
    const wishId = await fulfilledWish(claimer)
    await cloud.clearOutbox()
    const { wish } = dataOf(
      await cloud.as(RESIDENT, { now: at(6) }).wish.reopen({ wishId, note: '灯还是不亮' }),
    )
    expect(wish.status).toBe('已认领')
    expect(wish.timeline?.at(-1)).toMatchObject({ event: 'reopen', by: '居民', note: '灯还是不亮' })
    expect(await w.stored(wishId)).toMatchObject({
      status: '已认领',
      fulfilledAt: null,
      claimer: expect.objectContaining({ id: memberIdOf(claimer) }),
    })
    const told = (await cloud.outbox()).filter((m) => m.page.endsWith(`?id=${wishId}`))
    expect(told).toEqual([
      expect.objectContaining({
        touser: claimer,
        template_id: SUBSCRIBE_TEMPLATES.wishConfirmed.id,
        data: expect.objectContaining({ thing2: { value: '还没办好：灯还是不亮' } }),
      }),
    ])
    // The claimer may fulfil again; the admin's 7 days count from this second 已实现.
    const second = at(9)
    dataOf(
      await cloud
        .as(claimer, { now: second })
        .wish.fulfil({ wishId, note: '换了灯泡', photos: [] }),
    )
    expect((await unconfirmed(at(14))).items.map((i) => i.ref)).not.toContain(wishId)
    expect(
      await cloud.as(ADMIN_XINHUA, { now: at(15) }).wish.confirmForResident({ wishId }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await unconfirmed(at(16))).items.map((i) => i.ref)).toContain(wishId)
    dataOf(await cloud.as(ADMIN_XINHUA, { now: at(16) }).wish.confirmForResident({ wishId }))
    expect(await ledgerOf(cloud, claimer, 'wishFulfilled')).toHaveLength(1)
  })

  test('only the resident, only while 已实现; a note failing content security changes nothing', async () => {
    const wishId = await fulfilledWish('demo-member-68')
    expect(
      await cloud.as('demo-member-68').wish.reopen({ wishId, note: '还没办好' }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    await cloud.blockWords(['代开发票'])
    expect(await cloud.as(RESIDENT).wish.reopen({ wishId, note: '代开发票找我' })).toMatchObject({
      ok: false,
      code: 'CONTENT_REJECTED',
    })
    expect((await w.stored(wishId)).status).toBe('已实现')
    const open = await w.published()
    expect(await cloud.as(RESIDENT).wish.reopen({ wishId: open, note: '还没办好' })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
  })
})
