import { until } from '../support/until'
import { getJson, callFn, startTestEmulator, type TestEmulator } from './helpers'

// The real, unmodified SDK against the emulator's storage URLs and media-check result push.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
const cloud: Any = require('wx-server-sdk')

// Starts a media check on a file's temporary URL; a pushed result is stored with the identity it came with.
const ASKER = `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
exports.main = async (event) => {
  if (event.MsgType === 'event') {
    await db.collection('pushed').add({ data: { event, openid: cloud.getWXContext().OPENID || null } })
    return { ok: true, seen: event.trace_id }
  }
  const { fileList } = await cloud.getTempFileURL({ fileList: [event.fileId] })
  const check = await cloud.openapi.security.mediaCheckAsync({
    mediaUrl: fileList[0].tempFileURL, mediaType: 2, version: 2, openid: 'o_author', scene: 3,
  })
  return { ok: true, url: fileList[0].tempFileURL, traceId: check.traceId }
}
`

type Check = {
  trace_id: string
  media_url: string
  fn?: string
  delivered: Record<string, unknown> | null
  reply?: unknown
}

let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator({ asker: ASKER })
  await t.emu.app.store.addCollection('pushed')
  cloud.init({ env: 'local', serviceUrl: `${t.emu.url}/admin`, secretId: 'l', secretKey: 'l' })
})

afterAll(() => t.close())

const checksOf = (url: string) => getJson<Check[]>(`${url}/__security/media-checks`)
const traceIdOf = (reply: { body: unknown }) => (reply.body as { traceId: string }).traceId

/** The emulator's record of a check once its result has been pushed and handled. */
async function delivered(traceId: string, url = t.emu.url): Promise<Check> {
  let check: Check | undefined
  await until(async () => {
    check = (await checksOf(url)).find((c) => c.trace_id === traceId)
    return !!check?.delivered
  }, `media check ${traceId} to be delivered`)
  return check!
}

test('getTempFileURL answers a deterministic local URL per file id, and an error for a bad id', async () => {
  const ids = ['cloud://local.env/news/a.png', 'cloud://local.env/news/照片 b.jpg']
  const { fileList } = await cloud.getTempFileURL({
    fileList: [ids[0], { fileID: ids[1], maxAge: 60 }, 'not-a-file-id'],
  })
  expect(fileList).toEqual([
    expect.objectContaining({
      fileID: ids[0],
      status: 0,
      tempFileURL: `${t.emu.url}/__files/${encodeURIComponent(ids[0])}`,
      maxAge: 86400,
    }),
    expect.objectContaining({
      fileID: ids[1],
      status: 0,
      tempFileURL: `${t.emu.url}/__files/${encodeURIComponent(ids[1])}`,
      maxAge: 60,
    }),
    expect.objectContaining({ fileID: 'not-a-file-id', status: -503003, tempFileURL: '' }),
  ])
  const again = await cloud.getTempFileURL({ fileList: [ids[0]] })
  expect(again.fileList[0].tempFileURL).toBe(fileList[0].tempFileURL)
})

test('a storage action the emulator does not know still fails', async () => {
  // wx-server-sdk's storage calls are all served; @cloudbase/node-sdk's copyFile is not.
  const app = require('@cloudbase/node-sdk').init({
    env: 'local',
    serviceUrl: `${t.emu.url}/admin`,
    secretId: 'local',
    secretKey: 'local',
  })
  await expect(
    app.copyFile({
      fileList: [{ srcPath: 'cloud://local.env/news/a.png', dstPath: 'copies/a.png' }],
    }),
  ).rejects.toThrow(/not supported by the local emulator/)
})

