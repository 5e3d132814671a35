// What the privacy guide's 谁能看到 says, through the functions. Branch news: the branch's members see who
// posted and who commented; people outside the branch (residents, other branches' members) see the branch as
// the author and commenters by surname, on the feed, the detail, the comments and the reply notice. 税后月收入:
// the member, and while it awaits confirmation the branch's secretary, community admin and district admin.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import type { CommentView } from '../../typings/interact'
import { dataOf, useTestCloud } from '../support/cloud'
import { draft, news } from '../support/fixtures'

// demo-secretary-1 and demo-member-1..30 are branch-1; demo-member-31 is branch-2 (same community);
// demo-member-64 is branch-5 (another community); demo-resident-1 is a resident.
const cloud = useTestCloud()
const { posted } = news(cloud)
const OUTSIDERS = ['demo-resident-1', 'demo-member-64']

const nameOf = async (openid: string) =>
  (await cloud.doc<MemberDoc>('members', memberIdOf(openid)))!.name
const say = async (openid: string, newsId: string, text: string, replyTo?: string) =>
  dataOf(await cloud.as(openid).interact.comment({ draftId: draft(), newsId, text, replyTo }))
    .comment
const namesIn = (comments: CommentView[]): string[] =>
  comments.flatMap((c) => [c.authorName, c.replyToName ?? '', ...namesIn(c.replies)])

describe('a public post of branch-1 and its comments', () => {
  let newsId: string
  let author: string
  let insider: string
  let visitor: string
  beforeAll(async () => {
    newsId = (await posted('demo-secretary-1', { title: '全区公开的动态', visibility: 'public' }))
      .id
    const root = await say('demo-member-5', newsId, '很受启发')
    const reply = await say('demo-member-31', newsId, '同感', root.id)
    await say('demo-member-5', newsId, '谢谢', reply.id)
    ;[author, insider, visitor] = await Promise.all(
      ['demo-secretary-1', 'demo-member-5', 'demo-member-31'].map(nameOf),
    )
  })

  test('outsiders see the branch as the author and commenters by surname only', async () => {
    for (const openid of OUTSIDERS) {
      const feed = dataOf(await cloud.as(openid).interact.listNews({}))
      const card = feed.items.find((n) => n.id === newsId)!
      expect(card.authorName).toBe(card.branchName)
      expect(card.branchName).toMatch(/支部/)
      const detail = dataOf(await cloud.as(openid).interact.newsDetail({ newsId })).news
      expect(detail.authorName).toBe(detail.branchName)

      const comments = dataOf(await cloud.as(openid).interact.listComments({ newsId })).items
      expect(namesIn(comments).filter(Boolean)).toEqual([
        `${insider[0]}**`,
        `${visitor[0]}**`,
        `${insider[0]}**`,
        `${insider[0]}**`,
        `${visitor[0]}**`,
      ])
      const shown = JSON.stringify([card, detail, comments])
      for (const name of [author, insider, visitor]) expect(shown).not.toContain(name)
    }
  })

  test('a member of another branch sees their own name on their comment, the others masked', async () => {
    const [root] = dataOf(await cloud.as('demo-member-31').interact.listComments({ newsId })).items
    expect(root.authorName).toBe(`${insider[0]}**`)
    expect(root.replies.map((r) => r.authorName)).toEqual([visitor, `${insider[0]}**`])
    const detail = dataOf(await cloud.as('demo-member-31').interact.newsDetail({ newsId })).news
    expect(detail.authorName).not.toContain(author)
  })

  test('the branch’s own members see full names', async () => {
    const detail = dataOf(await cloud.as('demo-member-1').interact.newsDetail({ newsId })).news
    expect(detail.authorName).toBe(author)
    const comments = dataOf(await cloud.as('demo-member-1').interact.listComments({ newsId })).items
    expect(namesIn(comments).filter(Boolean)).toEqual([insider, visitor, insider, insider, visitor])
  })

  test('the reply notice names the replier by surname to someone outside the branch', async () => {
    const replier = (touser: string) =>
      cloud
        .outbox()
        .then((sent) => sent.filter((m) => m.touser === touser).map((m) => m.data.name2?.value))
    // demo-member-31 (branch-2) was answered by demo-member-5; demo-member-5 (branch-1) by demo-member-31.
    expect(await replier('demo-member-31')).toContain(`${insider[0]}**`)
    expect(await replier('demo-member-31')).not.toContain(insider)
    expect(await replier('demo-member-5')).toContain(visitor)
  })
})

describe('税后月收入', () => {
  const NOW = '2026-03-05T10:00:00+08:00'
  const BASE_FEN = 654_300
  const register = (openid: string) =>
    cloud.as(openid, { now: NOW }).dues.register({ branchId: 'branch-1' })
  const rowOf = async (openid: string) =>
    dataOf(await register(openid)).members.find((m) => m.id === memberIdOf('demo-member-7'))!

  test('a declared base: the secretary and the officers over the branch see it until it is confirmed', async () => {
    const declare = cloud.as('demo-member-7', { now: NOW }).dues
    dataOf(await declare.declareBase({ kind: 'salary', baseFen: BASE_FEN }))
    for (const openid of ['demo-secretary-1', 'demo-community-admin-1', 'demo-district-admin'])
      expect((await rowOf(openid)).declared).toMatchObject({ baseFen: BASE_FEN })
    // Fellow members and another community's admin read no register.
    for (const openid of ['demo-member-8', 'demo-community-admin-2'])
      expect(await register(openid)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })

    dataOf(
      await cloud
        .as('demo-secretary-1', { now: NOW })
        .dues.confirmBase({ memberId: memberIdOf('demo-member-7') }),
    )
    for (const openid of ['demo-secretary-1', 'demo-community-admin-1', 'demo-district-admin']) {
      const row = await rowOf(openid)
      expect(row.declared).toBeNull()
      expect(JSON.stringify(row)).not.toContain(String(BASE_FEN))
    }
    // The member still sees it.
    const mine = dataOf(await declare.myDues({}))
    expect(mine.confirmed).toMatchObject({ baseFen: BASE_FEN })
  })
})
