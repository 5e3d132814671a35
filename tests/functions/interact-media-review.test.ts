// News images WeChat is unsure of wait for a person: demo-member-2 (信息员 of branch-1, community-xinhua)
// posts; the emulator answers 'review' for an image whose URL has the `needs-review` marker. The branch
// secretary (demo-secretary-1), the community's admin (demo-community-admin-1) and the district admin may
// decide; demo-member-1 only reads.
import type { NewsDetail } from '../../typings/interact'
import type { ActionInput } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { NewsDoc } from '../../cloudfunctions/_shared/news'
import { dataOf, useTestCloud } from '../support/cloud'
import { postNews, todoRefs, todoSection } from '../support/fixtures'

const AUTHOR = 'demo-member-2'
const READER = 'demo-member-1'
const SECRETARY = 'demo-secretary-1'
const ADMIN = 'demo-community-admin-1'
const FINE = 'cloud://local.env/news/fine.jpg'
const UNSURE = 'cloud://local.env/news/needs-review.jpg'

const cloud = useTestCloud()

let posts = 0
/** Each post an hour before the last, so the author's hourly posting limit never stops the setup. */
const post = async (title: string, images = [FINE, UNSURE]) => {
  const now = new Date(Date.now() - posts++ * 3_600_000).toISOString()
  return dataOf(await postNews(cloud, AUTHOR, { title, images }, now)).news
}
const mediaOf = async (id: string) => (await cloud.doc<NewsDoc>('news', id))!.media
/** A post whose images WeChat has answered for: with the default images, one pass and one review. */
const waitingPost = async (title: string, images?: string[]) => {
  const news = await post(title, images)
  await cloud.media.delivered((await mediaOf(news.id))!.traceIds)
  return news
}
const detail = (openid: string, newsId: string) => cloud.as(openid).interact.newsDetail({ newsId })
const detailFor = async (openid: string, newsId: string): Promise<NewsDetail> =>
  dataOf(await detail(openid, newsId)).news
/** A decision on the images the reviewer was shown (by default the post's two). */
const review = (
  openid: string,
  id: string,
  decision: ActionInput<'interact', 'reviewMedia'>['decision'],
  images = [FINE, UNSURE],
) => cloud.as(openid).interact.reviewMedia({ kind: 'news', id, images, decision })
const newsToReview = (openid: string) => todoSection(cloud, openid, 'secretary', 'newsMediaReview')

test('an image WeChat is unsure of waits for a person: hidden from readers, shown to those who decide', async () => {
  const news = await waitingPost('需要人工审核的动态')
  const media = await mediaOf(news.id)
  expect(media).toMatchObject({ status: 'pending', needsReview: true })
  expect(Object.values(media!.results!).sort()).toEqual(['pass', 'review'])

  expect(await detailFor(READER, news.id)).toMatchObject({
    mediaStatus: 'pending',
    images: [],
    cover: null,
    awaitingReview: false,
  })
  expect(await detailFor(AUTHOR, news.id)).toMatchObject({
    images: [FINE, UNSURE],
    awaitingReview: false,
  })
  expect(await detailFor(SECRETARY, news.id)).toMatchObject({
    images: [FINE, UNSURE],
    awaitingReview: true,
  })
  // A branch-only post is outside the community admin's feed, but they may open it to decide (not to comment).
  expect(await detailFor(ADMIN, news.id)).toMatchObject({
    images: [FINE, UNSURE],
    awaitingReview: true,
    canComment: false,
  })
  expect(await detail('demo-community-admin-2', news.id)).toMatchObject({ code: 'NOT_FOUND' })

  expect(await todoRefs(cloud, SECRETARY, 'secretary', 'newsMediaReview')).toContain(news.id)
  expect(await todoRefs(cloud, ADMIN, 'community', 'newsMediaReview')).toContain(news.id)
  expect(await todoRefs(cloud, 'demo-secretary-2', 'secretary', 'newsMediaReview')).toEqual([])
  expect(await todoRefs(cloud, 'demo-community-admin-2', 'community', 'newsMediaReview')).toEqual(
    [],
  )
})

