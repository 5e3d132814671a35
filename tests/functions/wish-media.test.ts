import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'

// A wish's two photo sets go through WeChat's media check like news images: the resident's photo on submit,
// the claimer's photos on fulfil. The emulator pushes each result to interact (as 消息推送 is configured),
// which settles whichever wish waits for the trace id: risky when the URL has the `risky` marker, else pass
// (review, with the `needs-review` marker: wish-photo-review.test.ts).
const cloud = useTestCloud()
const w = wishes(cloud)

const CLAIMER = 'demo-member-21'
const OTHER_MEMBER = 'demo-member-22'

test('a wish’s photo waits hidden from others until WeChat’s check passes; its resident sees it 审核中', async () => {
  await cloud.media.hold(true)
  const photo = 'cloud://local.env/wish/radio.jpg'
  const wishId = await w.published(RESIDENT, ADMIN_XINHUA, { photo })

  const { photoMedia } = await w.stored(wishId)
  expect(photoMedia).toMatchObject({ status: 'pending' })
  expect(photoMedia?.traceIds).toHaveLength(1)
  const [sent] = (await cloud.media.checks()).filter((c) =>
    photoMedia?.traceIds.includes(c.trace_id),
  )
  expect(sent.media_url).toBe(`${cloud.url}/__files/${encodeURIComponent(photo)}`)

  expect(await w.detail(RESIDENT, wishId)).toMatchObject({ photo, photoStatus: 'pending' })
  for (const other of [OTHER_MEMBER, ADMIN_XINHUA])
    expect(await w.detail(other, wishId)).toMatchObject({ photo: null, photoStatus: 'pending' })

  await cloud.media.hold(false)
  await cloud.media.delivered(photoMedia!.traceIds)
  expect((await w.stored(wishId)).photoMedia).toMatchObject({ status: 'pass' })
  for (const reader of [RESIDENT, OTHER_MEMBER, ADMIN_XINHUA])
    expect(await w.detail(reader, wishId)).toMatchObject({ photo, photoStatus: 'pass' })
})

test('fulfilment photos show to their claimer while pending and to everyone once all passed, apart from the wish’s photo', async () => {
  const photo = 'cloud://local.env/wish/window.jpg'
  const wishId = await w.published(RESIDENT, ADMIN_XINHUA, { photo })
  await cloud.media.delivered((await w.stored(wishId)).photoMedia!.traceIds)
  dataOf(await cloud.as(CLAIMER).wish.claim({ wishId }))

  await cloud.media.hold(true)
  const photos = ['cloud://local.env/wish/done-1.jpg', 'cloud://local.env/wish/done-2.jpg']
  const { wish } = dataOf(
    await cloud.as(CLAIMER).wish.fulfil({ wishId, note: '窗户已经修好', photos }),
  )
  expect(wish).toMatchObject({ fulfilPhotos: photos, fulfilPhotosStatus: 'pending' })
  const stored = await w.stored(wishId)
  expect(stored.fulfilPhotos).toEqual(photos)
  expect(stored.fulfilMedia).toMatchObject({ status: 'pending' })
  expect(stored.photoMedia).toMatchObject({ status: 'pass' })

  for (const other of [RESIDENT, OTHER_MEMBER, ADMIN_XINHUA])
    expect(await w.detail(other, wishId)).toMatchObject({
      photo,
      photoStatus: 'pass',
      fulfilPhotos: [],
      fulfilPhotosStatus: 'pending',
    })
  expect(await w.detail(CLAIMER, wishId)).toMatchObject({ fulfilPhotos: photos })

  const [first, second] = stored.fulfilMedia!.traceIds
  expect((await cloud.media.push(second, 'pass')).body).toMatchObject({
    ok: true,
    data: { settled: 0 },
  })
  expect(await w.detail(RESIDENT, wishId)).toMatchObject({ fulfilPhotos: [] })
  expect((await cloud.media.push(first, 'pass')).body).toMatchObject({
    ok: true,
    data: { settled: 1 },
  })
  for (const reader of [RESIDENT, OTHER_MEMBER, CLAIMER])
    expect(await w.detail(reader, wishId)).toMatchObject({
      fulfilPhotos: photos,
      fulfilPhotosStatus: 'pass',
    })
  await cloud.media.hold(false)
  await cloud.media.delivered([first, second])
})

test('a risky photo is never shown, not even to the resident or claimer who attached it', async () => {
  const wishId = await w.published(RESIDENT, ADMIN_XINHUA, {
    photo: 'cloud://local.env/wish/risky-photo.jpg',
  })
  await cloud.media.delivered((await w.stored(wishId)).photoMedia!.traceIds)
  dataOf(await cloud.as(CLAIMER).wish.claim({ wishId }))
  dataOf(
    await cloud.as(CLAIMER).wish.fulfil({
      wishId,
      note: '已经帮忙办好',
      photos: ['cloud://local.env/wish/fine.jpg', 'cloud://local.env/wish/risky-done.jpg'],
    }),
  )
  const stored = await w.stored(wishId)
  await cloud.media.delivered(stored.fulfilMedia!.traceIds)

  expect(await w.stored(wishId)).toMatchObject({
    photoMedia: { status: 'risky' },
    fulfilMedia: { status: 'risky' },
  })
  for (const reader of [RESIDENT, CLAIMER, OTHER_MEMBER, ADMIN_XINHUA])
    expect(await w.detail(reader, wishId)).toMatchObject({
      photo: null,
      photoStatus: 'risky',
      fulfilPhotos: [],
      fulfilPhotosStatus: 'risky',
    })
})

test('a wish without photos starts no check and says so', async () => {
  const before = (await cloud.media.checks()).length
  const wishId = await w.published()
  dataOf(await cloud.as(CLAIMER).wish.claim({ wishId }))
  const { wish } = dataOf(
    await cloud.as(CLAIMER).wish.fulfil({ wishId, note: '已经帮忙办好', photos: [] }),
  )
  expect(wish).toMatchObject({ photo: null, photoStatus: 'none', fulfilPhotosStatus: 'none' })
  expect((await cloud.media.checks()).length).toBe(before)
  const stored = await w.stored(wishId)
  expect(stored.photoMedia).toBeUndefined()
  expect(stored.fulfilMedia).toBeUndefined()
})

test('a card’s thumbnail (the review queue’s) is the photo only once it passed, for the resident too', async () => {
  await cloud.media.hold(true)
  const photo = 'cloud://local.env/wish/stairs.jpg'
  const wishId = await w.submitted(RESIDENT, { photo })
  const queued = async () =>
    dataOf(await cloud.as(ADMIN_XINHUA).wish.list({ status: '待审核', limit: 50 })).wishes.find(
      (c) => c.id === wishId,
    )
  expect(await queued()).toMatchObject({ thumb: null, description: expect.any(String) })
  const mine = async () =>
    dataOf(await cloud.as(RESIDENT).wish.mine({})).asResident.find((c) => c.id === wishId)
  expect((await mine())?.thumb).toBeNull()

  await cloud.media.hold(false)
  await cloud.media.delivered((await w.stored(wishId)).photoMedia!.traceIds)
  expect((await queued())?.thumb).toBe(photo)
  expect((await mine())?.thumb).toBe(photo)
})
