import type { CommentView, InteractOutputs, NewsCard } from '../../typings/interact'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { type NewsDoc, newsAudience } from '../../cloudfunctions/_shared/news'
import { type TestCloud, dataOf, startTestCloud } from '../support/cloud'

// demo-secretary-1 / demo-member-1..30 are branch-1 (新华路); demo-member-2 is its 信息员;
// demo-member-31 is branch-2 (新华路); demo-member-64 is branch-5 (江苏路); demo-member-111 is branch-8.
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(() => cloud?.close())

let drafts = 0
const draft = () => `draft-${process.pid}-${++drafts}`

const post = (openid: string, fields: Record<string, unknown>, now?: string) =>
  cloud.callAs<InteractOutputs['postNews']>(
    openid,
    'interact',
    'postNews',
    { draftId: draft(), title: '支部动态标题', body: '正文内容', visibility: 'branch', ...fields },
    { now },
  )
const postOk = async (openid: string, fields: Record<string, unknown>, now?: string) =>
  dataOf(await post(openid, fields, now)).news

const feed = async (openid: string, cursor?: string) =>
  dataOf(
    await cloud.callAs<InteractOutputs['listNews']>(openid, 'interact', 'listNews', { cursor }),
  )
const feedIds = async (openid: string) => (await feed(openid)).items.map((n: NewsCard) => n.id)
const newsDoc = async (id: string) =>
  (await rows<NewsDoc>(cloud.db.collection('news').where({ _id: id })))[0]
const outbox = async () =>
  (await (await fetch(`${cloud.url}/__outbox`)).json()) as { touser: string; page: string }[]

describe('visibility', () => {
  let branchOnly: string
  let community: string
  let everyone: string
  beforeAll(async () => {
    branchOnly = (await postOk('demo-secretary-1', { title: '支部内部通知', visibility: 'branch' }))
      .id
    community = (
      await postOk('demo-secretary-1', { title: '社区共建活动', visibility: 'community' })
    ).id
    everyone = (await postOk('demo-secretary-1', { title: '全区公开报道', visibility: 'public' }))
      .id
  })

  test('branch-only news is in its own branch’s feed and nobody else’s', async () => {
    expect(await feedIds('demo-member-1')).toEqual(
      expect.arrayContaining([branchOnly, community, everyone]),
    )
    const sameCommunity = await feedIds('demo-member-31')
    expect(sameCommunity).toEqual(expect.arrayContaining([community, everyone]))
    expect(sameCommunity).not.toContain(branchOnly)
    const otherCommunity = await feedIds('demo-member-64')
    expect(otherCommunity).toContain(everyone)
    expect(otherCommunity).not.toContain(community)
    expect(await feedIds('demo-resident-2')).toEqual([everyone])
  })

  test('another branch asking for branch-only news by id gets NOT_FOUND, exactly as for a missing id', async () => {
    const hidden = await cloud.callAs('demo-member-31', 'interact', 'newsDetail', {
      newsId: branchOnly,
    })
    const missing = await cloud.callAs('demo-member-31', 'interact', 'newsDetail', {
      newsId: 'n-no-such-news',
    })
    expect(hidden).toEqual(missing)
    expect(hidden).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '该动态不存在' })
    const comments = await cloud.callAs('demo-member-31', 'interact', 'listComments', {
      newsId: branchOnly,
    })
    expect(comments).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await newsDoc(branchOnly)).readCount).toBe(0)
  })

  test('community news is NOT_FOUND for another community, and public news is readable by a resident', async () => {
    expect(
      await cloud.callAs('demo-member-64', 'interact', 'newsDetail', { newsId: community }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const detail = dataOf(
      await cloud.callAs<InteractOutputs['newsDetail']>(
        'demo-resident-2',
        'interact',
        'newsDetail',
        {
          newsId: everyone,
        },
      ),
    ).news
    expect(detail).toMatchObject({ title: '全区公开报道', branchName: '云启科技有限公司党支部' })
    expect(detail).toMatchObject({ canComment: false, canEdit: false })
  })

  test('widening a post to the community makes it visible to the branch next door', async () => {
    const id = (await postOk('demo-member-2', { title: '信息员先发本支部' })).id
    expect(await feedIds('demo-member-31')).not.toContain(id)
    const edited = await cloud.callAs('demo-member-2', 'interact', 'editNews', {
      newsId: id,
      title: '信息员改为社区可见',
      body: '正文内容',
      visibility: 'community',
    })
    expect(edited).toMatchObject({ ok: true, data: { news: { visibility: 'community' } } })
    expect(await feedIds('demo-member-31')).toContain(id)
    expect((await newsDoc(id)).audience).toEqual(['branch:branch-1', 'community:community-xinhua'])
  })

  test('a monthly bulletin inserted by settlement shows in the feed like a post', async () => {
    const at = new Date('2026-02-01T01:00:00+08:00')
    const bulletin: NewsDoc = {
      _id: 'bulletin-2026-01-branch-1',
      branchId: 'branch-1',
      communityId: 'community-xinhua',
      authorId: 'system',
      authorName: '系统',
      title: '2026年1月参与情况公示',
      body: '本月报到达标 20 人',
      images: [],
      visibility: 'branch',
      kind: 'bulletin',
      createdAt: at,
      updatedAt: at,
      commentCount: 0,
      readCount: 0,
      deleted: false,
    }
    // What _shared/news.ts insertNews stores (it runs inside a function; the test writes the same shape).
    await cloud.db
      .collection('news')
      .add({ data: { ...bulletin, audience: newsAudience(bulletin) } })
    const card = (await feed('demo-member-1')).items.find((n) => n.id === bulletin._id)
    expect(card).toMatchObject({ kind: 'bulletin', title: '2026年1月参与情况公示' })
    expect(await feedIds('demo-member-31')).not.toContain(bulletin._id)
  })
})

