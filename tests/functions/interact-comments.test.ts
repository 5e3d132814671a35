// Comments and replies on branch news: threads, counts, the ledger, notices to the person answered, deletion
// with replies, content security and the hourly rate limit.
import type { CommentView, InteractOutputs } from '../../typings/interact'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'
import { draft, news } from '../support/fixtures'
import { record } from './ledger-fixtures'
import { PARTICIPATION_RULES } from '../../typings/participation'

// demo-secretary-1 / demo-member-1..30 are branch-1 (新华路); demo-member-2 is its 信息员;
// demo-member-31 is branch-2 (新华路); demo-member-64 is branch-5 (江苏路); demo-member-111 is branch-8.
const cloud = useTestCloud()
const { posted, stored: newsDoc } = news(cloud)

describe('comments', () => {
  let newsId: string
  beforeAll(async () => {
    newsId = (await posted('demo-secretary-1', { title: '欢迎评论', visibility: 'community' })).id
  })
  const say = (openid: string, text: string, replyTo?: string, now?: string) =>
    cloud.as(openid, { now }).interact.comment({ draftId: draft(), newsId, text, replyTo })
  const thread = async (openid = 'demo-member-1') =>
    dataOf(
      await cloud.as(openid).interact.listComments({
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
    const ledger = await cloud.docs('participation_ledger', {
      rule: 'comment',
      ref: reply.comment.id,
      memberId: memberIdOf('demo-member-31'),
    })
    expect(ledger).toHaveLength(1)
    expect(reply.counted).toBe(true)
    const sent = await cloud.outbox()
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
    expect(await cloud.docs('comments', { text: '有人代开发票吗' })).toEqual([])
    expect((await newsDoc(newsId)).commentCount).toBe(before)
    expect(
      await cloud.docs('participation_ledger', { memberId: memberIdOf('demo-member-6') }),
    ).toEqual([])
  })

  test('only the author or the branch secretary may delete a comment; deleting a thread removes its replies', async () => {
    const root = dataOf(await say('demo-member-7', '待删除的评论')).comment
    await say('demo-member-8', '回复一下', root.id)
    const before = (await newsDoc(newsId)).commentCount

    for (const openid of ['demo-member-8', 'demo-secretary-2']) {
      expect(await cloud.as(openid).interact.deleteComment({ commentId: root.id })).toMatchObject({
        ok: false,
        code: 'PERMISSION_DENIED',
      })
    }
    const removed = await cloud.as('demo-secretary-1').interact.deleteComment({
      commentId: root.id,
    })
    expect(removed).toMatchObject({ ok: true, data: { removed: 2 } })
    expect((await newsDoc(newsId)).commentCount).toBe(before - 2)
    expect((await thread()).map((c) => c.id)).not.toContain(root.id)
    const stored = await cloud.docs<{ deleted: boolean }>('comments', { parentId: root.id })
    expect(stored.map((c) => c.deleted)).toEqual([true])
  })

  test('a comment over 评论留言’s daily or monthly cap is posted, not counted, and says which cap', async () => {
    const { dailyCap, monthlyCap } = PARTICIPATION_RULES.comment
    const day = '2026-03-10T10:00:00+08:00'
    const today: InteractOutputs['comment'][] = []
    for (let i = 0; i <= dailyCap; i++)
      today.push(dataOf(await say('demo-member-12', `第${i}条`, undefined, day)))
    expect(today.map((r) => [r.counted, r.capped])).toEqual([
      ...Array.from({ length: dailyCap }, () => [true, null]),
      [false, 'daily'],
    ])
    expect((await thread()).some((c) => c.id === today[dailyCap].comment.id)).toBe(true)

    // The month's cap filled on earlier days (a full day each), then a first comment of a new day.
    const days = monthlyCap / dailyCap
    for (let d = 1; d <= days; d++)
      await record(
        cloud,
        `2026-04-${String(d).padStart(2, '0')}T09:00:00+08:00`,
        Array.from({ length: dailyCap }, (_, i) => ({
          openid: 'demo-member-13',
          rule: 'comment' as const,
          ref: `filled-${d}-${i}`,
        })),
      )
    const over = dataOf(
      await say('demo-member-13', '月底再说一句', undefined, '2026-04-28T10:00:00+08:00'),
    )
    expect(over).toMatchObject({ counted: false, capped: 'monthly' })
  })

  test('the 31st comment within an hour answers RATE_LIMITED and stores nothing', async () => {
    const hour = '2026-04-01T09:15:00+08:00'
    for (let i = 0; i < 30; i++)
      expect(await say('demo-member-9', `第${i}条评论`, undefined, hour)).toMatchObject({
        ok: true,
      })
    const over = await say('demo-member-9', '第三十一条评论', undefined, hour)
    expect(over).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect(await cloud.docs('comments', { text: '第三十一条评论' })).toEqual([])
    const [counter] = await cloud.docs<{ count: number }>('rate_counters', {
      _id: `comment_${memberIdOf('demo-member-9')}_2026040109`,
    })
    expect(counter.count).toBe(30)
    expect(
      await say('demo-member-9', '下一个小时可以继续', undefined, '2026-04-01T10:00:00+08:00'),
    ).toMatchObject({ ok: true })
  })
})
