import http from 'node:http'
import { readJson } from '../support/platform'
import { callFn, fnError, startTestEmulator, stillServing, type TestEmulator } from './helpers'

// Requests a client can get wrong, or send to hurt us: each is answered in its route's error shape, and
// the emulator keeps serving everyone else afterwards. (A function's worker failing: worker-failures.test.ts.)
const ECHO = `exports.main = async (event) => ({ ok: true, data: { action: event.action, pid: process.pid } })`
const TICK = {
  source: `exports.main = async () => ({ ok: true })`,
  config: { triggers: [{ name: 'daily', type: 'timer', config: '0 0 2 * * * *' }] },
}

let t: TestEmulator

beforeAll(async () => {
  // One worker per function: a worker left busy would stall the next call instead of hiding behind a spare.
  t = await startTestEmulator(
    { cold: ECHO, warm: ECHO, echo: ECHO, tick: TICK },
    { workersPerFunction: 1 },
  )
})

afterAll(() => t.close())

type Raw = { status: number; body: Record<string, unknown> }

/** Any method, body and headers (fetch refuses a GET with a body); `chunked` omits content-length. */
function raw(
  method: string,
  path: string,
  body: string | Buffer = '',
  headers: Record<string, string> = {},
  chunked = false,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(body)
    const req = http.request(
      `${t.emu.url}${path}`,
      {
        method,
        agent: false,
        headers: {
          'content-type': 'application/json',
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': data.length }),
          ...headers,
        },
      },
      (res) =>
        readJson(res).then(
          ({ status, body }) => resolve({ status, body: body as Raw['body'] }),
          reject,
        ),
    )
    req.on('error', reject)
    if (chunked) for (let i = 0; i < data.length; i += 65536) req.write(data.subarray(i, i + 65536))
    req.end(chunked ? undefined : data)
  })
}

const nested = (depth: number) =>
  `{"action":"x","payload":${'['.repeat(depth)}${']'.repeat(depth)}}`

const adminError = {
  code: 'INVALID_PARAM',
  message: expect.any(String),
  requestId: expect.any(String),
}
const otherError = { errCode: -1, errMsg: expect.any(String) }

