// Who reads which news: a post's visibility (branch, community, public) decides whose feed and detail it is
// in, for posts and for the monthly bulletins settlement posts.
import { dataOf, useTestCloud } from '../support/cloud'
import { news, settledMonth } from '../support/fixtures'

// demo-secretary-1 / demo-member-1..30 are branch-1 (新华路); demo-member-2 is its 信息员;
// demo-member-31 is branch-2 (新华路); demo-member-64 is branch-5 (江苏路); demo-member-111 is branch-8.
const cloud = useTestCloud()
const { posted, feed, feedIds, stored } = news(cloud)

describe('visibility', () => {
  let branchOnly: string
  let community: string
  let everyone: string
  beforeAll(async () => {
    branchOnly = (await posted('demo-secretary-1', { title: '支部内部通知', visibility: 'branch' }))
      .id
    community = (
      await posted('demo-secretary-1', { title: '社区共建活动', visibility: 'community' })
    ).id
    everyone = (await posted('demo-secretary-1', { title: '全区公开报道', visibility: 'public' }))
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
    const hidden = await cloud.as('demo-member-31').interact.newsDetail({
      newsId: branchOnly,
    })
    const missing = await cloud.as('demo-member-31').interact.newsDetail({
      newsId: 'n-no-such-news',
    })
    expect(hidden).toEqual(missing)
    expect(hidden).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '该动态不存在' })
    const comments = await cloud.as('demo-member-31').interact.listComments({
      newsId: branchOnly,
    })
    expect(comments).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await stored(branchOnly)).readCount).toBe(0)
  })

  test('community news is NOT_FOUND for another community, and public news is readable by a resident', async () => {
    expect(
      await cloud.as('demo-member-64').interact.newsDetail({ newsId: community }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const detail = dataOf(
      await cloud.as('demo-resident-2').interact.newsDetail({
        newsId: everyone,
      }),
    ).news
    expect(detail).toMatchObject({ title: '全区公开报道', branchName: '云启科技有限公司党支部' })
    expect(detail).toMatchObject({ canComment: false, canEdit: false })
  })

  test('widening a post to the community makes it visible to the branch next door', async () => {
    const id = (await posted('demo-member-2', { title: '信息员先发本支部' })).id
    expect(await feedIds('demo-member-31')).not.toContain(id)
    const edited = await cloud.as('demo-member-2').interact.editNews({
      newsId: id,
      title: '信息员改为社区可见',
      body: '正文内容',
      visibility: 'community',
    })
    expect(edited).toMatchObject({ ok: true, data: { news: { visibility: 'community' } } })
    expect(await feedIds('demo-member-31')).toContain(id)
    expect((await stored(id)).audience).toEqual(['branch:branch-1', 'community:community-xinhua'])
  })

  test('a monthly bulletin inserted by settlement shows in the feed like a post', async () => {
    await settledMonth(cloud, '2026-01')
    const bulletinId = 'bulletin_2026-01_branch-1'
    const card = (await feed('demo-member-1')).items.find((n) => n.id === bulletinId)
    expect(card).toMatchObject({ kind: 'bulletin', title: '2026年1月党员参与情况公布' })
    expect(await feedIds('demo-member-31')).not.toContain(bulletinId)
  })
})
