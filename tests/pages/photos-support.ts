// For the photo page tests: attach photos through a page's photo-picker, submit the form and follow its
// redirect, and read files back from the emulator.
import http from 'http'
import { type PageComponent, type Rendered, cloudMock, tap, until, wxMock } from './harness'

/** page-env's wx.chooseMedia and wx.previewImage. */
export const photoMock = wx as unknown as Record<'chooseMedia' | 'previewImage', jest.Mock>
export const CLOUD_ID = /^cloud:\/\/local\.[0-9a-f]{16}\/[\w.-]+\.jpg$/

/** A GET through Node's http (jsdom has no fetch). */
export const get = (url: string) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString('latin1')))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      })
      .on('error', reject)
  })

/** Where the emulator serves a stored file (what an `<image>` showing its id loads). */
export const filePath = (id: string) => `/__files/${encodeURIComponent(id)}`

/**
 * The file paths `<image>`s with these `src`s load: WeChat resolves a `cloud://` id to a temporary URL
 * (wx.cloud.getTempFileURL here); any other src is a URL already.
 */
export async function loaded(srcs: string[]): Promise<string[]> {
  const ids = srcs.filter((src) => src.startsWith('cloud://'))
  const { fileList } = ids.length
    ? await wx.cloud.getTempFileURL({ fileList: ids })
    : { fileList: [] }
  const urls = new Map(fileList.map((f) => [f.fileID, f.tempFileURL]))
  return srcs.map((src) => new URL(urls.get(src) ?? src).pathname)
}

/** Taps the picker's add button and waits for the upload to finish. */
export async function addPhoto(
  page: PageComponent<
    'appeal/new' | 'branch/news-editor' | 'branch/orglife-form' | 'wish/detail' | 'wish/submit'
  >,
  picker = '#photos',
): Promise<void> {
  const uploads = cloudMock.uploadFile.mock.calls.length
  page.querySelector(picker)!.querySelector('.photo-add')!.dispatchEvent('tap')
  await until(() => cloudMock.uploadFile.mock.calls.length > uploads, 'the upload to start')
  await until(() => !page.data.uploading, 'the upload to finish')
}

export const thumbs = (page: Rendered, picker = '#photos') =>
  page.querySelector(picker)?.querySelectorAll('.photo-thumb') ?? []

/** The file paths a read-only picker's rendered thumbnails load. */
export function shown(page: Rendered, picker: string): Promise<string[]> {
  const photos: { src: string }[] = page.querySelector(picker)?.data.photos ?? []
  expect(thumbs(page, picker)).toHaveLength(photos.length)
  return loaded(photos.map((p) => p.src))
}

/** Taps the thumbnail at `index` and answers what wx.previewImage was asked to show, as file paths. */
export async function preview(page: Rendered, picker: string, index: number) {
  const previews = photoMock.previewImage.mock.calls.length
  thumbs(page, picker)[index].dispatchEvent('tap')
  await until(() => photoMock.previewImage.mock.calls.length > previews, 'the full-screen preview')
  const { current, urls } = photoMock.previewImage.mock.lastCall?.[0] as {
    current: string
    urls: string[]
  }
  const [shownNow, ...all] = await loaded([current, ...urls])
  return { current: shownNow, urls: all }
}

/** Submits the form and answers the id in the page it redirects to. */
export async function submitAndFollow(page: Rendered, button: string): Promise<string> {
  const redirects = wxMock.redirectTo.mock.calls.length
  tap(page, button)
  await until(() => wxMock.redirectTo.mock.calls.length > redirects, 'the redirect')
  return decodeURIComponent(/id=([^&]+)/.exec(wxMock.redirectTo.mock.lastCall?.[0].url)?.[1] ?? '')
}
