import { APPEAL_CATEGORIES, type NewsDetail } from '../../typings/interact'
import * as db from '../../cloudfunctions/_shared/db'
import type { NewsDoc } from '../../cloudfunctions/_shared/news'
import { main as interactHere } from '../../cloudfunctions/interact/src/index'
import type { AppealDoc } from '../../cloudfunctions/interact/src/records'
import { dataOf, postJson, runHere, useTestCloud } from '../support/cloud'
import { news } from '../support/fixtures'

// demo-secretary-1 posts to branch-1; demo-member-1 reads it there. The emulator answers each media check
// by pushing a wxa_media_check event to interact: risky when the URL has the `risky` marker, else pass.
const cloud = useTestCloud()

const { posted } = news(cloud)
const postWithImages = (title: string, images: string[]) =>
  posted('demo-secretary-1', { title, images })
const detailFor = async (openid: string, newsId: string): Promise<NewsDetail> =>
  dataOf(await cloud.as(openid).interact.newsDetail({ newsId })).news
const cardFor = async (openid: string, newsId: string) =>
  dataOf(await cloud.as(openid).interact.listNews({})).items.find((n) => n.id === newsId)
const mediaOf = async (id: string) => (await cloud.doc<NewsDoc>('news', id))!.media

test('images wait hidden from readers until WeChat’s check passes; the author sees them 审核中', async () => {
  await cloud.media.hold(true)
  const images = ['cloud://local.env/news/meeting-1.jpg', 'cloud://local.env/news/meeting-2.jpg']
  const news = await postWithImages('带图片的支部动态', images)
  expect(news).toMatchObject({ mediaStatus: 'pending', images })

  const media = await mediaOf(news.id)
  expect(media).toMatchObject({ status: 'pending' })
  expect(media?.traceIds).toHaveLength(2)
  const sent = (await cloud.media.checks()).filter((c) => media?.traceIds.includes(c.trace_id))
  expect(sent.map((c) => c.media_url).sort()).toEqual(
    images.map((id) => `${cloud.url}/__files/${encodeURIComponent(id)}`).sort(),
  )
  expect(await detailFor('demo-member-1', news.id)).toMatchObject({
    mediaStatus: 'pending',
    images: [],
    cover: null,
  })
  expect(await cardFor('demo-member-1', news.id)).toMatchObject({ cover: null })
  expect(await detailFor('demo-secretary-1', news.id)).toMatchObject({ images, cover: images[0] })

  await cloud.media.hold(false)
  await cloud.media.delivered(media!.traceIds)
  expect(await mediaOf(news.id)).toMatchObject({
    status: 'pass',
    results: Object.fromEntries(media!.traceIds.map((t) => [t, 'pass'])),
  })
  expect(await detailFor('demo-member-1', news.id)).toMatchObject({
    mediaStatus: 'pass',
    images,
    cover: images[0],
  })
  expect(await cardFor('demo-member-1', news.id)).toMatchObject({ cover: images[0] })
})

test('one risky image makes the post risky and its images are never shown, not even to the author', async () => {
  const images = ['cloud://local.env/news/fine.jpg', 'cloud://local.env/news/risky-photo.jpg']
  const news = await postWithImages('有一张违规图片的动态', images)
  await cloud.media.delivered((await mediaOf(news.id))!.traceIds)

  expect(await mediaOf(news.id)).toMatchObject({ status: 'risky' })
  for (const reader of ['demo-member-1', 'demo-secretary-1'])
    expect(await detailFor(reader, news.id)).toMatchObject({
      mediaStatus: 'risky',
      images: [],
      cover: null,
    })
})

