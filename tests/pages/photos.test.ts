// Attaching photos: picked (wx.chooseMedia), uploaded to cloud storage (wx.cloud.uploadFile), sent as ids.
import { rows } from '../../cloudfunctions/_shared/db'
import type { WishDoc } from '../../cloudfunctions/wish/src/store'
import { dataOf } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'
import { tap, textOf, until, wxMock, usePages, type Rendered } from './harness'
import {
  CLOUD_ID,
  addPhoto,
  filePath,
  get,
  loaded,
  photoMock as upload,
  thumbs,
  submitAndFollow,
} from './photos-support'

const { cloud, open, show } = usePages(['branch/news-editor', 'wish/submit', 'wish/detail'])

const mediaCheckUrls = async () => (await cloud.media.checks()).map((c) => c.media_url)
const fileUrl = (id: string) => `${cloud.url}${filePath(id)}`

test('the editor posts news with two uploaded photos, stored as cloud ids and sent to the media check', async () => {
  const page = await show('branch/news-editor', 'demo-secretary-1')
  page.setData({ title: '支部开展植树活动', body: '全体党员参加了植树。' })
  await addPhoto(page)
  await addPhoto(page)
  expect(thumbs(page)).toHaveLength(2)
  expect(page.querySelector('#photos')!.querySelector('.photo-count')!.dom!.textContent).toBe(
    '已加 2 / 9 张',
  )
  expect(upload.chooseMedia).toHaveBeenLastCalledWith(
    expect.objectContaining({ count: 8, mediaType: ['image'], sizeType: ['compressed'] }),
  )

  const redirects = wxMock.redirectTo.mock.calls.length
  tap(page, '.submit-news')
  await until(() => wxMock.redirectTo.mock.calls.length > redirects, 'the redirect to the news')

  const newsId = /id=(.+)$/.exec(wxMock.redirectTo.mock.lastCall?.[0].url)![1]
  const [stored] = await rows<{ images: string[] }>(
    cloud.db.collection('news').where({ _id: newsId }),
  )
  expect(stored.images).toHaveLength(2)
  expect(stored.images).toEqual(page.data.images)
  for (const id of stored.images) {
    expect(id).toMatch(CLOUD_ID)
    expect((await get(fileUrl(id))).status).toBe(200)
  }
  expect(await mediaCheckUrls()).toEqual(expect.arrayContaining(stored.images.map(fileUrl)))
})

test('a resident attaches one photo to a wish with the big button, and it is stored with the wish', async () => {
  const page = open('wish/submit', 'demo-resident-2')
  const add = page.querySelector('#photos')!.querySelector('.photo-add')!
  expect(add.dom!.textContent).toBe('添加照片（可不加）')
  await addPhoto(page)
  expect(thumbs(page)).toHaveLength(1)
  // One photo is the limit here: the add button gives way to the thumbnail.
  expect(page.querySelector('#photos')!.querySelector('.photo-add')).toBeUndefined()
  expect(page.querySelector('.photo-note')!.dom!.textContent).toBe('照片审核通过后，其他人才能看到')

  tap(page, '#category-2')
  page.setData({ title: '想请人修一下收音机', description: '收音机没有声音了' })
  const wishId = await submitAndFollow(page, '.submit-button')
  const stored = (await cloud.doc<{ photo: string | null }>('wishes', wishId))!
  expect(stored.photo).toMatch(CLOUD_ID)
  expect(stored.photo).toBe(page.data.photo)
})

test('删除 on a thumbnail takes that photo out of what the wish sends', async () => {
  const page = open('wish/submit', 'demo-resident-4')
  await addPhoto(page)
  expect(page.data.photo).toMatch(CLOUD_ID)
  page.querySelector('#photos')!.querySelector('.photo-remove')!.dispatchEvent('tap')
  await until(() => page.data.photo === '', 'the photo to be removed')
  expect(thumbs(page)).toHaveLength(0)

  tap(page, '#category-0')
  page.setData({ title: '想要一副老花镜', description: '看报纸看不清' })
  const wishId = await submitAndFollow(page, '.submit-button')
  const stored = (await cloud.doc<{ photo: string | null }>('wishes', wishId))!
  expect(stored.photo).toBeNull()
})

test('removing one of two news photos leaves only the other in the payload', async () => {
  const page = await show('branch/news-editor', 'demo-secretary-1')
  await addPhoto(page)
  await addPhoto(page)
  const [, kept] = page.data.images
  page.querySelector('#photos')!.querySelectorAll('.photo-remove')[0].dispatchEvent('tap')
  await until(() => page.data.images.length === 1, 'the first photo to be removed')
  expect(page.data.images).toEqual([kept])
})

