// The privacy guide's 保存多久 for 微心愿: 3 years after a wish is finished (completed, cancelled or turned
// down) the daily purgeContacts timer removes the resident's contact details and the claimer's phone.
import fs from 'fs'
import path from 'path'
import { WISH_CONTACT_RETENTION_YEARS } from '../../cloudfunctions/wish/src/purge'
import type { WishDoc } from '../../cloudfunctions/wish/src/store'
import type { Reply } from '../../typings/common'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, RESIDENT_PHONE, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)
const ADDRESS = '新华路 211 弄 3 号 502 室'
const RUN = '2026-04-01T04:00:00+08:00'

type Purged = { purged: number; more: boolean }
const purge = async (now = RUN) =>
  dataOf(await cloud.trigger<Reply<Purged>>('wish', 'purgeContacts', now))

/** A wish taken to 已完成 at `now`: submitted, published, claimed, fulfilled and confirmed. */
async function completedAt(now: string) {
  const as = (openid: string) => cloud.as(openid, { now })
  const wishId = dataOf(
    await as(RESIDENT).wish.submit({
      title: `帮忙修理收音机${now.slice(0, 10)}`,
      description: '家里的老收音机不响了',
      category: '服务',
      address: ADDRESS,
    }),
  ).wish.id
  dataOf(await as(ADMIN_XINHUA).wish.review({ wishId, decision: 'publish' }))
  dataOf(await as('demo-member-40').wish.claim({ wishId }))
  dataOf(await as('demo-member-40').wish.fulfil({ wishId, note: '已修好收音机' }))
  dataOf(await as(RESIDENT).wish.confirm({ wishId, thanks: '谢谢', rating: 5 }))
  return wishId
}

describe('contact details of finished wishes', () => {
  const OLD = '2023-03-01T10:00:00+08:00'
  let done: string
  let cancelled: string
  let open: string
  let recent: string
  beforeAll(async () => {
    done = await completedAt(OLD)
    cancelled = await w.submitted()
    // Submitted today, but cancelled (or claimed) in 2023: the last change counts.
    dataOf(await cloud.as(RESIDENT, { now: OLD }).wish.cancel({ wishId: cancelled }))
    open = await w.published()
    dataOf(await cloud.as('demo-member-41', { now: OLD }).wish.claim({ wishId: open }))
    recent = await completedAt('2025-06-01T10:00:00+08:00')
  })

  test('go 3 years after the wish finished, once; open and recent wishes keep theirs', async () => {
    const before = await w.stored(done)
    expect(before).toMatchObject({ residentPhone: RESIDENT_PHONE, address: ADDRESS })
    expect(before.claimer?.phone).toMatch(/^1\d{10}$/)
    const label = dataOf(await cloud.as('demo-member-42').wish.detail({ wishId: done })).wish
      .residentLabel

    // A minute short of 3 years nothing goes.
    expect(await purge('2026-03-01T09:59:00+08:00')).toEqual({ purged: 0, more: false })
    expect(await purge()).toEqual({ purged: 2, more: false })

    for (const id of [done, cancelled]) {
      const after = await w.stored(id)
      expect(after).toMatchObject({ residentPhone: '', address: null, residentName: label })
      expect(after.claimer?.phone).toBeUndefined()
      expect(JSON.stringify(after)).not.toContain(RESIDENT_PHONE)
      expect(JSON.stringify(after)).not.toContain('502')
    }
    const stored = await w.stored(done)
    expect(stored).toMatchObject({ status: '已完成', title: before.title, thanks: '谢谢' })
    expect(stored.claimer).toMatchObject({ id: before.claimer!.id, name: before.claimer!.name })
    // The community admin's view of the record: the surname only, no phone or address.
    const seen = dataOf(await cloud.as(ADMIN_XINHUA).wish.detail({ wishId: done })).wish
    expect(seen.contact).toMatchObject({ name: label, phone: '', address: null })
    expect(seen.residentLabel).toBe(label)

    for (const id of [open, recent]) {
      expect(await w.stored(id)).toMatchObject({ residentPhone: RESIDENT_PHONE, address: ADDRESS })
    }
    // Run again (the platform may repeat a trigger): nothing more.
    expect(await purge()).toEqual({ purged: 0, more: false })
  })

  test('a backlog goes in one run, 50 at a time', async () => {
    const template = await w.stored(recent)
    const old = new Date('2022-01-10T10:00:00+08:00')
    const backlog: WishDoc[] = Array.from({ length: 120 }, (_, i) => ({
      ...template,
      _id: `backlog-${String(i).padStart(3, '0')}`,
      updatedAt: old,
      createdAt: old,
    }))
    await cloud.db.collection('wishes').add({ data: backlog as never })
    expect(await purge()).toEqual({ purged: 120, more: false })
    const left = await cloud.docs<WishDoc>('wishes', { residentPhone: RESIDENT_PHONE })
    expect(left.map((x) => x._id).sort()).toEqual([open, recent].sort())
  })
})

test('the privacy guide promises what the timer does', () => {
  const guide = fs.readFileSync(
    path.join(__dirname, '../../miniprogram/pages/privacy/index.wxml'),
    'utf8',
  )
  expect(guide).toContain(`满 ${WISH_CONTACT_RETENTION_YEARS} 年后`)
  expect(guide).toMatch(/删除居民的姓名（只留姓氏）、电话和住址/)
})
