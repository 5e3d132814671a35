import { rows } from '../../cloudfunctions/_shared/db'
import { dataOf } from '../support/cloud'
import { awaitingPerson } from '../support/fixtures'
import { tap, textOf, until, usePages, wxMock, handled, cloudMock } from './harness'
import { filePath, loaded, preview, shown } from './photos-support'

// demo-member-2 (信息员 of branch-1) posts a photo whose URL carries the emulator's `needs-review` marker, so
// WeChat answers 'review'; demo-secretary-1 finds it in 待办 and decides on the news detail page, demo-member-1
// reads it. Members of branch-1 send appeals with such photos, decided in the 诉求处理 inbox.
const { cloud, show } = usePages(['news-detail', 'todo', 'interact', 'branch/appeal-inbox'])

const PHOTO = 'cloud://local.env/news/needs-review-page.jpg'
const APPEAL_PHOTO = 'cloud://local.env/appeals/needs-review-page.jpg'
const ADMIN = 'demo-community-admin-1'
let drafts = 0
const draftId = () => `review-page-${process.pid}-${++drafts}`

const stored = async (collection: 'news' | 'appeals', id: string) =>
  (
    await rows<{ media?: { status: string; needsReview?: boolean } }>(
      cloud.db.collection(collection).where({ _id: id }),
    )
  )[0]

/** A branch-only post whose photo waits for a person. */
async function waitingNews(title: string): Promise<string> {
  const { news } = dataOf(
    await cloud.as('demo-member-2').interact.postNews({
      draftId: draftId(),
      title,
      body: `${title}的正文`,
      visibility: 'branch',
      images: [PHOTO],
    }),
  )
  return awaitingPerson(cloud, 'news', news.id)
}

/** A branch-level appeal whose photo waits for a person. */
async function waitingAppeal(openid: string, text: string): Promise<string> {
  const { appeal } = dataOf(
    await cloud.as(openid).interact.submitAppeal({
      draftId: draftId(),
      category: '其他',
      text,
      images: [APPEAL_PHOTO],
    }),
  )
  return awaitingPerson(cloud, 'appeals', appeal.id)
}

test('a reader sees neither the photo nor the buttons; the secretary passes it and readers then see it', async () => {
  const id = await waitingNews('待审核图片的动态')
  const reader = await show('news-detail', 'demo-member-1', { id })
  expect(reader.querySelector('#news-photos')).toBeUndefined()
  expect(reader.querySelector('.pass-media')).toBeUndefined()
  expect(textOf(reader, '.media-pending')).toBe('图片审核中')

  const page = await show('news-detail', 'demo-secretary-1', { id })
  expect(textOf(page, '.media-review')).toContain('请您审核')
  expect(page.querySelector('.media-pending')).toBeUndefined()
  expect(await shown(page, '#news-photos')).toEqual([filePath(PHOTO)])
  expect(textOf(page, '.pass-media')).toBe('通过')
  expect(textOf(page, '.reject-media')).toBe('不通过')

  const modals = wxMock.showModal.mock.calls.length
  tap(page, '.pass-media')
  await until(() => page.data.news?.mediaStatus === 'pass', 'the page to reload after passing')
  expect(wxMock.showModal.mock.calls.length).toBe(modals)
  expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已通过', icon: 'success' })
  expect(page.querySelector('.pass-media')).toBeUndefined()
  expect(page.querySelector('.media-review')).toBeUndefined()
  expect((await stored('news', id)).media?.status).toBe('pass')

  const after = await show('news-detail', 'demo-member-1', { id })
  expect(await shown(after, '#news-photos')).toEqual([filePath(PHOTO)])
})

test('news photos load from the emulator and open full screen; the feed card’s cover loads from it too', async () => {
  const id = await waitingNews('放大查看的图片')
  dataOf(
    await cloud.as('demo-secretary-1').interact.reviewMedia({
      kind: 'news',
      id,
      images: [PHOTO],
      decision: 'pass',
    }),
  )
  const page = await show('news-detail', 'demo-member-1', { id })
  expect(await preview(page, '#news-photos', 0)).toEqual({
    current: filePath(PHOTO),
    urls: [filePath(PHOTO)],
  })

  const feed = await show('interact', 'demo-member-1')
  const card = feed.data.items.find((n) => n.id === id)
  expect(await loaded([card!.coverSrc])).toEqual([filePath(PHOTO)])
  expect(feed.querySelector(`#news-${id} .news-cover`)).toBeDefined()
})