describe('posting, editing and deleting news', () => {
  test('only the branch secretary or 信息员 may post', async () => {
    const reply = await post('demo-member-1', { title: '普通党员试图发布' })
    expect(reply).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await rows(cloud.db.collection('news').where({ title: '普通党员试图发布' }))).toEqual([])
  })

  test('a post stores the author’s branch, counts in the ledger once, and a retried draft posts once', async () => {
    const draftId = draft()
    const payload = { draftId, title: '重复提交的动态', body: '正文', visibility: 'branch' }
    const first = dataOf(
      await cloud.callAs<InteractOutputs['postNews']>(
        'demo-secretary-1',
        'interact',
        'postNews',
        payload,
      ),
    )
    const again = dataOf(
      await cloud.callAs<InteractOutputs['postNews']>(
        'demo-secretary-1',
        'interact',
        'postNews',
        payload,
      ),
    )
    expect(again.news.id).toBe(first.news.id)
    const stored = await rows<NewsDoc>(
      cloud.db.collection('news').where({ title: '重复提交的动态' }),
    )
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({
      branchId: 'branch-1',
      authorId: memberIdOf('demo-secretary-1'),
    })
    const ledger = await rows(
      cloud.db.collection('participation_ledger').where({ rule: 'newsPosted', ref: first.news.id }),
    )
    expect(ledger).toHaveLength(1)
  })

  test('text that fails msgSecCheck answers CONTENT_REJECTED and stores nothing', async () => {
    const reply = await post('demo-secretary-1', { title: '违规标题', body: '欢迎来赌博' })
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await rows(cloud.db.collection('news').where({ title: '违规标题' }))).toEqual([])
  })

  test('images go to the asynchronous media check as temporary URLs and the post waits as pending', async () => {
    const images = ['cloud://env/news/a.jpg', 'cloud://env/news/b.jpg']
    const news = await postOk('demo-secretary-1', { title: '带图片的动态', images })
    expect(news).toMatchObject({ mediaStatus: 'pending', cover: images[0], images })
    const checks = (await (await fetch(`${cloud.url}/__security/media-checks`)).json()) as {
      media_url: string
    }[]
    expect(checks.map((c) => c.media_url)).toEqual(
      expect.arrayContaining(images.map((id) => `${cloud.url}/__files/${encodeURIComponent(id)}`)),
    )
    expect((await newsDoc(news.id)).media?.traceIds).toHaveLength(2)
  })

  test('an ordinary member may not delete the secretary’s post; the 信息员 may delete their own', async () => {
    const secretarys = (await postOk('demo-secretary-1', { title: '书记的动态' })).id
    const denied = await cloud.callAs('demo-member-1', 'interact', 'deleteNews', {
      newsId: secretarys,
    })
    expect(denied).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect((await newsDoc(secretarys)).deleted).toBe(false)

    const own = (await postOk('demo-member-2', { title: '信息员自己的动态' })).id
    expect(
      await cloud.callAs('demo-member-2', 'interact', 'deleteNews', { newsId: own }),
    ).toMatchObject({ ok: true })
    expect((await newsDoc(own)).deleted).toBe(true)
    expect(await feedIds('demo-member-1')).not.toContain(own)
  })

  test('the secretary may delete the 信息员’s post, but another branch’s secretary finds nothing to delete', async () => {
    const id = (
      await postOk('demo-member-2', { title: '信息员的社区动态', visibility: 'community' })
    ).id
    expect(
      await cloud.callAs('demo-secretary-2', 'interact', 'deleteNews', { newsId: id }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(
      await cloud.callAs('demo-secretary-1', 'interact', 'deleteNews', { newsId: id }),
    ).toMatchObject({ ok: true })
    expect((await newsDoc(id)).deleted).toBe(true)
  })

  test('reading a post counts one read per reader', async () => {
    const id = (await postOk('demo-secretary-1', { title: '阅读计数' })).id
    const read = (openid: string) =>
      cloud.callAs<InteractOutputs['newsDetail']>(openid, 'interact', 'newsDetail', { newsId: id })
    expect(dataOf(await read('demo-member-3')).news.readCount).toBe(1)
    expect(dataOf(await read('demo-member-3')).news.readCount).toBe(1)
    expect(dataOf(await read('demo-member-4')).news.readCount).toBe(2)
    expect((await newsDoc(id)).readCount).toBe(2)
  })
})

