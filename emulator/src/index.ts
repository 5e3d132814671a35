import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { App } from './app'
import { PAY_ORDERS } from './cloudpay'
import { OpenApi } from './openapi'
import { Persistence } from './persistence'
import { Runner } from './runner'
import { loadSchema } from './schema'
import { FileStore } from './storage'
import { Store } from './store'
import { createServer } from './http'
import { startTimers } from './timers'

export interface EmulatorOptions {
  /** 0 = random free port; default 8787 */
  port?: number
  /** default '127.0.0.1' */
  host?: string
  /** durable storage folder */
  dataDir: string
  /** e.g. <repo>/cloudfunctions: each <name>/index.js (built bundle) + <name>/config.json */
  functionsRoot: string
  /** default <repo>/emulator/database.json */
  schemaPath?: string
  /** default 'local' */
  envName?: string
  /** run config.json timer triggers on schedule; default false */
  timers?: boolean
  /** default 4 */
  workersPerFunction?: number
  /** extra env passed to every function worker */
  functionEnv?: Record<string, string>
  /**
   * The one function WeChat's 消息推送 delivers media check results to (set in the 小程序管理后台);
   * default: back to whichever function started the check.
   */
  mediaCheckPushTo?: string
  log?: (line: string) => void
}

export interface Emulator {
  url: string
  port: number
  /** The in-process engine (store, runner, openapi, call log) for tests that want to peek. */
  app: App
  close(): Promise<void>
}

export const DEFAULT_SCHEMA = path.resolve(__dirname, '../database.json')
export const LOCAL_APPID = 'wxlocalapp'

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const log = opts.log ?? (() => {})
  const envName = opts.envName ?? 'local'
  const schema = loadSchema(opts.schemaPath ?? DEFAULT_SCHEMA)
  // The store appends to the log that replaying it fills, hence the late-bound holder.
  const wal: { p?: Persistence } = {}
  const store = new Store([...schema.collections, PAY_ORDERS], (ops) => wal.p!.append(ops))
  wal.p = Persistence.open(
    opts.dataDir,
    (ops) => store.apply(ops, false),
    () => store.snapshot(),
  )
  store.rebuildIndexes()
  let port = opts.port ?? 8787
  const host = opts.host ?? '127.0.0.1'
  const runner = new Runner({
    functionsRoot: opts.functionsRoot,
    envName,
    appid: LOCAL_APPID,
    workersPerFunction: opts.workersPerFunction ?? 4,
    functionEnv: opts.functionEnv ?? {},
    adminUrl: (workerId) => `http://${host}:${port}/admin/w/${workerId}`,
    log,
  })
  const files = new FileStore(opts.dataDir)
  const app = new App(
    store,
    runner,
    new OpenApi(),
    files,
    () => `http://${host}:${port}`,
    opts.mediaCheckPushTo,
  )
  const server = createServer(app, opts.functionsRoot, log)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  port = (server.address() as AddressInfo).port
  app.redeliverPayments(log)
  const stopTimers = opts.timers ? startTimers(app, opts.functionsRoot, log) : () => {}
  const url = `http://${host}:${port}`
  log(`[emulator] listening on ${url} (data ${opts.dataDir})`)
  return {
    url,
    port,
    app,
    async close() {
      stopTimers()
      await runner.close()
      // A result cut off by the workers' end stays due, noted before the log closes.
      await app.redelivered
      const closed = new Promise<void>((r) => server.close(() => r()))
      // SDK keep-alive sockets would otherwise hold the process (and jest) open for seconds.
      server.closeAllConnections()
      await closed
      await wal.p?.close()
    },
  }
}