test('不通过 asks first: cancelling changes nothing, confirming hides the photo for good', async () => {
  const id = await waitingNews('判定不通过的动态')
  const page = await show('news-detail', 'demo-secretary-1', { id })

  wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  const modals = wxMock.showModal.mock.calls.length
  const calls = cloudMock.callFunction.mock.calls.length
  await handled(page, 'onReviewMedia', () => tap(page, '.reject-media'))
  expect(wxMock.showModal.mock.calls.length).toBe(modals + 1)
  expect(wxMock.showModal.mock.lastCall?.[0].title).toBe('判定图片不通过？')
  expect(cloudMock.callFunction.mock.calls.length).toBe(calls)
  expect((await stored('news', id)).media?.status).toBe('pending')
  expect(page.data.news?.awaitingReview).toBe(true)

  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false })
  tap(page, '.reject-media')
  await until(() => page.data.news?.mediaStatus === 'risky', 'the page to reload after rejecting')
  expect(page.querySelector('#news-photos')).toBeUndefined()
  expect(page.querySelector('.reject-media')).toBeUndefined()
  expect((await stored('news', id)).media?.status).toBe('risky')

  // Its author is told why the photo is gone; readers see no photo and no note.
  const author = await show('news-detail', 'demo-member-2', { id })
  expect(author.querySelector('#news-photos')).toBeUndefined()
  expect(textOf(author, '.media-risky')).toBe('图片未通过内容安全审核，其他人看不到')
  const reader = await show('news-detail', 'demo-member-1', { id })
  expect(reader.querySelector('.media-risky')).toBeUndefined()
  expect(reader.querySelector('.media-pending')).toBeUndefined()
})

test('the community admin decides a branch-only post from outside its branch; it then says so instead of failing', async () => {
  const id = await waitingNews('社区管理员审核支部动态')
  const page = await show('news-detail', ADMIN, { id })
  expect(await shown(page, '#news-photos')).toEqual([filePath(PHOTO)])
  expect(page.querySelector('.send-comment')).toBeUndefined()

  tap(page, '.pass-media')
  await until(() => page.data.status === 'empty', 'the page to reload after passing')
  expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已通过', icon: 'success' })
  expect(textOf(page, '.state-message')).toBe('图片已审核完毕，这条动态不在您的阅读范围内')
  expect(page.querySelector('.state-retry')).toBeUndefined()
  expect((await stored('news', id)).media?.status).toBe('pass')
})

test('when the author replaced the photo since the page loaded, a decision is refused and decides nothing', async () => {
  const id = await waitingNews('审核时已更换图片的动态')
  const page = await show('news-detail', 'demo-secretary-1', { id })
  const replacement = 'cloud://local.env/news/needs-review-replacement.jpg'
  dataOf(
    await cloud.as('demo-member-2').interact.editNews({
      newsId: id,
      title: '审核时已更换图片的动态',
      body: '换了一张照片',
      visibility: 'branch',
      images: [replacement],
    }),
  )
  await awaitingPerson(cloud, 'news', id)

  const modals = wxMock.showModal.mock.calls.length
  tap(page, '.pass-media')
  await until(() => wxMock.showModal.mock.calls.length > modals, 'the failure dialog')
  expect(wxMock.showModal.mock.lastCall?.[0].content).toBe('图片已更换，请刷新后再审核')
  expect((await stored('news', id)).media).toMatchObject({ status: 'pending', needsReview: true })
})

test('when someone else decided first, the page shows why and keeps the state it had', async () => {
  const id = await waitingNews('他人已审核的动态')
  const page = await show('news-detail', 'demo-secretary-1', { id })
  dataOf(
    await cloud.as(ADMIN).interact.reviewMedia({
      kind: 'news',
      id,
      images: [PHOTO],
      decision: 'pass',
    }),
  )
  const modals = wxMock.showModal.mock.calls.length
  tap(page, '.pass-media')
  await until(() => wxMock.showModal.mock.calls.length > modals, 'the failure dialog')
  expect(wxMock.showModal.mock.lastCall?.[0].content).toBe('图片已通过审核，无需再审')
  expect(page.data.reviewing).toBe(false)
})

