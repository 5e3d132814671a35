import { dataOf } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'
import { tap, textOf, until, wxMock, usePages } from './harness'

const { cloud, open, show } = usePages(['wish-wall', 'wish/submit', 'wish/detail', 'wish/mine'])

const publishedWish = (title: string) =>
  wishes(cloud).published(RESIDENT, ADMIN_XINHUA, {
    title,
    description: '想请人帮忙',
    address: '新华路 100 号',
  })

const detail = (openid: string, wishId: string) => show('wish/detail', openid, { id: wishId })

test('the wall shows published wishes and offers a resident the big submit button', async () => {
  const wishId = await publishedWish('想修一下门锁')
  const page = await show('wish-wall', 'demo-resident-1')

  expect(page.data.cards.map((c) => c.id)).toContain(wishId)
  expect(textOf(page, `#wish-${wishId} .wish-title`)).toBe('想修一下门锁')
  expect(page.querySelector('.submit-wish-button')).toBeDefined()
  tap(page, `#wish-${wishId}`)
  await until(() => wxMock.navigateTo.mock.calls.length > 0, 'navigation')
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
    url: `/wish/detail/index?id=${wishId}`,
  })
})

test('a member sees no submit button on the wall', async () => {
  const page = await show('wish-wall', 'demo-member-1')
  expect(page.querySelector('.submit-wish-button')).toBeUndefined()
})

test('a resident submits a wish with the big form and lands on its detail page', async () => {
  const page = open('wish/submit', 'demo-resident-3')
  tap(page, '.submit-button')
  await until(() => page.data.error !== '', 'the missing category message')
  expect(textOf(page, '.submit-error')).toBe('请选择心愿类别')

  tap(page, '#category-0')
  page.setData({ title: '想要一个助听器', description: '听不清电话' })
  tap(page, '.submit-button')
  await until(() => wxMock.redirectTo.mock.calls.length > 0, 'the redirect to the detail page')

  const { asResident } = dataOf(await cloud.as('demo-resident-3').wish.mine())
  const stored = asResident.find((w) => w.title === '想要一个助听器')
  expect(stored).toMatchObject({ status: '待审核', category: '物质' })
  expect((wx as unknown as { redirectTo: jest.Mock }).redirectTo).toHaveBeenLastCalledWith({
    url: `/wish/detail/index?id=${stored?.id}`,
  })
})

test('the detail page offers a member 我来认领; after claiming, the contact card appears', async () => {
  const wishId = await publishedWish('想学用手机打车')
  const page = await detail('demo-member-40', wishId)

  expect(page.querySelector('.contact-card')).toBeUndefined()
  expect(textOf(page, '#act-claim')).toBe('我来认领')
  tap(page, '#act-claim')
  await until(() => page.data.wish?.status === '已认领', 'the claim')

  expect(textOf(page, '.contact-phone')).toBe('15800000701')
  expect(
    page
      .querySelectorAll('.act-button')
      .map((b: { dom: { textContent: string } }) => b.dom.textContent.trim()),
  ).toEqual(['放弃认领', '心愿已完成'])
  expect(page.querySelectorAll('.timeline-item')).toHaveLength(3)
  const seenByOther = await detail('demo-member-41', wishId)
  expect(seenByOther.querySelector('.contact-card')).toBeUndefined()
  expect(seenByOther.querySelector('.act-button')).toBeUndefined()
})

test('a claim lost to someone else shows the server’s message and the page refreshes', async () => {
  const wishId = await publishedWish('想要一盏台灯')
  const page = await detail('demo-member-42', wishId)
  dataOf(await cloud.as('demo-member-43').wish.claim({ wishId }))

  const modals = wxMock.showModal.mock.calls.length
  tap(page, '#act-claim')
  await until(() => wxMock.showModal.mock.calls.length > modals, 'the failure dialog')
  expect(wxMock.showModal.mock.lastCall?.[0].content).toBe('这个心愿已被其他党员认领')
  await until(() => page.data.wish?.status === '已认领', 'the refresh')
})

test('the resident confirms a fulfilled wish with a rating from the detail page', async () => {
  const wishId = await publishedWish('想请人换灯泡')
  dataOf(await cloud.as('demo-member-44').wish.claim({ wishId }))
  dataOf(await cloud.as('demo-member-44').wish.fulfil({ wishId, note: '已经换好了' }))
  const page = await detail('demo-resident-1', wishId)

  tap(page, '#star-4')
  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '谢谢你' })
  tap(page, '#act-confirm')
  await until(() => page.data.wish?.status === '已完成', 'the confirmation')

  expect(page.data.wish?.rating).toBe(4)
  expect(textOf(page, '.thanks')).toContain('谢谢你')
})

test('my wishes lists what a member claimed', async () => {
  const wishId = await publishedWish('想找人陪下棋')
  dataOf(await cloud.as('demo-member-45').wish.claim({ wishId }))
  const page = await show('wish/mine', 'demo-member-45')
  expect(page.data.asClaimer.map((w) => w.id)).toEqual([wishId])
  expect(page.querySelector('.resident-wishes')).toBeUndefined()
})