test('a function’s media check gets its result pushed back to it later, without a user', async () => {
  const reply = await callFn(
    t.emu.url,
    'asker',
    { fileId: 'cloud://local.env/news/ok.png' },
    { 'x-wx-openid': 'o_author', 'x-now': '2026-03-01T10:00:00+08:00' },
  )
  const { url, traceId } = reply.body as { url: string; traceId: string }
  expect(url).toBe(`${t.emu.url}/__files/${encodeURIComponent('cloud://local.env/news/ok.png')}`)

  const check = await delivered(traceId)
  expect(check).toMatchObject({ media_url: url, fn: 'asker', reply: { ok: true, seen: traceId } })
  const event = {
    ToUserName: expect.any(String),
    FromUserName: 'o_author',
    CreateTime: Date.parse('2026-03-01T10:00:00+08:00') / 1000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wxlocalapp',
    trace_id: traceId,
    version: 2,
    detail: [expect.objectContaining({ strategy: 'content_model', suggest: 'pass', label: 100 })],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: 'pass', label: 100 },
  }
  expect(check.delivered).toEqual(event)
  const { data } = await cloud
    .database()
    .collection('pushed')
    .where({ 'event.trace_id': traceId })
    .get()
  expect(data).toEqual([
    expect.objectContaining({ openid: null, event: expect.objectContaining(event) }),
  ])
})

test('a URL with the risky marker or a blocked word (even percent-encoded) is judged risky', async () => {
  const verdicts = await Promise.all(
    ['cloud://local.env/news/risky.png', 'cloud://local.env/news/赌博.png'].map(async (fileId) => {
      const reply = await callFn(t.emu.url, 'asker', { fileId }, { 'x-wx-openid': 'o_author' })
      const check = await delivered(traceIdOf(reply))
      return check.delivered?.result
    }),
  )
  expect(verdicts).toEqual([
    { suggest: 'risky', label: 21000 },
    { suggest: 'risky', label: 20006 },
  ])
})

test('a media check from outside any function is recorded but has nobody to push to', async () => {
  const check = await cloud.openapi.security.mediaCheckAsync({
    mediaUrl: 'https://example.com/a.png',
    mediaType: 2,
    version: 2,
    openid: 'o1',
    scene: 1,
  })
  // A check a function asks for afterwards is pushed and handled: this one would have been by then.
  await delivered(
    traceIdOf(await callFn(t.emu.url, 'asker', { fileId: 'cloud://local.env/a.png' })),
  )
  const checks = await checksOf(t.emu.url)
  expect(checks.find((c) => c.trace_id === check.traceId)).toMatchObject({ delivered: null })
})

test('held media check results wait until released', async () => {
  const hold = (on: boolean) =>
    getJson<Check[]>(`${t.emu.url}/__security/media-checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hold: on }),
    })
  // An emulator that holds nothing paces the wait: its check, asked afterwards, is pushed and handled.
  const pacer = await startTestEmulator({ asker: ASKER })
  try {
    await hold(true)
    const fileId = 'cloud://local.env/news/held.png'
    const traceId = traceIdOf(await callFn(t.emu.url, 'asker', { fileId }))
    await delivered(traceIdOf(await callFn(pacer.emu.url, 'asker', { fileId })), pacer.emu.url)
    const checks = await checksOf(t.emu.url)
    expect(checks.find((c) => c.trace_id === traceId)).toMatchObject({ delivered: null })
    await hold(false)
    expect((await delivered(traceId)).delivered).toMatchObject({ result: { suggest: 'pass' } })
  } finally {
    await pacer.close()
  }
})

test('with mediaCheckPushTo set, every function’s results go to that one function, as 消息推送 does', async () => {
  const RECEIVER = `exports.main = async (event) => ({ received: event.trace_id })`
  const other = await startTestEmulator(
    { asker: ASKER, receiver: RECEIVER },
    { mediaCheckPushTo: 'receiver' },
  )
  try {
    const reply = await callFn(
      other.emu.url,
      'asker',
      { fileId: 'cloud://local.env/wish/photo.png' },
      { 'x-wx-openid': 'o_author' },
    )
    const traceId = traceIdOf(reply)
    await until(() => !!other.emu.app.openapi.mediaChecks[0]?.delivered, 'the pushed result')
    expect(other.emu.app.openapi.mediaChecks).toEqual([
      expect.objectContaining({
        trace_id: traceId,
        fn: 'receiver',
        delivered: expect.objectContaining({ Event: 'wxa_media_check', trace_id: traceId }),
        reply: { received: traceId },
      }),
    ])
  } finally {
    await other.close()
  }
})