test('the 待办 lists the waiting post; its line opens the news detail and 查看全部 the 互动 tab', async () => {
  const id = await waitingNews('待办中的待审核图片')
  const page = await show('todo', ADMIN, { scope: 'community' })
  expect(textOf(page, '#section-newsMediaReview .section-title')).toBe('动态图片待人工审核')
  expect(textOf(page, `#item-newsMediaReview-${id} .todo-title`)).toBe('待办中的待审核图片')

  tap(page, `#item-newsMediaReview-${id}`)
  await until(
    () =>
      wxMock.navigateTo.mock.calls.some(([arg]) => arg.url === `/pages/news-detail/index?id=${id}`),
    'the news detail to open',
  )
  page.instance.onOpen({ currentTarget: { dataset: { kind: 'newsMediaReview' } } })
  expect(wxMock.switchTab).toHaveBeenLastCalledWith({ url: '/pages/interact/index' })
})

describe('诉求 photos awaiting review', () => {
  test('the secretary’s inbox offers 通过 beside handling; after it the list reloads without the buttons', async () => {
    const id = await waitingAppeal('demo-member-3', '支部活动室的窗户玻璃裂了')
    const inbox = await show('branch/appeal-inbox', 'demo-secretary-1')
    const card = `#appeal-${id}`
    expect(textOf(inbox, `${card} .media-review`)).toContain('请您审核')
    expect(await shown(inbox, `#appeal-photos-${id}`)).toEqual([filePath(APPEAL_PHOTO)])
    expect(textOf(inbox, `${card} .reject-media`)).toBe('不通过')
    expect(inbox.querySelector(`${card} .accept-button`)).toBeDefined()

    const modals = wxMock.showModal.mock.calls.length
    tap(inbox, `${card} .pass-media`)
    await until(
      () => inbox.data.items.some((a) => a.id === id && !a.awaitingReview),
      'the inbox to reload after passing',
    )
    expect(wxMock.showModal.mock.calls.length).toBe(modals)
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已通过', icon: 'success' })
    expect(inbox.querySelector(`${card} .pass-media`)).toBeUndefined()
    expect(inbox.querySelector(`${card} .media-review`)).toBeUndefined()
    expect(await shown(inbox, `#appeal-photos-${id}`)).toEqual([filePath(APPEAL_PHOTO)])
    expect((await stored('appeals', id)).media?.status).toBe('pass')
  })

  test('the community admin’s 待办 opens the review list with a branch’s appeal; 不通过 asks, then it leaves the list', async () => {
    const id = await waitingAppeal('demo-member-4', '厂区门口的路灯一直不亮')
    const todo = await show('todo', ADMIN, { scope: 'community' })
    expect(textOf(todo, '#section-appealMediaReview .section-title')).toBe('诉求图片待人工审核')
    const review = { url: '/branch/appeal-inbox/index?review=1' }
    const navigations = wxMock.navigateTo.mock.calls.length
    tap(todo, `#item-appealMediaReview-${id}`)
    await until(() => wxMock.navigateTo.mock.calls.length > navigations, 'the review list to open')
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith(review)
    todo.instance.onOpen({ currentTarget: { dataset: { kind: 'appealMediaReview' } } })
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith(review)

    // The admin handles community-level appeals only, so their plain inbox does not hold it.
    const inbox = await show('branch/appeal-inbox', ADMIN)
    expect(inbox.querySelector(`#appeal-${id}`)).toBeUndefined()

    const list = await show('branch/appeal-inbox', ADMIN, { review: '1' })
    const card = `#appeal-${id}`
    expect(textOf(list, '.section-title')).toBe('图片待人工审核的诉求')
    expect(list.querySelector('.overdue-notice')).toBeUndefined()
    expect(await shown(list, `#appeal-photos-${id}`)).toEqual([filePath(APPEAL_PHOTO)])
    expect(list.querySelector(`${card} .appeal-actions`)).toBeUndefined()

    wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    const modals = wxMock.showModal.mock.calls.length
    const calls = cloudMock.callFunction.mock.calls.length
    await handled(list, 'onReviewMedia', () => tap(list, `${card} .reject-media`))
    expect(wxMock.showModal.mock.calls.length).toBe(modals + 1)
    expect(wxMock.showModal.mock.lastCall?.[0].title).toBe('判定图片不通过？')
    expect(cloudMock.callFunction.mock.calls.length).toBe(calls)
    expect((await stored('appeals', id)).media?.status).toBe('pending')

    tap(list, `${card} .reject-media`)
    await until(() => list.data.status === 'empty', 'the list to reload without it')
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已判定不通过', icon: 'success' })
    expect(textOf(list, '.state-message')).toBe('没有等待审核图片的诉求')
    expect((await stored('appeals', id)).media?.status).toBe('risky')
  })
})
