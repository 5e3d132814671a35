// What each viewer reads about a wish: the claimer's name only for the resident, the claimer and the community's
// admins (the privacy guide), 已实现 in the viewer's words, and the 联系电话 a resident gave instead of their own.
import type { WishCard } from '../../typings/wish'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, RESIDENT_PHONE, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)
const CLAIMER = 'demo-member-70'
const XINHUA = 'community-xinhua'

const onWall = async (openid: string, wishId: string) =>
  dataOf(await cloud.as(openid).wish.list({ communityId: XINHUA, limit: 50 })).wishes.find(
    (c) => c.id === wishId,
  )
const seen = (c: WishCard | undefined) => c && [c.claimerName, c.claimerText, c.statusText]

test('the claimer’s name: resident, claimer and community admin; other members and the district see 已有党员认领', async () => {
  const wishId = await w.published()
  dataOf(await cloud.as(CLAIMER).wish.claim({ wishId }))
  dataOf(await cloud.as(CLAIMER).wish.fulfil({ wishId, note: '已经修好', photos: [] }))
  const name = (await w.stored(wishId)).claimer!.name

  expect(seen(await onWall(RESIDENT, wishId))).toEqual([name, `认领党员：${name}`, '待您确认'])
  expect(seen(await onWall(CLAIMER, wishId))).toEqual([name, '您已认领', '待居民确认'])
  expect(seen(await onWall(ADMIN_XINHUA, wishId))).toEqual([
    name,
    `认领党员：${name}`,
    '待居民确认',
  ])
  for (const other of ['demo-member-71', 'demo-resident-2', 'demo-district-admin']) {
    expect(seen(await onWall(other, wishId))).toEqual([null, '已有党员认领', '待居民确认'])
    const detail = await w.detail(other, wishId)
    expect(detail.claimerName).toBeNull()
    expect(JSON.stringify(detail)).not.toContain(name)
  }
  const mine = dataOf(await cloud.as(RESIDENT).wish.mine({}))
  expect(seen(mine.asResident.find((c) => c.id === wishId))).toEqual([
    name,
    `认领党员：${name}`,
    '待您确认',
  ])
})

test('a 联系电话 given with the wish is what the claimer and the admin call; a bad one is refused', async () => {
  const bad = await cloud.as(RESIDENT).wish.submit({
    title: '想请人陪我去医院',
    description: '周三上午复诊',
    category: '服务',
    contactPhone: '1234567',
  })
  expect(bad).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '请输入 11 位手机号' })
  expect(await cloud.docs('wishes', { title: '想请人陪我去医院' })).toEqual([])

  const wishId = await w.published(RESIDENT, ADMIN_XINHUA, { contactPhone: '13912340000' })
  dataOf(await cloud.as(CLAIMER).wish.claim({ wishId }))
  for (const viewer of [CLAIMER, ADMIN_XINHUA]) {
    const { contact } = await w.detail(viewer, wishId)
    expect(contact?.phone).toBe('13912340000')
  }
  // Nobody else sees it, before or after the claim.
  expect(JSON.stringify(await w.detail('demo-member-71', wishId))).not.toContain('13912340000')
  expect(JSON.stringify(await onWall('demo-member-71', wishId))).not.toContain('13912340000')
  // Without one, the registered phone as before.
  const plain = await w.published()
  dataOf(await cloud.as(CLAIMER).wish.claim({ wishId: plain }))
  expect((await w.detail(CLAIMER, plain)).contact?.phone).toBe(RESIDENT_PHONE)
})