describe('pagination', () => {
  test('paging stays exact while new posts arrive between pages, even for posts made in the same instant', async () => {
    // Branch 8 is used by nothing else here; posts share timestamps so only the _id breaks ties.
    const ten = '2026-03-02T10:00:00+08:00'
    const eleven = '2026-03-02T11:00:00+08:00'
    const older: string[] = []
    for (let i = 0; i < 6; i++)
      older.push((await postOk('demo-secretary-8', { title: `十点动态${i}` }, ten)).id)
    for (let i = 0; i < 6; i++)
      older.push((await postOk('demo-secretary-8', { title: `十一点动态${i}` }, eleven)).id)

    const first = await feed('demo-member-111')
    expect(first.items).toHaveLength(10)
    expect(first.nextCursor).not.toBeNull()
    for (let i = 0; i < 3; i++)
      await postOk('demo-secretary-8', { title: `翻页时新发${i}` }, '2026-03-02T12:00:00+08:00')
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
      await cloud.callAs('demo-member-1', 'interact', 'listNews', { cursor: 'not-a-cursor' }),
    ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
  })
})

describe('comments', () => {
  let newsId: string
  beforeAll(async () => {
    newsId = (await postOk('demo-secretary-1', { title: '欢迎评论', visibility: 'community' })).id
  })
  const say = (openid: string, text: string, replyTo?: string, now?: string) =>
    cloud.callAs<InteractOutputs['comment']>(
      openid,
      'interact',
      'comment',
      { draftId: draft(), newsId, text, replyTo },
      { now },
    )
  const thread = async (openid = 'demo-member-1') =>
    dataOf(
      await cloud.callAs<InteractOutputs['listComments']>(openid, 'interact', 'listComments', {
        newsId,
      }),
    ).items

  test('a reply joins its thread, counts on the news item and in the ledger, and notifies the person answered', async () => {
    const root = dataOf(await say('demo-member-5', '很受启发')).comment
    const reply = dataOf(await say('demo-member-31', '同感', root.id))
    const replyToReply = dataOf(await say('demo-member-5', '谢谢', reply.comment.id)).comment
    expect(reply.counted).toBe(true)

    const root1 = (await thread()).find((c: CommentView) => c.id === root.id)!
    expect(root1.replies.map((r) => [r.text, r.replyToName])).toEqual([
      ['同感', root.authorName],
      ['谢谢', reply.comment.authorName],
    ])
    expect(replyToReply.replyToName).toBe(reply.comment.authorName)
    expect((await newsDoc(newsId)).commentCount).toBe(3)
    const ledger = await rows(
      cloud.db
        .collection('participation_ledger')
        .where({ rule: 'comment', ref: reply.comment.id, memberId: memberIdOf('demo-member-31') }),
    )
    expect(ledger).toHaveLength(1)
    expect(reply.counted).toBe(true)
    const sent = await outbox()
    expect(sent.filter((m) => m.touser === 'demo-member-5')).toHaveLength(1)
    expect(sent.filter((m) => m.touser === 'demo-member-31')).toHaveLength(1)
    expect(sent.find((m) => m.touser === 'demo-member-5')?.page).toBe(
      `pages/news-detail/index?id=${newsId}`,
    )
  })

  test('a comment that fails msgSecCheck stores nothing and leaves the count and ledger alone', async () => {
    const before = (await newsDoc(newsId)).commentCount
    expect(await say('demo-member-6', '有人代开发票吗')).toMatchObject({
      ok: false,
      code: 'CONTENT_REJECTED',
    })
    expect(await rows(cloud.db.collection('comments').where({ text: '有人代开发票吗' }))).toEqual(
      [],
    )
    expect((await newsDoc(newsId)).commentCount).toBe(before)
    expect(
      await rows(
        cloud.db
          .collection('participation_ledger')
          .where({ memberId: memberIdOf('demo-member-6') }),
      ),
    ).toEqual([])
  })

  test('only the author or the branch secretary may delete a comment; deleting a thread removes its replies', async () => {
    const root = dataOf(await say('demo-member-7', '待删除的评论')).comment
    await say('demo-member-8', '回复一下', root.id)
    const before = (await newsDoc(newsId)).commentCount

    for (const openid of ['demo-member-8', 'demo-secretary-2']) {
      expect(
        await cloud.callAs(openid, 'interact', 'deleteComment', { commentId: root.id }),
      ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    }
    const removed = await cloud.callAs('demo-secretary-1', 'interact', 'deleteComment', {
      commentId: root.id,
    })
    expect(removed).toMatchObject({ ok: true, data: { removed: 2 } })
    expect((await newsDoc(newsId)).commentCount).toBe(before - 2)
    expect((await thread()).map((c) => c.id)).not.toContain(root.id)
    const stored = await rows<{ deleted: boolean }>(
      cloud.db.collection('comments').where({ parentId: root.id }),
    )
    expect(stored.map((c) => c.deleted)).toEqual([true])
  })

  test('the 31st comment within an hour answers RATE_LIMITED and stores nothing', async () => {
    const hour = '2026-04-01T09:15:00+08:00'
    for (let i = 0; i < 30; i++)
      expect(await say('demo-member-9', `第${i}条评论`, undefined, hour)).toMatchObject({
        ok: true,
      })
    const over = await say('demo-member-9', '第三十一条评论', undefined, hour)
    expect(over).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect(await rows(cloud.db.collection('comments').where({ text: '第三十一条评论' }))).toEqual(
      [],
    )
    const [counter] = await rows<{ count: number }>(
      cloud.db
        .collection('rate_counters')
        .where({ _id: `comment_${memberIdOf('demo-member-9')}_2026040109` }),
    )
    expect(counter.count).toBe(30)
    expect(
      await say('demo-member-9', '下一个小时可以继续', undefined, '2026-04-01T10:00:00+08:00'),
    ).toMatchObject({ ok: true })
  })
})
