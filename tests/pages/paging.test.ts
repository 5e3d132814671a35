// The shared cursor paging (miniprogram/behaviors/paging.ts) as the 留言板 and the 微心愿墙 use it.
import { dataOf } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'
import { until, wxMock, usePages, type PageComponent } from './harness'

const { cloud, show } = usePages(['board', 'wish-wall'])

beforeAll(async () => {
  // Eleven 留言 in demo-secretary-4's branch: one more than a page.
  for (let i = 0; i < 11; i++)
    dataOf(
      await cloud.as('demo-secretary-4').interact.postMessage({
        draftId: `paging-board-${i}`,
        text: `第 ${i} 条留言`,
      }),
    )
})

const board = () => show('board', 'demo-secretary-4')
const messageIds = (page: PageComponent<'board'>) => page.data.items.map((m) => m.id)

test('reaching the bottom appends the next page once, and the last page ends the cursor', async () => {
  const page = await board()
  expect(page.data.items).toHaveLength(10)
  expect(page.data.nextCursor).toEqual(expect.any(String))

  page.instance.onReachBottom()
  page.instance.onReachBottom() // a second scroll while loading asks for nothing more
  await until(() => !page.data.loadingMore && page.data.items.length > 10, 'the second page')

  expect(page.data.items).toHaveLength(11)
  expect(new Set(messageIds(page)).size).toBe(11)
  expect(page.data.nextCursor).toBeNull()
})

test('pulling down reloads the first page and stops the refresh indicator', async () => {
  const page = await board()
  page.instance.onReachBottom()
  await until(() => page.data.items.length === 11, 'the second page')
  const stops = (wx.stopPullDownRefresh as jest.Mock).mock.calls.length

  await page.instance.onPullDownRefresh()

  expect(page.data.items).toHaveLength(10)
  expect((wx.stopPullDownRefresh as jest.Mock).mock.calls.length).toBe(stops + 1)
})

test('a next page that fails keeps the list and says why in a toast', async () => {
  const page = await board()
  const shown = messageIds(page)
  page.setData({ nextCursor: 'not-a-cursor' })

  await page.instance.loadMore()

  expect(messageIds(page)).toEqual(shown)
  expect(page.data.loadingMore).toBe(false)
  expect(wxMock.showToast).toHaveBeenLastCalledWith({
    title: '分页参数有误，请刷新后重试',
    icon: 'none',
  })
})

test('the wish wall pages under its own key with its own cursor', async () => {
  const { published } = wishes(cloud)
  for (let i = 0; i < 21; i++) await published(RESIDENT, ADMIN_XINHUA, { title: `分页心愿${i}` })
  const page = await show('wish-wall', 'demo-resident-1')
  expect(page.data.cards).toHaveLength(20)

  page.instance.onReachBottom()
  await until(() => page.data.cards.length === 21, 'the next cards')
  expect(page.data.nextCursor).toBeNull()
})
