// Deleted content does not count: deleting a comment, a 留言 or a post in its month takes its ledger units
// back (a reversal entry, once however often it is deleted) from the tally they went to, member and branch.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { reverseParticipation } from '../../cloudfunctions/_shared/ledger'
import type { BranchMonthDoc } from '../../cloudfunctions/_shared/month-counters'
import { branchMonthId, ledgerEntryId } from '../../cloudfunctions/_shared/participation'
import { dataOf, memberCounter, useTestCloud } from '../support/cloud'
import { balances, useCloud } from './ledger-fixtures'

const cloud = useTestCloud()
beforeAll(async () => {
  await cloud.trigger('stats', 'openMonth', OPENED)
  newsId = dataOf(
    await as('demo-secretary-1').interact.postNews({
      draftId: draft(),
      title: '支部动态',
      body: '正文',
      visibility: 'branch',
    }),
  ).news.id
})

const MONTH = '2027-03'
const OPENED = '2027-03-01T02:00:00+08:00'
const NOW = '2027-03-15T10:00:00+08:00'
let newsId: string
let drafts = 0
const draft = () => `draft-${String(++drafts).padStart(4, '0')}`

const as = (openid: string, now = NOW) => cloud.as(openid, { now })
const comment = async (openid: string, replyTo?: string) =>
  dataOf(
    await as(openid).interact.comment({
      newsId,
      draftId: draft(),
      text: '学习了',
      ...(replyTo ? { replyTo } : {}),
    }),
  )
const deleteComment = (openid: string, commentId: string, now = NOW) =>
  as(openid, now).interact.deleteComment({ commentId })
const counter = (openid: string) => memberCounter(cloud, openid, MONTH)
const branchCounter = async () =>
  (await cloud.doc<BranchMonthDoc>('branch_months', branchMonthId(MONTH, 'branch-1')))!
const reversalsOf = (openid: string, ref: string) =>
  cloud.docs<{ units: number }>('participation_ledger', {
    reverses: ledgerEntryId(memberIdOf(openid), 'comment', ref),
  })
const expectBalanced = async () => {
  const { counters, ledger } = await balances(cloud, MONTH)
  expect(counters).toEqual(ledger)
}

describe('deleting content takes its points back', () => {
  test('a comment deleted the same month: the member’s and the branch’s counts are back where they were', async () => {
    const [memberBefore, branchBefore] = await Promise.all([
      counter('demo-member-10'),
      branchCounter(),
    ])
    const posted = await comment('demo-member-10')
    expect(posted.counted).toBe(true)
    expect((await counter('demo-member-10'))?.score).toBe(memberBefore!.score + 1)

    expect(await deleteComment('demo-member-10', posted.comment.id)).toMatchObject({ ok: true })
    expect(await counter('demo-member-10')).toMatchObject({
      score: memberBefore!.score,
      counts: { comment: 0 },
      days: { '15': { comment: 0 } },
    })
    expect(await branchCounter()).toEqual({
      ...branchBefore,
      counts: { ...branchBefore.counts, comment: branchBefore.counts.comment ?? 0 },
    })
    expect(await reversalsOf('demo-member-10', posted.comment.id)).toMatchObject([{ units: -1 }])
    await expectBalanced()
  })

  test('deleting again, or twice at once, reverses once', async () => {
    const first = await comment('demo-member-11')
    const second = await comment('demo-member-11')
    expect(await deleteComment('demo-member-11', first.comment.id)).toMatchObject({ ok: true })
    expect(await deleteComment('demo-member-11', first.comment.id)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    const both = await Promise.all([
      deleteComment('demo-member-11', second.comment.id),
      deleteComment('demo-member-11', second.comment.id),
    ])
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    // The ledger's own guard, without the comment's: two reversals of one entry at once.
    useCloud(cloud, NOW)
    const again = await Promise.all(
      [first, first].map((c) =>
        reverseParticipation(memberIdOf('demo-member-11'), 'comment', c.comment.id),
      ),
    )
    expect(again).toEqual([null, null])
    expect(await reversalsOf('demo-member-11', first.comment.id)).toHaveLength(1)
    expect(await reversalsOf('demo-member-11', second.comment.id)).toHaveLength(1)
    expect(await counter('demo-member-11')).toMatchObject({ score: 0, counts: { comment: 0 } })
    await expectBalanced()
  })

  test('a refused comment deleted leaves the counts as they were; a counted one frees room', async () => {
    const posted = []
    for (let i = 0; i < 6; i++) posted.push(await comment('demo-member-12'))
    expect(posted.map((p) => p.counted)).toEqual([true, true, true, true, true, false])
    expect(await deleteComment('demo-member-12', posted[5].comment.id)).toMatchObject({ ok: true })
    expect(await counter('demo-member-12')).toMatchObject({
      score: 5,
      counts: { comment: 5 },
      refused: { comment: 0 },
    })
    expect(await deleteComment('demo-member-12', posted[0].comment.id)).toMatchObject({ ok: true })
    expect(await counter('demo-member-12')).toMatchObject({ score: 4, counts: { comment: 4 } })
    expect((await comment('demo-member-12')).counted).toBe(true)
    await expectBalanced()
  })

  test('a thread deleted with its replies takes back every reply’s point', async () => {
    const top = await comment('demo-member-13')
    await comment('demo-member-14', top.comment.id)
    await comment('demo-member-13', top.comment.id)
    expect(await deleteComment('demo-member-13', top.comment.id)).toMatchObject({
      ok: true,
      data: { removed: 3 },
    })
    expect(await counter('demo-member-13')).toMatchObject({ score: 0, counts: { comment: 0 } })
    expect(await counter('demo-member-14')).toMatchObject({ score: 0, counts: { comment: 0 } })
    await expectBalanced()
  })

  test('a post and a 留言 deleted (by the secretary) take their author’s points back', async () => {
    const news = dataOf(
      await as('demo-member-2').interact.postNews({
        draftId: draft(),
        title: '志愿服务',
        body: '正文',
        visibility: 'branch',
      }),
    ).news
    const message = dataOf(
      await as('demo-member-2').interact.postMessage({
        draftId: draft(),
        text: '一条留言',
      }),
    ).message
    expect(await counter('demo-member-2')).toMatchObject({
      score: 4,
      counts: { newsPosted: 1, comment: 1 },
    })
    expect(await as('demo-secretary-1').interact.deleteNews({ newsId: news.id })).toMatchObject({
      ok: true,
    })
    expect(
      await as('demo-secretary-1').interact.deleteMessage({ messageId: message.id }),
    ).toMatchObject({ ok: true })
    expect(await counter('demo-member-2')).toMatchObject({
      score: 0,
      counts: { newsPosted: 0, comment: 0 },
    })
    await expectBalanced()
  })

  test('a comment deleted after its month ended keeps its point: that month may be settled', async () => {
    const posted = await comment('demo-member-15')
    expect(
      await deleteComment('demo-member-15', posted.comment.id, '2027-04-02T10:00:00+08:00'),
    ).toMatchObject({ ok: true })
    expect(await counter('demo-member-15')).toMatchObject({ score: 1, counts: { comment: 1 } })
    expect(await reversalsOf('demo-member-15', posted.comment.id)).toHaveLength(0)
  })
})
