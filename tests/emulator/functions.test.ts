import { nextRun, parseCron } from '../../emulator/src/cron'
import { callFn, getJson, startTestEmulator, type TestEmulator } from './helpers'

// Reads identity at start, awaits DB round trips, reads it again: a leak between concurrent calls would show.
const WHOAMI = `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
exports.main = async (event) => {
  const first = cloud.getWXContext().OPENID
  const nowAtStart = process.env.LX_NOW || null
  const { _id } = await db.collection('visits').add({ data: { openid: first, at: db.serverDate() } })
  await new Promise((r) => setTimeout(r, 20))
  const { data } = await db.collection('visits').where({ openid: first }).get()
  return { ok: true, first, last: cloud.getWXContext().OPENID, userInfo: event.userInfo,
    nowAtStart, nowAtEnd: process.env.LX_NOW || null, visits: data.length,
    lastAt: (await db.collection('visits').doc(_id).get()).data.at, extra: process.env.DISTRICT_ADMIN_OPENIDS, cfg: process.env.FROM_CONFIG }
}
`
const LOOKUP = `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
exports.main = async (event) => {
  if (event.seed) {
    for (let i = 0; i < event.seed; i += 500) {
      const batch = []
      for (let j = i; j < Math.min(event.seed, i + 500); j++)
        batch.push({ openid: 'o' + j, branchId: 'b' + (j % 50), status: j % 3 ? 'active' : 'left', communityId: 'c' + (j % 7) })
      await db.collection('members').add({ data: batch })
    }
    return { ok: true }
  }
  const { data } = await db.collection('members').where({ branchId: event.branchId, status: 'active' }).get()
  return { ok: true, n: data.length }
}
`
const FAILS = `exports.main = async () => { throw new Error('kaput') }`
// Loading takes longer than the function's 1 s timeout allows one invocation (a large bundle on a busy machine).
const SLOW_LOAD = {
  source: `const until = Date.now() + 1500
while (Date.now() < until);
exports.main = async () => ({ ok: true, loadedBefore: true })`,
  config: { timeout: 1 },
}
const TIMER = {
  source: `exports.main = async (event) => ({ ok: true, event, now: process.env.LX_NOW || null })`,
  config: { triggers: [{ name: 'monthly', type: 'timer', config: '0 0 1 1 * * *' }] },
}

let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator(
    { whoami: WHOAMI, lookup: LOOKUP, fails: FAILS, tick: TIMER, slowLoad: SLOW_LOAD },
    { functionEnv: { DISTRICT_ADMIN_OPENIDS: 'o_admin' } },
  )
  await t.emu.app.store.addCollection('visits')
})

afterAll(() => t.close())

test('identity never leaks between concurrent invocations; x-now is per call', async () => {
  const users = ['o_alice', 'o_bob', 'o_carol', 'o_dave', 'o_erin', 'o_frank']
  const calls = users.flatMap((u, i) => [
    callFn(
      t.emu.url,
      'whoami',
      { action: 'who' },
      { 'x-wx-openid': u, ...(i % 2 ? { 'x-now': `2024-0${i}-15T08:00:00.000Z` } : {}) },
    ),
    callFn(t.emu.url, 'whoami', { action: 'who' }, { 'x-wx-openid': u }),
  ])
  const results = await Promise.all(calls)
  results.forEach((r, k) => {
    const user = users[Math.floor(k / 2)]
    const i = Math.floor(k / 2)
    const body = r.body as Record<string, unknown>
    expect(r.status).toBe(200)
    expect(body).toMatchObject({
      first: user,
      last: user,
      userInfo: { openId: user, appId: 'wxlocalapp' },
    })
    const expectedNow = k % 2 === 0 && i % 2 ? `2024-0${i}-15T08:00:00.000Z` : null
    expect(body.nowAtStart).toBe(expectedNow)
    expect(body.nowAtEnd).toBe(expectedNow)
    if (expectedNow) expect(body.lastAt).toBe(expectedNow) // serverDate follows the invocation clock
    expect(Number(r.headers.get('x-db-round-trips'))).toBe(3)
    expect(r.headers.get('x-request-id')).toBeTruthy()
    expect(body.extra).toBe('o_admin')
  })
  const anon = await callFn(t.emu.url, 'whoami')
  expect(anon.body).toMatchObject({ first: '', last: '' })
  const calls2 = await getJson<
    { fn: string; action: string; code: string; dbRoundTrips: number }[]
  >(`${t.emu.url}/__calls?limit=3`)
  expect(calls2).toHaveLength(3)
  expect(calls2[2]).toMatchObject({ fn: 'whoami', code: 'OK', dbRoundTrips: 3 })
})

