// A private local cloud per test file: the emulator on a free port with a fresh data folder, the built
// functions, and the demo district seeded through @cloudbase/node-sdk — the same path `npm start` takes.
import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import cloud from 'wx-server-sdk'
import type { Reply } from '../../typings/common'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberMonthDoc } from '../../cloudfunctions/_shared/month-counters'
import { memberMonthId } from '../../cloudfunctions/_shared/participation'
import { type Emulator, startEmulator } from '../../emulator/src/index'
import { FUNCTIONS_ROOT } from '../../emulator/scripts/paths'
import { seedDemo } from '../../emulator/scripts/seed'

export type CallMeta = { requestId: string; dbRoundTrips: number; docsExamined: number }

export type TestCloud = {
  url: string
  /** The emulator's in-process engine, for what the HTTP surface does not show (e.g. the store's version). */
  app: Emulator['app']
  /** The real wx-server-sdk database, pointed at this emulator, for asserting what is stored. */
  db: ReturnType<typeof cloud.database>
  close(): Promise<void>
  /** Calls a function as a WeChat user, through the emulator's HTTP entry (x-wx-openid, x-now). */
  callAs<T = unknown>(
    openid: string,
    fn: string,
    action: string,
    payload?: unknown,
    opts?: { now?: string },
  ): Promise<Reply<T>>
  /** The same, with what the emulator measured for the call. */
  callWithMeta<T = unknown>(
    openid: string,
    fn: string,
    action: string,
    payload?: unknown,
    opts?: { now?: string },
  ): Promise<{ reply: Reply<T>; meta: CallMeta }>
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: unknown }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body))
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': data.length, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? JSON.parse(text) : null,
          })
        })
      },
    )
    req.on('error', reject)
    req.end(data)
  })
}

export async function startTestCloud(opts: { seed?: boolean } = {}): Promise<TestCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-cloud-'))
  const emu = await startEmulator({
    port: 0,
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
  const callWithMeta = async <T>(
    openid: string,
    fn: string,
    action: string,
    payload?: unknown,
    callOpts: { now?: string } = {},
  ) => {
    const headers: Record<string, string> = { 'x-wx-openid': openid }
    if (callOpts.now) headers['x-now'] = callOpts.now
    const res = await postJson(`${emu.url}/fn/${fn}`, { action, payload }, headers)
    if (res.status !== 200)
      throw new Error(`${fn}.${action} answered HTTP ${res.status}: ${JSON.stringify(res.body)}`)
    return {
      reply: res.body as Reply<T>,
      meta: {
        requestId: String(res.headers['x-request-id'] ?? ''),
        dbRoundTrips: Number(res.headers['x-db-round-trips'] ?? NaN),
        docsExamined: Number(res.headers['x-docs-examined'] ?? NaN),
      },
    }
  }
  cloud.init({
    env: 'local',
    serviceUrl: `${emu.url}/admin`,
    secretId: 'local',
    secretKey: 'local',
  } as never)
  return {
    url: emu.url,
    app: emu.app,
    db: cloud.database(),
    async close() {
      await emu.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
    callWithMeta,
    callAs: async <T>(
      openid: string,
      fn: string,
      action: string,
      payload?: unknown,
      callOpts?: { now?: string },
    ) => (await callWithMeta<T>(openid, fn, action, payload, callOpts)).reply,
  }
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