test('results settle the same in any order and twice: pass and review leave it waiting for a person', async () => {
  await cloud.media.hold(true)
  const a = await post('先到审核再到通过')
  const b = await post('先到通过再到审核')
  const [aFine, aUnsure] = (await mediaOf(a.id))!.traceIds
  const [bFine, bUnsure] = (await mediaOf(b.id))!.traceIds
  await cloud.media.push(aUnsure, 'review')
  await cloud.media.push(aFine, 'pass')
  await Promise.all([
    cloud.media.push(bFine, 'pass'),
    cloud.media.push(bUnsure, 'review'),
    cloud.media.push(bUnsure, 'review'),
  ])
  for (const id of [a.id, b.id])
    expect(await mediaOf(id)).toMatchObject({ status: 'pending', needsReview: true })
  await cloud.media.hold(false)
  await cloud.media.delivered([aFine, aUnsure, bFine, bUnsure])
  for (const id of [a.id, b.id])
    expect(await mediaOf(id)).toMatchObject({ status: 'pending', needsReview: true })
})

test('the branch secretary passes them: readers see the images, and the item leaves the 待办', async () => {
  const news = await waitingPost('书记审核通过')
  const waiting = (await newsToReview(SECRETARY)).count
  expect(await review(SECRETARY, news.id, 'pass')).toEqual({
    ok: true,
    data: { kind: 'news', id: news.id, mediaStatus: 'pass' },
  })
  const media = await mediaOf(news.id)
  expect(media).toMatchObject({ status: 'pass', reviewedBy: memberIdOf(SECRETARY) })
  expect(media?.reviewedAt).toBeInstanceOf(Date)

  expect(await detailFor(READER, news.id)).toMatchObject({
    mediaStatus: 'pass',
    images: [FINE, UNSURE],
    cover: FINE,
  })
  // Decided, the branch-only post is again its branch's alone: the community admin no longer opens it.
  expect(await detail(ADMIN, news.id)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  expect(await cloud.as(ADMIN).interact.listComments({ newsId: news.id })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  })
  expect((await newsToReview(SECRETARY)).count).toBe(waiting - 1)
  expect(await review(ADMIN, news.id, 'risky')).toMatchObject({
    ok: false,
    code: 'CONFLICT',
    message: '图片已通过审核，无需再审',
  })
})

test('a district admin’s 不通过 hides the images for good, from the author too', async () => {
  const news = await waitingPost('区管理员判定不通过')
  expect(await review('demo-district-admin', news.id, 'risky')).toMatchObject({
    ok: true,
    data: { mediaStatus: 'risky' },
  })
  expect(await mediaOf(news.id)).toMatchObject({
    status: 'risky',
    reviewedBy: memberIdOf('demo-district-admin'),
  })
  for (const openid of [READER, AUTHOR, SECRETARY])
    expect(await detailFor(openid, news.id)).toMatchObject({
      mediaStatus: 'risky',
      images: [],
      awaitingReview: false,
    })
})

test('its readers get PERMISSION_DENIED; another branch’s secretary and another community’s admin, who cannot read it, find no such item; nothing changes', async () => {
  const news = await waitingPost('无权审核')
  const before = await mediaOf(news.id)
  for (const openid of [READER, AUTHOR])
    expect(await review(openid, news.id, 'pass')).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  for (const openid of ['demo-secretary-2', 'demo-community-admin-2'])
    expect(await review(openid, news.id, 'pass')).toEqual(
      await review(openid, 'no-such-news', 'pass'),
    )
  expect(await review('demo-secretary-2', news.id, 'pass')).toMatchObject({ code: 'NOT_FOUND' })
  expect(await mediaOf(news.id)).toEqual(before)
})

test('bad input is INVALID_ARGUMENT and changes nothing; an unknown item is NOT_FOUND', async () => {
  const news = await waitingPost('参数有误')
  const before = await mediaOf(news.id)
  const reviewWith = (wrong: object) =>
    cloud.callAs(SECRETARY, 'interact', 'reviewMedia', {
      ...{ kind: 'news', id: news.id, images: [FINE, UNSURE], decision: 'pass' },
      ...wrong,
    })
  expect(await reviewWith({ decision: 'review' })).toMatchObject({ code: 'INVALID_ARGUMENT' })
  expect(await reviewWith({ kind: 'wish' })).toMatchObject({ code: 'INVALID_ARGUMENT' })
  expect(await review(SECRETARY, '', 'pass')).toMatchObject({ code: 'INVALID_ARGUMENT' })
  expect(await review(SECRETARY, news.id, 'pass', [])).toMatchObject({
    code: 'INVALID_ARGUMENT',
  })
  expect(await mediaOf(news.id)).toEqual(before)
  expect(await review(SECRETARY, 'no-such-news', 'pass')).toMatchObject({ code: 'NOT_FOUND' })
})

