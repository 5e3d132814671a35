// A function's worker that cannot be sent an event, exits, is killed or runs past its timeout fails that call
// only (INTERNAL); the next call gets a worker that serves.
import fs from 'node:fs'
import path from 'node:path'
import { until } from '../support/until'
import { callFn, fnError, startTestEmulator, stillServing, type TestEmulator } from './helpers'

const ECHO = `exports.main = async (event) => ({ ok: true, data: { action: event.action, pid: process.pid } })`
// Dies or hangs on request (leaving a file `hanging` beside itself once it does); otherwise says which
// process served it.
const FRAGILE = {
  source: `exports.main = async (event) => {
    if (event.action === 'die') process.exit(7)
    if (event.action === 'hang') {
      require('fs').writeFileSync(require('path').join(__dirname, 'hanging'), '')
      await new Promise(() => {})
    }
    return { ok: true, data: { pid: process.pid } }
  }`,
  config: { timeout: 1 },
}
let t: TestEmulator

beforeAll(async () => {
  // One worker per function: a worker left busy would stall the next call instead of hiding behind a spare.
  t = await startTestEmulator({ echo: ECHO, fragile: FRAGILE }, { workersPerFunction: 1 })
})

afterAll(() => t.close())

describe('a function whose worker fails', () => {
  test('an event the worker cannot be sent fails that call only; the worker is not left busy', async () => {
    let deep: unknown = {}
    for (let i = 0; i < 100_000; i++) deep = { a: deep }
    await expect(t.emu.app.invoke('echo', { action: 'deep', payload: deep })).rejects.toMatchObject(
      {
        status: 500,
      },
    )
    // With one worker per function, a worker still marked busy would hold this call until its timeout.
    const { result } = await t.emu.app.invoke('echo', { action: 'after' })
    expect(result).toMatchObject({ ok: true, data: { action: 'after' } })
  })

  test('a worker that exits mid-invocation answers INTERNAL and the next call gets a fresh one', async () => {
    const before = await callFn(t.emu.url, 'fragile', { action: 'pid' })
    const died = await callFn(t.emu.url, 'fragile', { action: 'die' })
    expect(died).toMatchObject({ status: 500, body: fnError('INTERNAL') })
    const after = await callFn(t.emu.url, 'fragile', { action: 'pid' })
    expect(after.status).toBe(200)
    expect((after.body as { data: { pid: number } }).data.pid).not.toBe(
      (before.body as { data: { pid: number } }).data.pid,
    )
    await stillServing(t.emu.url)
  })

  test('a worker killed with SIGKILL while it works answers INTERNAL; the next call succeeds', async () => {
    const { pid } = (
      (await callFn(t.emu.url, 'fragile', { action: 'pid' })).body as { data: { pid: number } }
    ).data
    const hanging = path.join(t.functionsRoot, 'fragile', 'hanging')
    fs.rmSync(hanging, { force: true })
    const hung = callFn(t.emu.url, 'fragile', { action: 'hang' })
    await until(() => fs.existsSync(hanging), 'the worker to be inside the call')
    process.kill(pid, 'SIGKILL')
    expect(await hung).toMatchObject({ status: 500, body: fnError('INTERNAL') })
    expect((await callFn(t.emu.url, 'fragile', { action: 'pid' })).status).toBe(200)
  })

  test('a function past its timeout answers INTERNAL and a queued call runs on a fresh worker', async () => {
    const [hung, queued] = await Promise.all([
      callFn(t.emu.url, 'fragile', { action: 'hang' }),
      callFn(t.emu.url, 'fragile', { action: 'pid' }),
    ])
    expect(hung).toMatchObject({
      status: 500,
      body: { ...fnError('INTERNAL'), errMsg: expect.stringMatching(/timed out/) },
    })
    expect(queued.status).toBe(200)
  })
})
