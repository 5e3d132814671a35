import { startTestEmulator, type TestEmulator } from './helpers'

// Functions, openapi and the node SDK through the real, unmodified SDKs (the database protocol: protocol.test.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
const cloud: Any = require('wx-server-sdk')

let t: TestEmulator

const ECHO = `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async (event) => {
  if (event.boom) throw new Error('boom')
  const ctx = cloud.getWXContext()
  return { ok: true, event, openid: ctx.OPENID, env: ctx.ENV, now: process.env.LX_NOW || null }
}
`
const CALLER = `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async (event) => {
  const r = await cloud.callFunction({ name: 'echo', data: { via: 'caller', x: event.x } })
  await cloud.database().collection('notes').add({ data: { at: cloud.database().serverDate() } })
  return r.result
}
`

beforeAll(async () => {
  t = await startTestEmulator({ echo: ECHO, caller: CALLER })
  cloud.init({
    env: 'local',
    serviceUrl: `${t.emu.url}/admin`,
    secretId: 'local',
    secretKey: 'local',
  })
  await cloud.database().createCollection('notes')
})

afterAll(() => t.close())

describe('functions and openapi through wx-server-sdk', () => {
  test('cloud.callFunction runs a function without user identity', async () => {
    const r = await cloud.callFunction({ name: 'echo', data: { a: 1 } })
    expect(r.result).toMatchObject({ ok: true, event: { a: 1 }, openid: '', env: 'local' })
    const nested = await cloud.callFunction({ name: 'caller', data: { x: 5 } })
    expect(nested.result).toMatchObject({ event: { via: 'caller', x: 5 } })
    await expect(cloud.callFunction({ name: 'missing' })).rejects.toBeTruthy()
    await expect(cloud.callFunction({ name: 'echo', data: { boom: true } })).rejects.toBeTruthy()
  })

  test('msgSecCheck: pass, risky, extended word list', async () => {
    const check = (content: string) =>
      cloud.openapi.security.msgSecCheck({ openid: 'o1', scene: 2, version: 2, content })
    const pass = await check('今天天气不错')
    expect(pass).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } })
    const risky = await check('一起来赌博吧')
    expect(risky.result.suggest).toBe('risky')
    expect(risky.result.label).not.toBe(100)
    expect(risky.traceId ?? risky.trace_id).toBeTruthy()

    expect((await check('西瓜')).result.suggest).toBe('pass')
    await fetch(`${t.emu.url}/__security/words`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ words: ['西瓜'] }),
    })
    expect((await check('卖西瓜')).result.suggest).toBe('risky')
    const words = (await (await fetch(`${t.emu.url}/__security/words`)).json()) as {
      words: string[]
    }
    expect(words.words).toEqual(expect.arrayContaining(['赌博', '西瓜']))
  })

  test('mediaCheckAsync and subscribeMessage.send', async () => {
    const media = await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: 'https://example.com/a.png',
      mediaType: 2,
      version: 2,
      openid: 'o1',
      scene: 1,
    })
    expect(media.errCode).toBe(0)
    expect(media.traceId ?? media.trace_id).toBeTruthy()

    await fetch(`${t.emu.url}/__outbox`, { method: 'DELETE' })
    const sent = await cloud.openapi.subscribeMessage.send({
      touser: 'o_user',
      templateId: 'TPL1',
      page: 'pages/index/index',
      data: { thing1: { value: '开会' } },
    })
    expect(sent.errCode).toBe(0)
    const outbox = (await (await fetch(`${t.emu.url}/__outbox`)).json()) as object[]
    expect(outbox).toEqual([
      expect.objectContaining({
        touser: 'o_user',
        template_id: 'TPL1',
        page: 'pages/index/index',
        data: { thing1: { value: '开会' } },
      }),
    ])
  })
})

describe('@cloudbase/node-sdk 3.18.3', () => {
  test('add/get and callFunction', async () => {
    const tcb = require('@cloudbase/node-sdk')
    const app = tcb.init({
      env: 'local',
      serviceUrl: `${t.emu.url}/admin`,
      secretId: 'local',
      secretKey: 'local',
    })
    const tdb = app.database()
    const { id } = await tdb.collection('notes').add({ from: 'node-sdk', n: 2 })
    const got = await tdb.collection('notes').doc(id).get()
    expect(got.data[0]).toMatchObject({ from: 'node-sdk', n: 2 })
    const r = await app.callFunction({ name: 'echo', data: { b: 2 } })
    expect(r.result).toMatchObject({ event: { b: 2 } })
  })
})