test('results settle the same whatever order they arrive in, and a repeated push changes nothing', async () => {
  await cloud.media.hold(true)
  const news = await postWithImages('乱序到达的审核结果', [
    'cloud://local.env/news/x.jpg',
    'cloud://local.env/news/y.jpg',
  ])
  const [first, second] = (await mediaOf(news.id))!.traceIds
  expect((await cloud.media.push(second, 'pass')).body).toMatchObject({
    ok: true,
    data: { settled: 0 },
  })
  expect(await mediaOf(news.id)).toMatchObject({ status: 'pending' })
  expect((await cloud.media.push(first, 'pass')).body).toMatchObject({
    ok: true,
    data: { settled: 1 },
  })
  expect((await cloud.media.push(first, 'pass')).body).toMatchObject({
    ok: true,
    data: { settled: 0 },
  })
  expect(await mediaOf(news.id)).toMatchObject({
    status: 'pass',
    results: { [first]: 'pass', [second]: 'pass' },
  })
  await cloud.media.hold(false)
  await cloud.media.delivered([first, second])
})

test('an edit of the text only keeps a result that arrived between its read and its write', async () => {
  await cloud.media.hold(true)
  const images = ['cloud://local.env/news/edited-text.jpg']
  const news = await postWithImages('只改文字的动态', images)
  const [traceId] = (await mediaOf(news.id))!.traceIds
  // interact runs in this process for the edit, so the pass can land right after it read the post.
  runHere(cloud, { openid: 'demo-secretary-1' })
  const findVisible = db.findVisible
  let raced = 0
  const read = jest.spyOn(db, 'findVisible').mockImplementation(async (collection, id, ...rest) => {
    const found = await findVisible(collection, id, ...rest)
    if (collection === 'news' && !raced++)
      expect((await cloud.media.push(traceId, 'pass')).body).toMatchObject({
        ok: true,
        data: { settled: 1 },
      })
    return found
  })
  try {
    const edited = await interactHere({
      action: 'editNews',
      payload: {
        newsId: news.id,
        title: news.title,
        body: '只改了正文',
        visibility: 'branch',
        images,
      },
    })
    expect(edited).toMatchObject({ ok: true })
  } finally {
    read.mockRestore()
    await cloud.media.hold(false)
  }
  expect(raced).toBe(1)
  expect(await mediaOf(news.id)).toMatchObject({ status: 'pass', results: { [traceId]: 'pass' } })
  expect(await detailFor('demo-member-1', news.id)).toMatchObject({ body: '只改了正文', images })
  await cloud.media.delivered([traceId])
})

test('a user calling interact with a forged media check event is refused and changes nothing', async () => {
  const news = await postWithImages('伪造审核结果', ['cloud://local.env/news/z.jpg'])
  const [traceId] = (await mediaOf(news.id))!.traceIds
  await cloud.media.delivered([traceId])
  const before = await mediaOf(news.id)
  expect(before).toMatchObject({ status: 'pass' })

  const forged = await postJson(
    `${cloud.url}/fn/interact`,
    {
      ToUserName: 'gh_x',
      FromUserName: 'demo-member-1',
      CreateTime: 1,
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: traceId,
      version: 2,
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'risky', label: 20002 },
    },
    { 'x-wx-openid': 'demo-member-1' },
  )
  expect(forged.body).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
  expect(await mediaOf(news.id)).toEqual(before)
})

test('an appeal’s photo shows to its requester while pending, and to the secretary only once it passed', async () => {
  await cloud.media.hold(true)
  const photo = 'cloud://local.env/appeals/leak.jpg'
  const { appeal } = dataOf(
    await cloud.as('demo-member-3').interact.submitAppeal({
      draftId: `media-appeal-${process.pid}`,
      category: APPEAL_CATEGORIES[0],
      text: '楼道水管漏水，请帮忙协调维修',
      images: [photo],
    }),
  )
  expect(appeal.images).toEqual([photo])
  const inboxImages = async () =>
    dataOf(await cloud.as('demo-secretary-1').interact.appealInbox({})).items.find(
      (a) => a.id === appeal.id,
    )?.images
  expect(await inboxImages()).toEqual([])

  await cloud.media.hold(false)
  const stored = (await cloud.doc<AppealDoc>('appeals', appeal.id))!
  await cloud.media.delivered(stored.media!.traceIds)
  expect(await inboxImages()).toEqual([photo])
})
