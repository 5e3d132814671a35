import { callFn, startTestEmulator, type TestEmulator } from './helpers'

// What a function's cloud.uploadFile does against the emulator (upload metadata, then a signed PUT as to
// COS), how the stored file comes back (getTempFileURL, the URL itself, the SDK's downloadFile) and
// cloud.deleteFile.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
const cloud: Any = require('wx-server-sdk')

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// Uploads the bytes it is given under the cloud path it is given, as the stats function's export does.
const UPLOADER = `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async (event) => {
  try {
    const res = await cloud.uploadFile({
      cloudPath: event.cloudPath,
      fileContent: Buffer.from(event.base64, 'base64'),
    })
    return { ok: true, fileID: res.fileID }
  } catch (e) {
    return { ok: false, error: String(e && (e.errMsg || e.message)) }
  }
}
`

let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator({ uploader: UPLOADER })
  cloud.init({ env: 'local', serviceUrl: `${t.emu.url}/admin`, secretId: 'l', secretKey: 'l' })
})

afterAll(() => t.close())

const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 13) % 256))

async function upload(cloudPath: string, content = bytes) {
  const reply = await callFn(t.emu.url, 'uploader', {
    cloudPath,
    base64: content.toString('base64'),
  })
  return reply.body as { ok: boolean; fileID?: string; error?: string }
}

test('a function uploads a file; its temporary URL serves it as a named xlsx attachment', async () => {
  const cloudPath = 'exports/community-xinhua/2026-04/members-1777777777777.xlsx'
  const { fileID } = await upload(cloudPath)
  expect(fileID).toMatch(/^cloud:\/\/local\.[0-9a-f]{16}\/exports\/community-xinhua\/2026-04\//)
  expect(fileID!.endsWith(cloudPath)).toBe(true)
  expect(t.emu.app.files.list()).toEqual([fileID])

  const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
  expect(fileList[0]).toMatchObject({ fileID, status: 0 })
  const served = await fetch(fileList[0].tempFileURL)
  expect(served.status).toBe(200)
  expect(served.headers.get('content-type')).toBe(XLSX)
  expect(served.headers.get('content-disposition')).toBe(
    'attachment; filename="members-1777777777777.xlsx"',
  )
  expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)

  // The SDK's own downloadFile encodes the temporary URL once more on its way.
  const { fileContent } = await cloud.downloadFile({ fileID })
  expect(Buffer.from(fileContent).equals(bytes)).toBe(true)
})

test('the same cloud path uploaded twice gives two files, each with its own bytes', async () => {
  const cloudPath = 'exports/district/2026-04/branches-1.xlsx'
  const first = await upload(cloudPath, Buffer.from('first'))
  const second = await upload(cloudPath, Buffer.from('second'))
  expect(first.fileID).not.toBe(second.fileID)
  const { fileList } = await cloud.getTempFileURL({ fileList: [first.fileID, second.fileID] })
  const texts = await Promise.all(
    fileList.map(async (f: { tempFileURL: string }) => (await fetch(f.tempFileURL)).text()),
  )
  expect(texts).toEqual(['first', 'second'])
})

test('a cloud path with other characters or a .. segment is refused and nothing is stored', async () => {
  const before = t.emu.app.files.list().length
  for (const cloudPath of ['exports/../x.xlsx', 'exports/月报.xlsx', '', 'a//b.xlsx']) {
    const reply = await upload(cloudPath)
    expect(reply.ok).toBe(false)
  }
  expect(t.emu.app.files.list()).toHaveLength(before)
})

test('a PUT without the signature getUploadMetadata gave is refused with COS’s XML error', async () => {
  const before = t.emu.app.files.list().length
  const meta = await fetch(`${t.emu.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'exports/x.xlsx' }),
  })
  const { data } = (await meta.json()) as { data: { url: string; authorization: string } }
  const put = (authorization: string) =>
    fetch(data.url, { method: 'PUT', headers: { authorization }, body: 'bytes' })

  const forged = await put('0'.repeat(32))
  expect(forged.status).toBe(403)
  expect(await forged.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/)
  expect(t.emu.app.files.list()).toHaveLength(before)

  expect((await put(data.authorization)).status).toBe(200)
  // A signature serves one upload.
  expect((await put(data.authorization)).status).toBe(403)
  expect(t.emu.app.files.list()).toHaveLength(before + 1)
})

test('cloud.deleteFile removes a stored file: its download then fails, and deleting it again says it is gone', async () => {
  const { fileID } = await upload('exports/branch-2/2026-04/members-gone-1.xlsx')
  const { fileID: kept } = await upload('exports/branch-2/2026-04/members-kept-1.xlsx')
  const { fileList } = await cloud.deleteFile({ fileList: [fileID] })
  expect(fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }])
  expect(t.emu.app.files.list()).not.toContain(fileID)
  expect(t.emu.app.files.list()).toContain(kept)
  await expect(cloud.downloadFile({ fileID })).rejects.toBeDefined()
  expect((await fetch(`${t.emu.url}/__files/${encodeURIComponent(fileID!)}`)).status).toBe(404)

  // STORAGE_FILE_NONEXIST, for a file deleted before and for one never stored, and the other one still there.
  const again = await cloud.deleteFile({
    fileList: [fileID, 'cloud://local.0123456789abcdef/none.xlsx'],
  })
  expect(again.fileList.map((f: { status: number }) => f.status)).toEqual([-503003, -503003])
  expect(t.emu.app.files.list()).toContain(kept)

  // At most 50 ids a call, as CloudBase documents.
  const tooMany = Array.from({ length: 51 }, (_, i) => `cloud://local.0123456789abcdef/${i}.xlsx`)
  await expect(cloud.deleteFile({ fileList: tooMany })).rejects.toMatchObject({
    errMsg: expect.stringMatching(/1 to 50/),
  })
})