test('a failed upload shows a Chinese toast and attaches nothing', async () => {
  const page = open('wish/submit', 'demo-resident-5')
  upload.chooseMedia.mockResolvedValueOnce({
    type: 'image',
    tempFiles: [{ tempFilePath: '/no/such/photo.jpg', size: 1, fileType: 'image' }],
  })
  const toasts = wxMock.showToast.mock.calls.length
  page.querySelector('#photos')!.querySelector('.photo-add')!.dispatchEvent('tap')
  await until(() => wxMock.showToast.mock.calls.length > toasts, 'the failure toast')
  expect(wxMock.showToast.mock.lastCall?.[0]).toMatchObject({ title: '有照片没传上去，请重试' })
  expect(page.data.photo).toBe('')
  expect(page.data.uploading).toBe(false)
})

test('the claimer attaches photos when marking a wish fulfilled, and they are stored with the note', async () => {
  const wishId = await wishes(cloud).published(RESIDENT, ADMIN_XINHUA, {
    title: '想请人通下水管',
    description: '厨房下水慢',
  })
  dataOf(await cloud.as('demo-member-46').wish.claim({ wishId }))
  const page = await show('wish/detail', 'demo-member-46', { id: wishId })
  await addPhoto(page, '#fulfil-photos')
  expect(page.data.fulfilPhotos).toHaveLength(1)

  await cloud.media.hold(true)
  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '已经通好了' })
  tap(page, '#act-fulfil')
  await until(() => page.data.wish?.status === '已实现', 'the fulfilment')
  // The claimer sees their own photos while WeChat's check is pending, and is told so.
  expect(textOf(page, '#fulfil-photos-status .media-pending')).toBe(
    '图片审核中，通过后其他人才能看到',
  )
  await cloud.media.hold(false)

  const [stored] = await rows<{ fulfilPhotos: string[] }>(
    cloud.db.collection('wishes').where({ _id: wishId }),
  )
  expect(stored.fulfilPhotos).toEqual(page.data.fulfilPhotos)
  expect(await loaded(page.data.fulfilSrcs)).toEqual(stored.fulfilPhotos.map(filePath))
})

/** A resident's wish with a photo, and its detail page as someone sees it. */
async function wishWithPhoto(openid: string, title: string, photo: string) {
  const wishId = await wishes(cloud).submitted(openid, {
    title,
    description: `${title}，照片里是现场的样子`,
    photo,
  })
  const detailAs = (viewer: string) => show('wish/detail', viewer, { id: wishId })
  /** Waits until WeChat's result has settled the photo's check to `status`. */
  const settled = async (status: 'pass' | 'risky') => {
    const photoStatus = async () => (await cloud.doc<WishDoc>('wishes', wishId))?.photoMedia?.status
    await until(async () => (await photoStatus()) === status, `the photo's check to settle`)
    expect(await photoStatus()).toBe(status)
  }
  return { detailAs, settled }
}

test('while WeChat’s check of a wish’s photo is pending its resident sees it 审核中 and others only 图片审核中; once passed everyone sees it', async () => {
  await cloud.media.hold(true)
  const photo = 'cloud://local.env/wish/stairs.jpg'
  const { detailAs, settled } = await wishWithPhoto('demo-resident-3', '想请人扶我上下楼', photo)
  const pendingNote = (page: Rendered) =>
    page.querySelector('#photo-status .media-pending')?.dom?.textContent

  const own = await detailAs('demo-resident-3')
  expect(await loaded([own.data.photoSrc])).toEqual([filePath(photo)])
  expect(pendingNote(own)).toBe('图片审核中，通过后其他人才能看到')
  const admin = await detailAs('demo-community-admin-1')
  expect(admin.data.photoSrc).toBe('')
  expect(admin.querySelector('.wish-photo')).toBeUndefined()
  // Others are told a photo is on its way, keyed on the status since they are shown none.
  expect(pendingNote(admin)).toBe('图片审核中')

  await cloud.media.hold(false)
  await settled('pass')
  const passed = await detailAs('demo-community-admin-1')
  expect(await loaded([passed.data.photoSrc])).toEqual([filePath(photo)])
  expect(pendingNote(passed)).toBeUndefined()
})

test('a wish’s photo WeChat judged risky is gone for everyone; only its resident is told why', async () => {
  const { detailAs, settled } = await wishWithPhoto(
    'demo-resident-4',
    '想请人帮忙搬花盆',
    'cloud://local.env/wish/risky-balcony.jpg',
  )
  await settled('risky')
  const own = await detailAs('demo-resident-4')
  expect(own.querySelector('.wish-photo')).toBeUndefined()
  expect(textOf(own, '#photo-status .media-risky')).toBe('图片未通过内容安全审核，其他人看不到')
  const admin = await detailAs('demo-community-admin-1')
  expect(admin.querySelector('#photo-status .media-risky')).toBeUndefined()
  expect(admin.querySelector('#photo-status .media-pending')).toBeUndefined()
})