test('two reviewers at once: exactly one decision stands, the other gets CONFLICT', async () => {
  const news = await waitingPost('两人同时审核')
  const replies = await Promise.all([
    review(SECRETARY, news.id, 'pass'),
    review(ADMIN, news.id, 'risky'),
  ])
  const won = replies.filter((r) => r.ok)
  expect(won).toHaveLength(1)
  expect(replies.filter((r) => !r.ok)).toEqual([
    expect.objectContaining({
      code: 'CONFLICT',
      message: expect.stringMatching(/[\u4e00-\u9fa5]/),
    }),
  ])
  const winner = won[0].ok ? won[0].data.mediaStatus : null
  expect(await mediaOf(news.id)).toMatchObject({ status: winner })
})

test('a risky result after review still makes the post risky, and a decision then answers CONFLICT', async () => {
  const news = await waitingPost('审核后又判违规')
  const unsure = (await mediaOf(news.id))!.traceIds[1]
  expect((await cloud.media.push(unsure, 'risky')).body).toMatchObject({
    ok: true,
    data: { settled: 1 },
  })
  expect(await mediaOf(news.id)).toMatchObject({ status: 'risky' })
  expect(await review(SECRETARY, news.id, 'pass')).toMatchObject({
    ok: false,
    code: 'CONFLICT',
    message: '图片已判定为不合规，不能再审',
  })
  expect(await detailFor(READER, news.id)).toMatchObject({ mediaStatus: 'risky', images: [] })
})

test('a risky result after a person passed the images still hides them', async () => {
  const news = await waitingPost('通过后又判违规')
  await review(SECRETARY, news.id, 'pass')
  const unsure = (await mediaOf(news.id))!.traceIds[1]
  await cloud.media.push(unsure, 'risky')
  expect(await detailFor(READER, news.id)).toMatchObject({ mediaStatus: 'risky', images: [] })
})

test('new images from an edit start their check afresh, without the old ones’ review', async () => {
  const news = await waitingPost('修改图片')
  const fresh = 'cloud://local.env/news/replacement.jpg'
  await cloud.as(AUTHOR).interact.editNews({
    newsId: news.id,
    title: news.title,
    body: '修改后的正文',
    visibility: 'branch',
    images: [fresh],
  })
  const media = await mediaOf(news.id)
  expect(media).not.toHaveProperty('needsReview')
  await cloud.media.delivered(media!.traceIds)
  expect(await mediaOf(news.id)).toEqual({
    status: 'pass',
    traceIds: media!.traceIds,
    results: { [media!.traceIds[0]]: 'pass' },
  })
  expect(await detailFor(READER, news.id)).toMatchObject({ images: [fresh] })
})

test('a decision names the images the reviewer saw: on images replaced since it is CONFLICT and decides nothing', async () => {
  const news = await waitingPost('审核期间更换图片')
  const fresh = 'cloud://local.env/news/needs-review-new.jpg'
  await cloud.as(AUTHOR).interact.editNews({
    newsId: news.id,
    title: news.title,
    body: '换了一张图片',
    visibility: 'branch',
    images: [fresh],
  })
  const replaced = await mediaOf(news.id)
  await cloud.media.delivered(replaced!.traceIds)
  // The new image went to a person too, so only the images tell the old page from the new one.
  expect(await mediaOf(news.id)).toMatchObject({ status: 'pending', needsReview: true })
  const before = await mediaOf(news.id)

  for (const seen of [
    [FINE, UNSURE],
    [FINE, fresh],
  ])
    expect(await review(SECRETARY, news.id, 'pass', seen)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '图片已更换，请刷新后再审核',
    })
  expect(await mediaOf(news.id)).toEqual(before)
  expect(await detailFor(READER, news.id)).toMatchObject({ images: [] })

  expect(await review(SECRETARY, news.id, 'risky', [fresh])).toMatchObject({ ok: true })
  expect(await mediaOf(news.id)).toMatchObject({ status: 'risky' })
})
