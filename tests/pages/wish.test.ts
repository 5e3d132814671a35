import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { formatDay } from '../../miniprogram/utils/date'
import { dataOf } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'
import { handled, newPerson, tap, textOf, until, wxMock, usePages } from './harness'

const { cloud, open, show } = usePages([
  'wish-wall',
  'wish/submit',
  'wish/detail',
  'wish/mine',
  'privacy',
])

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

test('a shared wish link opened by someone not registered says who reads wishes, with no 重试', async () => {
  const wishId = await publishedWish('想请人陪同去医院')
  const page = await detail(newPerson().openid, wishId)

  expect(page.data.status).toBe('forbidden')
  expect(textOf(page, '.state-forbidden')).toContain('微心愿只有本区在册党员和登记过的居民可以查看')
  expect(page.querySelector('.state-retry')).toBeUndefined()
  expect(page.querySelector('.state-error')).toBeUndefined()
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
  const texts = (selector: string) =>
    page
      .querySelectorAll(selector)
      .map((b: { dom: { textContent: string } }) => b.dom.textContent.trim())
  // Giving up is the small link below; the full-width button is the step that moves the wish on.
  expect(texts('.act-button')).toEqual(['心愿已完成'])
  expect(texts('.act-secondary')).toEqual(['放弃认领'])
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

const nameOf = async (openid: string) =>
  (await cloud.doc<{ name: string }>('members', memberIdOf(openid)))!.name
const tomorrow = () => {
  const d = new Date(Date.now() + 86_400_000)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

describe('the hand-off', () => {
  test('the claimer says when they will call; then calls the resident or copies the address', async () => {
    const wishId = await publishedWish('想请人帮忙贴春联')
    const page = await detail('demo-member-46', wishId)
    wxMock.showActionSheet.mockResolvedValueOnce({ errMsg: 'showActionSheet:ok', tapIndex: 1 })
    tap(page, '#act-claim')
    await until(() => page.data.wish?.status === '已认领', 'the claim')
    expect(wxMock.showActionSheet.mock.lastCall?.[0].itemList[1]).toBe('明天内联系居民')
    expect((await wishes(cloud).stored(wishId)).claimer?.contactBy).toBe(tomorrow())
    expect(textOf(page, '.contact-promise')).toBe('您约定最晚明天联系居民')

    await handled(page, 'onCall', () => tap(page, '.call-resident'))
    expect(wxMock.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '15800000701' })
    await handled(page, 'onCopyAddress', () => tap(page, '.copy-address'))
    expect(wxMock.setClipboardData).toHaveBeenLastCalledWith({ data: '新华路 100 号' })
  })

  test('the resident sees who claimed it, by when they will call, and calls them', async () => {
    const wishId = await publishedWish('想请人帮忙修自行车')
    dataOf(await cloud.as('demo-member-47').wish.claim({ wishId, contactBy: tomorrow() }))
    const name = await nameOf('demo-member-47')
    const page = await detail(RESIDENT, wishId)

    expect(textOf(page, '.claimer-name')).toBe(name)
    expect(textOf(page, '.claimer-promise')).toBe(`${name}最晚明天联系您`)
    expect(page.data.timeline.map((l) => l.text)).toEqual([
      '您提交了心愿',
      '社区已审核通过',
      `${name}认领了您的心愿`,
    ])
    const phone = (await cloud.doc<{ phone: string }>('members', memberIdOf('demo-member-47')))!
      .phone
    await handled(page, 'onCall', () => tap(page, '.call-claimer'))
    expect(wxMock.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: phone })
    // 撤销 is there, but only as the small link below.
    expect(page.querySelector('#act-cancel')?.dom?.className).toContain('act-secondary')
  })

  test('the privacy guide says the resident sees the claimer’s name and phone, the admin the name, others neither', async () => {
    const guide = await show('privacy', RESIDENT)
    expect(textOf(guide, '.who-card')).toContain(
      '您认领居民的微心愿后，这位居民可以看到您的姓名和手机号，方便联系您；所在社区的管理员能看到您的姓名，以便跟进；其他人只看到“已有党员认领”；放弃认领后不再显示',
    )
    expect(textOf(guide, '.who-wish')).toContain('认领党员约定的联系日期，居民和社区管理员都能看到')
  })

  test('a promised day gone by says so, and that the resident may call directly', async () => {
    const wishId = await publishedWish('想请人帮忙搬一下柜子')
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000)
    const contactBy = threeDaysAgo.toLocaleDateString('sv-SE')
    const day = formatDay(contactBy)
    dataOf(
      await cloud
        .as('demo-member-52', { now: threeDaysAgo.toISOString() })
        .wish.claim({ wishId, contactBy }),
    )
    const name = await nameOf('demo-member-52')
    const page = await detail(RESIDENT, wishId)
    expect(textOf(page, '.claimer-promise')).toBe(
      `${name}约定最晚${day}联系您；如果还没有接到电话，您可以直接打给${name}`,
    )
  })

  test('放弃认领 asks first; cancelling the dialog keeps the claim, confirming gives the wish back', async () => {
    const wishId = await publishedWish('想请人帮忙换水龙头')
    dataOf(await cloud.as('demo-member-48').wish.claim({ wishId, contactBy: tomorrow() }))
    const page = await detail('demo-member-48', wishId)

    const modals = wxMock.showModal.mock.calls.length
    wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, content: '' })
    await handled(page, 'onAct', () => tap(page, '#act-release'))
    expect(wxMock.showModal.mock.calls.length).toBe(modals + 1)
    expect(wxMock.showModal.mock.lastCall?.[0]).toMatchObject({ title: '放弃认领' })
    expect((await wishes(cloud).stored(wishId)).status).toBe('已认领')

    tap(page, '#act-release')
    await until(() => page.data.wish?.status === '待认领', 'the release')
    expect((await wishes(cloud).stored(wishId)).claimer).toBeNull()
  })

  test('the resident cancels their wish only after confirming', async () => {
    const wishId = await publishedWish('想请人陪我去医院')
    const page = await detail(RESIDENT, wishId)
    const modals = wxMock.showModal.mock.calls.length
    wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, content: '' })
    await handled(page, 'onAct', () => tap(page, '#act-cancel'))
    expect(wxMock.showModal.mock.calls.length).toBe(modals + 1)
    expect(wxMock.showModal.mock.lastCall?.[0]).toMatchObject({ title: '撤销心愿' })
    expect((await wishes(cloud).stored(wishId)).status).toBe('待认领')

    tap(page, '#act-cancel')
    await until(() => page.data.wish?.status === '已取消', 'the cancellation')
    expect(page.data.timeline.at(-1)?.text).toBe('您撤销了心愿')
  })

  test('once fulfilled the resident is asked, in plain words, to confirm', async () => {
    const wishId = await publishedWish('想请人帮忙挂窗帘')
    dataOf(await cloud.as('demo-member-49').wish.claim({ wishId, contactBy: tomorrow() }))
    dataOf(await cloud.as('demo-member-49').wish.fulfil({ wishId, note: '窗帘已经挂好了' }))
    const name = await nameOf('demo-member-49')
    const page = await detail(RESIDENT, wishId)

    expect(textOf(page, '.claimer-promise')).toBe(`${name}已完成心愿，请您确认`)
    expect(page.data.timeline.at(-1)?.text).toBe(`${name}已完成，请您确认`)
    expect(textOf(page, '#act-confirm')).toBe('确认完成并感谢')
  })
})

describe('empty states lead somewhere', () => {
  test('with no wishes yet, a resident is led to 我有一个心愿 and a member to the wall', async () => {
    const resident = await show('wish/mine', 'demo-resident-7')
    expect(textOf(resident, '.state-empty')).toContain('您还没有提过心愿')
    await handled(resident, 'onSubmitWish', () => tap(resident, '.submit-wish-button'))
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/wish/submit/index' })

    const member = await show('wish/mine', 'demo-member-60')
    expect(member.querySelector('.submit-wish-button')).toBeUndefined()
    await handled(member, 'onWall', () => tap(member, '.wall-button'))
    expect(wxMock.switchTab).toHaveBeenLastCalledWith({ url: '/pages/wish-wall/index' })
  })

  test('a category with no wishes offers the whole wall again', async () => {
    const page = await show('wish-wall', 'demo-member-61')
    tap(page, '#category-1')
    await until(() => page.data.category === '精神' && page.data.status === 'ready', 'the filter')
    expect(page.data.cards).toEqual([])
    expect(textOf(page, '.state-empty')).toBe('这个类别暂时没有心愿')
    tap(page, '.all-wishes-button')
    await until(() => page.data.category === '' && page.data.cards.length > 0, 'the whole wall')
  })
})
