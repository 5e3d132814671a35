// A private local cloud per test file: the emulator on a free port with a fresh data folder, the built
// functions, and the demo district seeded through @cloudbase/node-sdk — the same path `npm start` takes.
// Tests call functions as a named user through a client typed from the contract: `cloud.as(openid).wish.claim`.
import fs from 'fs'
import os from 'os'
import path from 'path'
import cloud from 'wx-server-sdk'
import type { Args } from '../../miniprogram/services/api'
import {
  type ActionName,
  type ActionOutput,
  type FunctionName,
  type Reply,
  contract,
} from '../../typings/index'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberMonthDoc } from '../../cloudfunctions/_shared/month-counters'
import { memberMonthId } from '../../cloudfunctions/_shared/participation'
import { type Emulator, startEmulator } from '../../emulator/src/index'
import { FUNCTIONS_ROOT } from '../../emulator/scripts/paths'
import { seedDemo } from '../../emulator/scripts/seed'
import { type Platform, platform, postJson } from './platform'

export { postJson }

export type CallMeta = { requestId: string; dbRoundTrips: number; docsExamined: number }

/** Every action of every function as a method, typed from the contract. */
type Client<Answer extends 'reply' | 'measured'> = {
  [F in FunctionName]: {
    [A in ActionName<F>]: (
      ...args: Args<F, A>
    ) => Promise<
      Answer extends 'reply'
        ? Reply<ActionOutput<F, A>>
        : { reply: Reply<ActionOutput<F, A>>; meta: CallMeta }
    >
  }
}

/** A user's calls, each answering the whole reply: tests assert on refusals as much as on data. */
export type Caller = Client<'reply'>

type CallOpts = { now?: string }

export type TestCloud = Platform & {
  url: string
  /** The emulator's in-process engine, for what the HTTP surface does not show (e.g. the store's version). */
  app: Emulator['app']
  /** The real wx-server-sdk database, pointed at this emulator, for asserting what is stored. */
  db: ReturnType<typeof cloud.database>
  close(): Promise<void>
  /** Calls as a WeChat user through the emulator's HTTP entry (x-wx-openid; x-now when `now` is set). */
  as(openid: string, opts?: CallOpts): Caller
  /** The same calls, each with what the emulator measured for it (round trips, documents examined). */
  measure(openid: string, opts?: CallOpts): Client<'measured'>
  /** A call whose function and action are picked at run time (action tables, hostile payloads): untyped. */
  callAs<T = unknown>(
    openid: string,
    fn: string,
    action: string,
    payload?: unknown,
    opts?: CallOpts,
  ): Promise<Reply<T>>
  /** Stored documents matching `where` (at most 1000). */
  docs<T = Record<string, unknown>>(collection: string, where?: object): Promise<T[]>
  /** The stored document with this id, or undefined. */
  doc<T = Record<string, unknown>>(collection: string, id: string): Promise<T | undefined>
}

/** A typed client whose every method hands its function, action and payload to `send`. */
function clientOf<Answer extends 'reply' | 'measured'>(
  send: (fn: string, action: string, payload: unknown) => Promise<unknown>,
): Client<Answer> {
  const methods = (fn: string, actions: object) =>
    Object.fromEntries(
      Object.keys(actions).map((action) => [
        action,
        (payload?: unknown) => send(fn, action, payload),
      ]),
    )
  return Object.fromEntries(
    Object.entries(contract).map(([fn, actions]) => [fn, methods(fn, actions)]),
  ) as Client<Answer>
}

/**
 * `dataDir`: start on that data folder, which `close` then leaves; else a fresh one. A restart also keeps the
 * `port`: wx-server-sdk keeps its first client of an environment, whatever a later `cloud.init` says.
 */
