// 开发版 in the developer tool talks to the emulator over HTTP, as the demo identity picked on 我的.
import { cloudMock, tap, textOf, until, usePages, wxMock } from './harness'
import { CLOUD_ID, filePath, get, photoMock, thumbs } from './photos-support'

const { cloud, show, open } = usePages(['mine', 'wish/submit'], { envVersion: 'develop' })

const upload = wx as unknown as Record<'uploadFile', jest.Mock>
const openidSent = () => wxMock.request.mock.lastCall?.[0].header['x-wx-openid']

test('the local-development switcher on 我的 changes who the pages act as', async () => {
  cloudMock.callFunction.mockClear()
  const page = await show('mine', 'demo-member-1')
  expect(openidSent()).toBe('demo-member-1')
  // Only 开发版 shows the switcher (cloud-transport.test.ts: 正式版 does not, nor does the gallery).
  expect(textOf(page, '.dev-section .section-title')).toBe('本地开发')

  tap(page, '#dev-demo-resident-1')
  await until(() => page.data.me?.kind === 'resident', 'the resident to load')

  expect(wx.getStorageSync('devOpenid')).toBe('demo-resident-1')
  expect(openidSent()).toBe('demo-resident-1')
  expect(textOf(page, '.dev-openid')).toBe('demo-resident-1')
  expect(page.querySelector('.resident-card')).toBeDefined()
  expect(cloudMock.callFunction).not.toHaveBeenCalled()
})

test('a photo goes to the emulator’s storage with wx.uploadFile', async () => {
  const page = open('wish/submit', 'demo-resident-2')
  page.querySelector('#photos')!.querySelector('.photo-add')!.dispatchEvent('tap')
  await until(() => upload.uploadFile.mock.calls.length > 0, 'the upload to start')
  await until(() => !page.data.uploading, 'the upload to finish')

  expect(photoMock.chooseMedia).toHaveBeenCalled()
  expect(page.data.photo).toMatch(CLOUD_ID)
  expect(thumbs(page)).toHaveLength(1)
  expect((await get(`${cloud.url}${filePath(page.data.photo)}`)).status).toBe(200)
  expect(cloudMock.uploadFile).not.toHaveBeenCalled()
})
