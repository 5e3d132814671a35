// Posting, editing and deleting branch news, and paging through the feed while posts arrive.
import type { ActionInput } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { NewsDoc } from '../../cloudfunctions/_shared/news'
import { dataOf, useTestCloud } from '../support/cloud'
import { draft, news, postNews } from '../support/fixtures'

// demo-secretary-1 / demo-member-1..30 are branch-1 (新华路); demo-member-2 is its 信息员;
// demo-member-31 is branch-2 (新华路); demo-member-64 is branch-5 (江苏路); demo-member-111 is branch-8.
const cloud = useTestCloud()
const { posted, feed, feedIds, stored } = news(cloud)

const post = (openid: string, fields: Partial<ActionInput<'interact', 'postNews'>>, now?: string) =>
  postNews(cloud, openid, fields, now)

describe('posting, editing and deleting news', () => {
  test('only the branch secretary or 信息员 may post', async () => {
    const reply = await post('demo-member-1', { title: '普通党员试图发布' })
    expect(reply).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await cloud.docs('news', { title: '普通党员试图发布' })).toEqual([])
  })

  test('a post stores the author’s branch, counts in the ledger once, and a retried draft posts once', async () => {
    const draftId = draft()
    const payload = {
      draftId,
      title: '重复提交的动态',
      body: '正文',
      visibility: 'branch' as const,
    }
    const first = dataOf(await cloud.as('demo-secretary-1').interact.postNews(payload))
    const again = dataOf(await cloud.as('demo-secretary-1').interact.postNews(payload))
    expect(again.news.id).toBe(first.news.id)
    const copies = await cloud.docs<NewsDoc>('news', { title: '重复提交的动态' })
    expect(copies).toHaveLength(1)
    expect(copies[0]).toMatchObject({
      branchId: 'branch-1',
      authorId: memberIdOf('demo-secretary-1'),
    })
    const ledger = await cloud.docs('participation_ledger', {
      rule: 'newsPosted',
      ref: first.news.id,
    })
    expect(ledger).toHaveLength(1)
  })

  test('text that fails msgSecCheck answers CONTENT_REJECTED and stores nothing', async () => {
    const reply = await post('demo-secretary-1', { title: '违规标题', body: '欢迎来赌博' })
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await cloud.docs('news', { title: '违规标题' })).toEqual([])
  })

  test('images go to the asynchronous media check as temporary URLs and the post waits as pending', async () => {
    const images = ['cloud://env/news/a.jpg', 'cloud://env/news/b.jpg']
    const news = await posted('demo-secretary-1', { title: '带图片的动态', images })
    expect(news).toMatchObject({ mediaStatus: 'pending', cover: images[0], images })
    const checks = await cloud.media.checks()
    expect(checks.map((c) => c.media_url)).toEqual(
      expect.arrayContaining(images.map((id) => `${cloud.url}/__files/${encodeURIComponent(id)}`)),
    )
    expect((await stored(news.id)).media?.traceIds).toHaveLength(2)
  })

  test('an ordinary member may not delete the secretary’s post; the 信息员 may delete their own', async () => {
    const secretarys = (await posted('demo-secretary-1', { title: '书记的动态' })).id
    const denied = await cloud.as('demo-member-1').interact.deleteNews({
      newsId: secretarys,
    })
    expect(denied).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect((await stored(secretarys)).deleted).toBe(false)

    const own = (await posted('demo-member-2', { title: '信息员自己的动态' })).id
    expect(await cloud.as('demo-member-2').interact.deleteNews({ newsId: own })).toMatchObject({
      ok: true,
    })
    expect((await stored(own)).deleted).toBe(true)
    expect(await feedIds('demo-member-1')).not.toContain(own)
  })

  test('the secretary may delete the 信息员’s post, but another branch’s secretary finds nothing to delete', async () => {
    const id = (
      await posted('demo-member-2', { title: '信息员的社区动态', visibility: 'community' })
    ).id
    expect(await cloud.as('demo-secretary-2').interact.deleteNews({ newsId: id })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(await cloud.as('demo-secretary-1').interact.deleteNews({ newsId: id })).toMatchObject({
      ok: true,
    })
    expect((await stored(id)).deleted).toBe(true)
  })

  test('reading a post counts one read per reader', async () => {
    const id = (await posted('demo-secretary-1', { title: '阅读计数' })).id
    const read = (openid: string) => cloud.as(openid).interact.newsDetail({ newsId: id })
    expect(dataOf(await read('demo-member-3')).news.readCount).toBe(1)
    expect(dataOf(await read('demo-member-3')).news.readCount).toBe(1)
    expect(dataOf(await read('demo-member-4')).news.readCount).toBe(2)
    expect((await stored(id)).readCount).toBe(2)
  })
})

describe('pagination', () => {
  test('paging stays exact while new posts arrive between pages, even for posts made in the same instant', async () => {
    // Branch 8 is used by nothing else here; posts share timestamps so only the _id breaks ties.
    const ten = '2026-03-02T10:00:00+08:00'
    const eleven = '2026-03-02T11:00:00+08:00'
    const older: string[] = []
    for (let i = 0; i < 6; i++)
      older.push((await posted('demo-secretary-8', { title: `十点动态${i}` }, ten)).id)
    for (let i = 0; i < 6; i++)
      older.push((await posted('demo-secretary-8', { title: `十一点动态${i}` }, eleven)).id)

    const first = await feed('demo-member-111')
    expect(first.items).toHaveLength(10)
    expect(first.nextCursor).not.toBeNull()
    for (let i = 0; i < 3; i++)
      await posted('demo-secretary-8', { title: `翻页时新发${i}` }, '2026-03-02T12:00:00+08:00')
    const second = await feed('demo-member-111', first.nextCursor!)

    // Public news from other tests may follow; only branch 8's own posts are compared.
    const pages = [...first.items, ...second.items]
    let cursor = second.nextCursor
    while (cursor) {
      const next = await feed('demo-member-111', cursor)
      pages.push(...next.items)
      cursor = next.nextCursor
    }
    const seen = pages.filter((n) => n.branchId === 'branch-8').map((n) => n.id)
    expect(new Set(pages.map((n) => n.id)).size).toBe(pages.length)
    expect([...seen].sort()).toEqual([...older].sort())
    const times = pages.map((n) => n.createdAt)
    expect(times).toEqual([...times].sort().reverse())
  })

  test('a cursor the server did not make answers INVALID_ARGUMENT', async () => {
    expect(
      await cloud.as('demo-member-1').interact.listNews({ cursor: 'not-a-cursor' }),
    ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
  })
})