test('unknown function → 404 NOT_FOUND, throwing function → 500 INTERNAL, CORS preflight', async () => {
  const missing = await callFn(t.emu.url, 'nope')
  expect(missing.status).toBe(404)
  expect(missing.body).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  const failed = await callFn(t.emu.url, 'fails')
  expect(failed.status).toBe(500)
  expect(failed.body).toEqual({
    ok: false,
    code: 'INTERNAL',
    message: '云函数执行失败',
    errMsg: 'kaput',
  })
  const pre = await fetch(`${t.emu.url}/fn/whoami`, { method: 'OPTIONS' })
  expect(pre.status).toBe(204)
  expect(pre.headers.get('access-control-allow-origin')).toBe('*')
  expect(await getJson(`${t.emu.url}/healthz`)).toEqual({ ok: true })
})

test('an indexed equality lookup over 5,000 docs examines only matching docs', async () => {
  expect((await callFn(t.emu.url, 'lookup', { seed: 5000 })).status).toBe(200)
  const r = await callFn(t.emu.url, 'lookup', { branchId: 'b7' })
  const matching = Array.from({ length: 5000 }, (_x, j) => j).filter(
    (j) => j % 50 === 7 && j % 3 !== 0,
  )
  expect(r.body).toMatchObject({ n: matching.length })
  expect(Number(r.headers.get('x-docs-examined'))).toBe(matching.length)
  const stats = await getJson<{ collections: Record<string, { docsExamined: number }> }>(
    `${t.emu.url}/__stats`,
  )
  expect(stats.collections.members.docsExamined).toBeLessThan(5000)
})

test('unique index on members.openid is enforced', async () => {
  const { emu } = t
  const store = emu.app.store
  const tx = store.tx()
  expect(() => store.insert(tx, 'members', [{ openid: 'o1' }])).not.toThrow()
  expect(() => store.finish(tx)).toThrow(/duplicate key/)
})

describe('timer triggers', () => {
  test('7-field cron runs on Asia/Shanghai wall time regardless of TZ', () => {
    expect(process.env.TZ).toBe('UTC')
    // 1st of the month, 01:00:00 Beijing = 17:00 UTC the day before
    expect(nextRun('0 0 1 1 * * *', new Date('2024-03-05T10:00:00Z'))?.toISOString()).toBe(
      '2024-03-31T17:00:00.000Z',
    )
    // midnight Beijing, strictly after "from"
    expect(nextRun('0 0 0 * * * *', new Date('2024-03-05T16:00:00Z'))?.toISOString()).toBe(
      '2024-03-06T16:00:00.000Z',
    )
    expect(
      nextRun('0 */15 9-10 * * MON-FRI *', new Date('2024-03-08T02:50:00Z'))?.toISOString(),
    ).toBe('2024-03-11T01:00:00.000Z')
    expect(nextRun('30 0 8 1 1 * 2025', new Date('2024-03-05T00:00:00Z'))?.toISOString()).toBe(
      '2025-01-01T00:00:30.000Z',
    )
    expect(nextRun('0 0 0 1 1 * 2020', new Date('2024-01-01T00:00:00Z'))).toBeNull()
    expect(() => parseCron('0 0 * * *')).toThrow()
  })

  test('GET /__triggers lists them and POST runs one now with x-now', async () => {
    const list = await getJson<{ fn: string; name: string; next: string }[]>(
      `${t.emu.url}/__triggers`,
    )
    expect(list).toEqual([
      expect.objectContaining({ fn: 'tick', name: 'monthly', config: '0 0 1 1 * * *' }),
    ])
    const res = await fetch(`${t.emu.url}/__triggers/tick/monthly`, {
      method: 'POST',
      headers: { 'x-now': '2024-04-30T17:00:00.000Z' },
    })
    expect(await res.json()).toEqual({
      result: {
        ok: true,
        now: '2024-04-30T17:00:00.000Z',
        event: expect.objectContaining({
          Type: 'Timer',
          TriggerName: 'monthly',
          Time: '2024-04-30T17:00:00.000Z',
        }),
      },
    })
    expect((await fetch(`${t.emu.url}/__triggers/tick/nope`, { method: 'POST' })).status).toBe(404)
  })
})

test('a bundle loads before its first invocation starts: loading is not charged to the call’s timeout', async () => {
  const r = await callFn(t.emu.url, 'slowLoad')
  expect(r).toMatchObject({ status: 200, body: { ok: true, loadedBefore: true } })
})