export async function startTestCloud(
  opts: { seed?: boolean; dataDir?: string; port?: number } = {},
): Promise<TestCloud> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lx-cloud-'))
  const emu = await startEmulator({
    port: opts.port ?? 0,
    dataDir,
    functionsRoot: FUNCTIONS_ROOT,
    functionEnv: { DISTRICT_ADMIN_OPENIDS: 'demo-district-admin,bootstrap-admin' },
    // Where production's 消息推送 goes (README): wish's and orglife's image checks settle in interact too.
    mediaCheckPushTo: 'interact',
    log: () => undefined,
  })
  if (opts.seed !== false) {
    await seedDemo({
      env: 'local',
      serviceUrl: `${emu.url}/admin`,
      secretId: 'local',
      secretKey: 'local',
    })
  }
  const callWithMeta = async (
    openid: string,
    fn: string,
    action: string,
    payload: unknown,
    callOpts: CallOpts = {},
  ) => {
    const headers: Record<string, string> = { 'x-wx-openid': openid }
    if (callOpts.now) headers['x-now'] = callOpts.now
    const res = await postJson(`${emu.url}/fn/${fn}`, { action, payload }, headers)
    if (res.status !== 200)
      throw new Error(`${fn}.${action} answered HTTP ${res.status}: ${JSON.stringify(res.body)}`)
    const meta: CallMeta = {
      requestId: String(res.headers['x-request-id'] ?? ''),
      dbRoundTrips: Number(res.headers['x-db-round-trips'] ?? NaN),
      docsExamined: Number(res.headers['x-docs-examined'] ?? NaN),
    }
    return { reply: res.body as Reply<never>, meta }
  }
  const callAs = async (
    openid: string,
    fn: string,
    action: string,
    payload?: unknown,
    callOpts?: CallOpts,
  ) => (await callWithMeta(openid, fn, action, payload, callOpts)).reply
  cloud.init({
    env: 'local',
    serviceUrl: `${emu.url}/admin`,
    secretId: 'local',
    secretKey: 'local',
  } as never)
  const db = cloud.database()
  const docs = <T>(collection: string, where: object = {}) =>
    rows<T>(db.collection(collection).where(where).limit(1000))
  return {
    ...platform(emu.url),
    url: emu.url,
    app: emu.app,
    db,
    async close() {
      await emu.close()
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
    as: (openid, callOpts) =>
      clientOf<'reply'>((fn, action, payload) => callAs(openid, fn, action, payload, callOpts)),
    measure: (openid, callOpts) =>
      clientOf<'measured'>((fn, action, payload) =>
        callWithMeta(openid, fn, action, payload, callOpts),
      ),
    callAs,
    docs,
    doc: async <T>(collection: string, id: string) => (await docs<T>(collection, { _id: id }))[0],
  }
}

/**
 * A test file's cloud: started before its tests (with the demo district unless `seed` is false), closed after
 * them. The handle reaches the started cloud on each use, so a file takes it at the top.
 */
export function useTestCloud(opts: { seed?: boolean } = {}): TestCloud {
  let started: TestCloud | undefined
  beforeAll(async () => {
    started = await startTestCloud(opts)
  })
  afterAll(() => started?.close())
  return new Proxy({} as TestCloud, {
    get(_, key) {
      if (!started) throw new Error('the test cloud starts in beforeAll')
      return Reflect.get(started, key)
    },
  })
}

/** The reply's data, or a test failure naming the error. */
export function dataOf<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`)
  return reply.data
}

/** A member's counter of a month (counts, refused tallies, score), or undefined when it was never opened. */
export async function memberCounter(t: Pick<TestCloud, 'db'>, openid: string, month: string) {
  const [doc] = await rows<MemberMonthDoc>(
    t.db.collection('member_months').where({ _id: memberMonthId(month, memberIdOf(openid)) }),
  )
  return doc
}

/** Points cloud-function code running in this test process at this test cloud: the shared helpers' database,
 * and, when given, the caller's openid (as wx-server-sdk's getWXContext reads it) and the clock (x-now). */
export function runHere(t: Pick<TestCloud, 'url'>, as: { openid?: string; now?: string } = {}) {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${t.url}/admin` }),
    SCF_NAMESPACE: 'local',
    TCB_ENV: 'local',
  })
  if (as.openid !== undefined)
    Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: as.openid })
  if (as.now !== undefined) Object.assign(process.env, { LX_EMULATOR: '1', LX_NOW: as.now })
}