describe('a body nested thousands of levels deep', () => {
  test('to a function with no warm worker answers 400 and the emulator keeps serving', async () => {
    expect(await raw('POST', '/fn/cold', nested(10_000))).toEqual({
      status: 400,
      body: fnError('INVALID_ARGUMENT'),
    })
    await stillServing(t.emu.url)
  })

  test('to a function with a warm worker answers 400, and that worker still serves', async () => {
    expect((await callFn(t.emu.url, 'warm', { action: 'first' })).status).toBe(200)
    expect(await raw('POST', '/fn/warm', nested(10_000))).toEqual({
      status: 400,
      body: fnError('INVALID_ARGUMENT'),
    })
    expect(await callFn(t.emu.url, 'warm', { action: 'again' })).toMatchObject({
      status: 200,
      body: { ok: true, data: { action: 'again' } },
    })
    await stillServing(t.emu.url)
  })

  test('to /admin answers the protocol error, in the body or in a stored document', async () => {
    expect(
      await raw('POST', '/admin', `{"action":"database.getDocument","x":${nested(10_000)}}`),
    ).toEqual({ status: 400, body: adminError })
    // Past MongoDB's 100 levels, and past what bson's recursive EJSON.parse survives.
    for (const depth of [101, 10_000]) {
      const insert = await raw(
        'POST',
        '/admin',
        JSON.stringify({
          action: 'database.insertDocument',
          collectionName: 'orgs',
          data: [`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
        }),
      )
      expect(insert).toEqual({ status: 200, body: adminError })
    }
    // A shallow request whose dotted path would build a deep document in the update.
    const path = Array.from({ length: 2000 }, () => 'a').join('.')
    const upsert = await raw(
      'POST',
      '/admin',
      JSON.stringify({
        action: 'database.modifyDocument',
        collectionName: 'orgs',
        query: '{"_id":"deep"}',
        data: JSON.stringify({ $set: { [path]: 1 } }),
        upsert: true,
      }),
    )
    expect(upsert).toEqual({
      status: 200,
      body: { ...adminError, code: 'DATABASE_REQUEST_FAILED' },
    })
    expect(t.emu.app.store.col('orgs').docs.size).toBe(0)
    await stillServing(t.emu.url)
  })

  test('nesting a sane depth (50 levels) still goes through', async () => {
    const r = await raw('POST', '/fn/echo', nested(50))
    expect(r).toMatchObject({ status: 200, body: { ok: true, data: { action: 'x' } } })
  })
})

describe('malformed bodies are the client’s fault', () => {
  const json = { 'content-type': 'application/json' }
  const bodies: [string, string, Record<string, string>][] = [
    ['truncated JSON', '{"action":"me"', json],
    ['not JSON', 'hello', json],
    ['a JSON array', '[1,2]', json],
    ['JSON null', 'null', json],
    ['a JSON string', '"me"', json],
    ['a form', 'action=me', { 'content-type': 'application/x-www-form-urlencoded' }],
  ]

  test.each(bodies)('%s: 400 INVALID_ARGUMENT on /fn', async (_name, body, headers) => {
    expect(await raw('POST', '/fn/echo', body, headers)).toEqual({
      status: 400,
      body: fnError('INVALID_ARGUMENT'),
    })
  })

  test.each(bodies)('%s: 400 in the protocol’s shape on /admin', async (_name, body, headers) => {
    expect(await raw('POST', '/admin', body, headers)).toEqual({ status: 400, body: adminError })
    expect(await raw('POST', '/admin/w/w1', body, headers)).toEqual({
      status: 400,
      body: adminError,
    })
  })

  test.each(bodies)('%s: 400 on the local JSON routes', async (_name, body, headers) => {
    expect(await raw('POST', '/__security/words', body, headers)).toEqual({
      status: 400,
      body: otherError,
    })
  })

  test('a bad x-now header answers 400 INVALID_ARGUMENT on /fn', async () => {
    expect(await raw('POST', '/fn/echo', '{}', { 'x-now': 'yesterday' })).toEqual({
      status: 400,
      body: fnError('INVALID_ARGUMENT'),
    })
  })
})

describe('malformed percent-escapes in the path', () => {
  test('on /fn: 400 INVALID_ARGUMENT', async () => {
    expect(await raw('POST', '/fn/member%E0%A4%A', '{}')).toEqual({
      status: 400,
      body: fnError('INVALID_ARGUMENT'),
    })
  })

  test('on /__triggers and the console’s collection route: 400', async () => {
    for (const path of ['/__triggers/tick%E0%A4%A/daily', '/__triggers/tick/daily%E0%A4%A'])
      expect(await raw('POST', path)).toEqual({ status: 400, body: otherError })
    expect(await raw('GET', '/__collections/orgs%E0%A4%A')).toEqual({
      status: 400,
      body: otherError,
    })
    await stillServing(t.emu.url)
  })
})

describe('bodies over the route’s limit answer 413', () => {
  const MB = 1024 * 1024
  const big = (bytes: number) => `{"action":"x","pad":"${'x'.repeat(bytes)}"}`

  test('/fn, with and without content-length', async () => {
    for (const chunked of [false, true])
      expect(await raw('POST', '/fn/echo', big(6 * MB), {}, chunked)).toEqual({
        status: 413,
        body: fnError('INVALID_ARGUMENT'),
      })
  })

  test('/admin', async () => {
    expect(await raw('POST', '/admin', big(6 * MB))).toEqual({ status: 413, body: adminError })
  })

  test('the local routes, including those that read no body', async () => {
    for (const [method, path] of [
      ['POST', '/__security/words'],
      ['POST', '/__triggers/tick/daily'],
      ['GET', '/healthz'],
      ['GET', '/__collections'],
    ])
      expect(await raw(method, path, big(MB))).toEqual({ status: 413, body: otherError })
    await stillServing(t.emu.url)
  })

  test('a body just under the /fn limit still goes through', async () => {
    const r = await raw('POST', '/fn/echo', big(5 * MB))
    expect(r).toMatchObject({ status: 200, body: { ok: true, data: { action: 'x' } } })
  })
})

test('a wx.openApi form whose requestData is not protobuf: 400 in the protocol’s shape, and still serving', async () => {
  const boundary = 'hostile-boundary'
  const part = (name: string, value: string | Buffer) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n`),
      Buffer.from(value),
      Buffer.from('\r\n'),
    ])
  const form = Buffer.concat([
    part('action', 'wx.openApi'),
    part('apiName', 'security.msgSecCheck'),
    part('requestData', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])),
    Buffer.from(`--${boundary}--\r\n`),
  ])
  const type = { 'content-type': `multipart/form-data; boundary=${boundary}` }
  expect(await raw('POST', '/admin', form, type)).toEqual({ status: 400, body: adminError })
  await stillServing(t.emu.url)
})
