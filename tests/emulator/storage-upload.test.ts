import fs from 'node:fs'
import path from 'node:path'
import { startTestEmulator, type TestEmulator } from './helpers'

// What wx.uploadFile does against the emulator: a multipart `file` part in, a cloud:// id out, bytes served back.
let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator()
})

afterAll(() => t.close())

function form(bytes: Buffer, filename: string): FormData {
  const body = new FormData()
  body.append('file', new Blob([bytes], { type: 'image/jpeg' }), filename)
  return body
}

const upload = (body: FormData) =>
  fetch(`${t.emu.url}/__upload`, {
    method: 'POST',
    headers: { 'x-wx-openid': 'o_uploader' },
    body,
  })

test('an uploaded photo gets a cloud:// id whose temporary URL serves the same bytes', async () => {
  const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256))
  const res = await upload(form(bytes, 'tmp/照片 1.jpg'))
  expect(res.status).toBe(200)
  const { fileID } = (await res.json()) as { fileID: string }
  expect(fileID).toMatch(/^cloud:\/\/local\.[0-9a-f]{16}\/[\w.-]+\.jpg$/)
  expect(fs.readdirSync(path.join(t.dataDir, 'files'))).toHaveLength(1)

  const served = await fetch(`${t.emu.url}/__files/${encodeURIComponent(fileID)}`)
  expect(served.status).toBe(200)
  expect(served.headers.get('content-type')).toBe('image/jpeg')
  expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)

  const again = (await (await upload(form(bytes, 'a.jpg'))).json()) as { fileID: string }
  expect(again.fileID).not.toBe(fileID)
})

test('a file id the emulator never stored answers 404', async () => {
  for (const id of ['cloud://local.0123456789abcdef/none.jpg', 'cloud://local.env/news/a.png']) {
    const res = await fetch(`${t.emu.url}/__files/${encodeURIComponent(id)}`)
    expect(res.status).toBe(404)
  }
  expect((await fetch(`${t.emu.url}/__files/%E0%A4%A`)).status).toBe(404)
})

test('a photo over 10 MB answers 413 and is not kept', async () => {
  const before = fs.existsSync(path.join(t.dataDir, 'files'))
    ? fs.readdirSync(path.join(t.dataDir, 'files')).length
    : 0
  const res = await upload(form(Buffer.alloc(10 * 1024 * 1024 + 1), 'big.jpg'))
  expect(res.status).toBe(413)
  expect(fs.readdirSync(path.join(t.dataDir, 'files'))).toHaveLength(before)
})

test('an upload without a file part answers 400', async () => {
  const body = new FormData()
  body.append('note', 'no file')
  expect((await upload(body)).status).toBe(400)
})
