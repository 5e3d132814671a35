import type { WishDetail } from '../../typings/wish'
import { type TestCloud, startTestCloud } from '../support/cloud'
import { mediaCheck } from './media-support'
import { ADMIN_XINHUA, RESIDENT, wishes } from './wish-support'

// A wish's two photo sets go through WeChat's media check like news images: the resident's photo on submit,
// the claimer's photos on fulfil. The emulator pushes each result to interact (as 消息推送 is configured),
// which settles whichever wish waits for the trace id: risky when the URL has the `risky` marker, else pass.
let cloud: TestCloud
let w: ReturnType<typeof wishes>
beforeAll(async () => {
  cloud = await startTestCloud()
  w = wishes(cloud)
})
afterAll(async () => {
  await hold(false)
  await cloud?.close()
})

const { checks, hold, delivered, push } = mediaCheck(() => cloud)

const CLAIMER = 'demo-member-21'
const OTHER_MEMBER = 'demo-member-22'

const detailFor = async (openid: string, wishId: string): Promise<WishDetail> =>
  (await w.ok(openid, 'detail', { wishId })).wish

test('a wish’s photo waits hidden from others until WeChat’s check passes; its resident sees it 审核中', async () => {
  await hold(true)
  const photo = 'cloud://local.env/wish/radio.jpg'
  const wishId = await w.published(RESIDENT, ADMIN_XINHUA, { photo })

  const { photoMedia } = await w.stored(wishId)
  expect(photoMedia).toMatchObject({ status: 'pending' })
  expect(photoMedia?.traceIds).toHaveLength(1)
  const [sent] = (await checks()).filter((c) => photoMedia?.traceIds.includes(c.trace_id))
  expect(sent.media_url).toBe(`${cloud.url}/__files/${encodeURIComponent(photo)}`)

  expect(await detailFor(RESIDENT, wishId)).toMatchObject({ photo, photoStatus: 'pending' })
  for (const other of [OTHER_MEMBER, ADMIN_XINHUA])
    expect(await detailFor(other, wishId)).toMatchObject({ photo: null, photoStatus: 'pending' })

  await hold(false)
  await delivered(photoMedia!.traceIds)
  expect((await w.stored(wishId)).photoMedia).toMatchObject({ status: 'pass' })
  for (const reader of [RESIDENT, OTHER_MEMBER, ADMIN_XINHUA])
    expect(await detailFor(reader, wishId)).toMatchObject({ photo, photoStatus: 'pass' })
})

test('fulfilment photos show to their claimer while pending and to everyone once all passed, apart from the wish’s photo', async () => {
  const photo = 'cloud://local.env/wish/window.jpg'
  const wishId = await w.published(RESIDENT, ADMIN_XINHUA, { photo })
  await delivered((await w.stored(wishId)).photoMedia!.traceIds)
  await w.ok(CLAIMER, 'claim', { wishId })

  await hold(true)
  const photos = ['cloud://local.env/wish/done-1.jpg', 'cloud://local.env/wish/done-2.jpg']
  const { wish } = await w.ok(CLAIMER, 'fulfil', { wishId, note: '窗户已经修好', photos })
  expect(wish).toMatchObject({ fulfilPhotos: photos, fulfilPhotosStatus: 'pending' })
  const stored = await w.stored(wishId)
  expect(stored.fulfilPhotos).toEqual(photos)
  expect(stored.fulfilMedia).toMatchObject({ status: 'pending' })
  expect(stored.photoMedia).toMatchObject({ status: 'pass' })

  for (const other of [RESIDENT, OTHER_MEMBER, ADMIN_XINHUA])
    expect(await detailFor(other, wishId)).toMatchObject({
      photo,
      photoStatus: 'pass',
      fulfilPhotos: [],
      fulfilPhotosStatus: 'pending',
    })
  expect(await detailFor(CLAIMER, wishId)).toMatchObject({ fulfilPhotos: photos })

  const [first, second] = stored.fulfilMedia!.traceIds
  expect((await push(second, 'pass')).body).toMatchObject({ ok: true, data: { settled: 0 } })
  expect(await detailFor(RESIDENT, wishId)).toMatchObject({ fulfilPhotos: [] })
  expect((await push(first, 'pass')).body).toMatchObject({ ok: true, data: { settled: 1 } })
  for (const reader of [RESIDENT, OTHER_MEMBER, CLAIMER])
    expect(await detailFor(reader, wishId)).toMatchObject({
      fulfilPhotos: photos,
      fulfilPhotosStatus: 'pass',
    })
  await hold(false)
  await delivered([first, second])
})

test('a risky photo is never shown, not even to the resident or claimer who attached it', async () => {
  const wishId = await w.published(RESIDENT, ADMIN_XINHUA, {
    photo: 'cloud://local.env/wish/risky-photo.jpg',
  })
  await delivered((await w.stored(wishId)).photoMedia!.traceIds)
  await w.ok(CLAIMER, 'claim', { wishId })
  await w.ok(CLAIMER, 'fulfil', {
    wishId,
    note: '已经帮忙办好',
    photos: ['cloud://local.env/wish/fine.jpg', 'cloud://local.env/wish/risky-done.jpg'],
  })
  const stored = await w.stored(wishId)
  await delivered(stored.fulfilMedia!.traceIds)

  expect(await w.stored(wishId)).toMatchObject({
    photoMedia: { status: 'risky' },
    fulfilMedia: { status: 'risky' },
  })
  for (const reader of [RESIDENT, CLAIMER, OTHER_MEMBER, ADMIN_XINHUA])
    expect(await detailFor(reader, wishId)).toMatchObject({
      photo: null,
      photoStatus: 'risky',
      fulfilPhotos: [],
      fulfilPhotosStatus: 'risky',
    })
})

test('a wish without photos starts no check and says so', async () => {
  const before = (await checks()).length
  const wishId = await w.published()
  await w.ok(CLAIMER, 'claim', { wishId })
  const { wish } = await w.ok(CLAIMER, 'fulfil', { wishId, note: '已经帮忙办好', photos: [] })
  expect(wish).toMatchObject({ photo: null, photoStatus: 'none', fulfilPhotosStatus: 'none' })
  expect((await checks()).length).toBe(before)
  const stored = await w.stored(wishId)
  expect(stored.photoMedia).toBeUndefined()
  expect(stored.fulfilMedia).toBeUndefined()
})
