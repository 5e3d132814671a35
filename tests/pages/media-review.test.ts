import simulate from 'miniprogram-simulate'
import { rows } from '../../cloudfunctions/_shared/db'
import type { NewsDoc } from '../../cloudfunctions/_shared/news'
import { ask, tap, textOf, until, usePages, wxMock } from './harness'

// demo-member-2 (信息员 of branch-1) posts a photo whose URL carries the emulator's `needs-review` marker, so
// WeChat answers 'review'; demo-secretary-1 finds it in 待办 and decides on the news detail page, demo-member-1
// reads it.
const { cloud, show } = usePages(['news-detail', 'todo'])

const PHOTO = 'cloud://local.env/news/needs-review-page.jpg'
let drafts = 0

const stored = async (id: string) =>
  (await rows<NewsDoc>(cloud().db.collection('news').where({ _id: id })))[0]

/** A branch-only post whose photo waits for a person, once WeChat's 'review' has arrived. */
async function waitingNews(title: string): Promise<string> {
  const { news } = await ask(cloud(), 'demo-member-2', 'interact', 'postNews', {
    draftId: `review-page-${process.pid}-${++drafts}`,
    title,
    body: `${title}的正文`,
    visibility: 'branch',
    images: [PHOTO],
  })
  for (let i = 0; i < 300 && !(await stored(news.id)).media?.needsReview; i++)
    await simulate.sleep(20)
  expect((await stored(news.id)).media).toMatchObject({ status: 'pending', needsReview: true })
  return news.id
}

test('a reader sees neither the photo nor the buttons; the secretary passes it and readers then see it', async () => {
  const id = await waitingNews('待审核图片的动态')
  const reader = await show('news-detail', 'demo-member-1', { id })
  expect(reader.querySelectorAll('.news-image')).toHaveLength(0)
  expect(reader.querySelector('.pass-media')).toBeUndefined()

  const page = await show('news-detail', 'demo-secretary-1', { id })
  expect(textOf(page, '.media-review')).toContain('请您审核')
  expect(page.querySelector('.media-pending')).toBeUndefined()
  expect(page.querySelectorAll('.news-image')).toHaveLength(1)
  expect(textOf(page, '.pass-media')).toBe('通过')
  expect(textOf(page, '.reject-media')).toBe('不通过')

  const modals = wxMock.showModal.mock.calls.length
  tap(page, '.pass-media')
  await until(() => page.data.news?.mediaStatus === 'pass', 'the page to reload after passing')
  expect(wxMock.showModal.mock.calls.length).toBe(modals)
  expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已通过', icon: 'success' })
  expect(page.querySelector('.pass-media')).toBeUndefined()
  expect(page.querySelector('.media-review')).toBeUndefined()
  expect((await stored(id)).media?.status).toBe('pass')

  const after = await show('news-detail', 'demo-member-1', { id })
  expect(after.querySelectorAll('.news-image')).toHaveLength(1)
})

test('不通过 asks first: cancelling changes nothing, confirming hides the photo for good', async () => {
  const id = await waitingNews('判定不通过的动态')
  const page = await show('news-detail', 'demo-secretary-1', { id })

  wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  const modals = wxMock.showModal.mock.calls.length
  tap(page, '.reject-media')
  await until(() => wxMock.showModal.mock.calls.length > modals, 'the confirm dialog')
  expect(wxMock.showModal.mock.lastCall?.[0].title).toBe('判定图片不通过？')
  await simulate.sleep(100)
  expect((await stored(id)).media?.status).toBe('pending')
  expect(page.data.news.awaitingReview).toBe(true)

  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false })
  tap(page, '.reject-media')
  await until(() => page.data.news?.mediaStatus === 'risky', 'the page to reload after rejecting')
  expect(page.querySelectorAll('.news-image')).toHaveLength(0)
  expect(page.querySelector('.reject-media')).toBeUndefined()
  expect((await stored(id)).media?.status).toBe('risky')
})

test('when someone else decided first, the page shows why and keeps the state it had', async () => {
  const id = await waitingNews('他人已审核的动态')
  const page = await show('news-detail', 'demo-secretary-1', { id })
  await ask(cloud(), 'demo-community-admin-1', 'interact', 'reviewMedia', {
    kind: 'news',
    id,
    decision: 'pass',
  })
  const modals = wxMock.showModal.mock.calls.length
  tap(page, '.pass-media')
  await until(() => wxMock.showModal.mock.calls.length > modals, 'the failure dialog')
  expect(wxMock.showModal.mock.lastCall?.[0].content).toBe('图片已通过审核，无需再审')
  expect(page.data.reviewing).toBe(false)
})

test('the 待办 lists the waiting post; its line opens the news detail and 查看全部 the 互动 tab', async () => {
  const id = await waitingNews('待办中的待审核图片')
  const page = await show('todo', 'demo-community-admin-1', { scope: 'community' })
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
