// The wish pages around the resident's confirmation and who reads what: 待您确认 and 还没办好 for the resident,
// 电话回访后代为确认 for the community admin after 7 days, 您已认领 / 已有党员认领, the submit form's 联系电话, and
// the review queue's description and 不通过 with a reason.
import { dataOf } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'
import { tap, textOf, until, usePages, wxMock } from './harness'

const { cloud, open, show } = usePages([
  'wish/detail',
  'wish/submit',
  'wish-wall',
  'officer/wish-review',
])
const w = wishes(cloud)
const CLAIMER = 'demo-member-80'
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()

async function fulfilledWish(when = daysAgo(0)) {
  const wishId = await w.published()
  dataOf(await cloud.as(CLAIMER, { now: daysAgo(9) }).wish.claim({ wishId }))
  dataOf(
    await cloud.as(CLAIMER, { now: when }).wish.fulfil({ wishId, note: '已经修好', photos: [] }),
  )
  return wishId
}

test('the resident reads 待您确认 and may answer 还没办好 with a note: the wish goes back to the claimer', async () => {
  const wishId = await fulfilledWish()
  const page = await show('wish/detail', RESIDENT, { id: wishId })
  expect(textOf(page, '.wish-status')).toBe('待您确认')
  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '灯还是不亮' })
  tap(page, '#act-reopen')
  await until(() => page.data.wish?.status === '已认领', 'the wish back at 已认领')
  expect(page.data.timeline.at(-1)).toMatchObject({
    text: '您说还没办好，心愿回到认领党员',
    note: '灯还是不亮',
  })
})

test('others read 待居民确认; the claimer 您已认领, another member 已有党员认领 and no name', async () => {
  const wishId = await fulfilledWish()
  const name = (await w.stored(wishId)).claimer!.name
  const mine = await show('wish/detail', CLAIMER, { id: wishId })
  expect(textOf(mine, '.wish-status')).toBe('待居民确认')
  expect(textOf(mine, '.claimer')).toBe('您已认领')
  const other = await show('wish/detail', 'demo-member-81', { id: wishId })
  expect(textOf(other, '.claimer')).toBe('已有党员认领')
  expect(JSON.stringify(other.data)).not.toContain(name)
  const wall = await show('wish-wall', 'demo-resident-3')
  expect(textOf(wall, `#wish-${wishId} .claimer-text`)).toContain('已有党员认领')
})

test('after 7 days the community admin confirms for the resident; the timeline says 社区代为确认', async () => {
  const wishId = await fulfilledWish(daysAgo(8))
  const page = await show('wish/detail', ADMIN_XINHUA, { id: wishId })
  expect(textOf(page, '.wait-notice')).toContain('请电话回访居民')
  tap(page, '#act-confirmForResident')
  await until(() => page.data.wish?.status === '已完成', 'the wish completed')
  expect(wxMock.showModal.mock.lastCall?.[0].title).toBe('代居民确认完成')
  expect(page.data.timeline.at(-1)?.text).toMatch(/^社区代为确认（.+电话回访）$/)
  const resident = await show('wish/detail', RESIDENT, { id: wishId })
  expect(resident.data.timeline.at(-1)?.text).toBe('社区代为确认')
})

test('the submit form says who calls which number, and takes a 联系电话 instead', async () => {
  const page = open('wish/submit', 'demo-resident-4')
  await until(() => page.data.registeredPhone !== '', 'the registered phone')
  expect(textOf(page, '.contact-hint')).toMatch(
    /^认领的党员会打您登记的电话 1\d{2}\*{4}\d{4} 联系您$/,
  )
  tap(page, '#category-2')
  await until(() => page.data.category === '服务', 'the category chosen')
  page.setData({ title: '想请人陪我复诊', description: '周三上午', contactPhone: '1391234' })
  expect(page.data.why).toBe('联系电话请填 11 位手机号')
  page.setData({ contactPhone: '13912345678' })
  expect(textOf(page, '.contact-hint')).toBe('认领的党员会打您填写的联系电话 139****5678 联系您')
  tap(page, '.submit-button')
  await until(() => wxMock.redirectTo.mock.calls.length > 0, 'the redirect')
  const [stored] = await cloud.docs<{ contactPhone: string }>('wishes', { title: '想请人陪我复诊' })
  expect(stored.contactPhone).toBe('13912345678')
})

test('the review queue shows the description and turns a wish down with a reason from a dialog', async () => {
  const wishId = await w.submitted()
  const queue = await show('officer/wish-review', ADMIN_XINHUA)
  expect(textOf(queue, `#wish-${wishId} .wish-description`)).toBe(
    '家里的老收音机不响了，想请人帮忙看看',
  )
  wxMock.showModal.mockResolvedValueOnce({
    confirm: true,
    cancel: false,
    content: '请到社区当面说明',
  })
  tap(queue, `#reject-${wishId}`)
  await until(() => !queue.data.cards.some((c) => c.id === wishId), 'the wish to leave the queue')
  expect(await w.stored(wishId)).toMatchObject({
    status: '未通过',
    rejectReason: '请到社区当面说明',
  })
})
