// Each page opened to write something sends under a draft id of its own: a retried send is stored once, and
// what the next page writes is stored too, not taken for a retry of the last one.
import { dataOf } from '../support/cloud'
import { tap, until, wxMock, usePages } from './harness'

const { cloud, open, show } = usePages(['appeal/new', 'news-detail'])

test('提交诉求 opened twice stores both 诉求', async () => {
  const texts = ['楼道的灯坏了很久', '小区门口的路面积水']
  for (const text of texts) {
    const redirects = wxMock.redirectTo.mock.calls.length
    const page = open('appeal/new', 'demo-member-41')
    tap(page, '#category-6')
    page.instance.onText({ detail: { value: text } })
    tap(page, '.submit-appeal')
    await until(() => wxMock.redirectTo.mock.calls.length > redirects, 'the redirect to 我的诉求')
  }

  const { items } = dataOf(await cloud.as('demo-member-41').interact.myAppeals())
  expect(items.map((a) => a.text).sort()).toEqual([...texts].sort())
})

test('a comment on a second 动态 is stored under that 动态', async () => {
  const post = (title: string, draftId: string) =>
    cloud
      .as('demo-secretary-1')
      .interact.postNews({
        draftId,
        title,
        body: `${title}的正文`,
        visibility: 'branch',
      })
      .then(dataOf)
      .then((r) => r.news.id)
  const newsIds = [await post('第一条动态', 'drafts-1'), await post('第二条动态', 'drafts-2')]

  for (const [i, newsId] of newsIds.entries()) {
    const page = await show('news-detail', 'demo-member-1', { id: newsId })
    page.instance.onInput({ detail: { value: `第 ${i + 1} 条评论` } })
    tap(page, '.send-comment')
    await until(() => page.data.comments.length === 1, 'the comment to show')
  }

  for (const [i, newsId] of newsIds.entries()) {
    const { items } = dataOf(await cloud.as('demo-member-1').interact.listComments({ newsId }))
    expect(items.map((c) => c.text)).toEqual([`第 ${i + 1} 条评论`])
  }
})
