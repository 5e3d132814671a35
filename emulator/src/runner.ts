import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { HttpError } from './errors'
import { findFunction, type FunctionInfo } from './functions'

export interface Invocation {
  id: string
  fn: string
  action?: string
  openid?: string
  /** x-now / LX_NOW for this invocation, if any. */
  now?: string
  startedAt: number
  roundTrips: number
  docsExamined: number
}

export interface RunnerOptions {
  functionsRoot: string
  envName: string
  appid: string
  workersPerFunction: number
  functionEnv: Record<string, string>
  /** The admin URL a worker talks to; the worker id goes in the path for attribution. */
  adminUrl: (workerId: string) => string
  log: (line: string) => void
}

interface Job {
  inv: Invocation
  event: unknown
  fn: FunctionInfo
  resolve: (v: unknown) => void
  reject: (e: Error) => void
}
interface Worker {
  id: string
  proc: ChildProcess
  ready: boolean
  mtimeMs: number
  job?: Job
  timer?: NodeJS.Timeout
}
interface Pool {
  workers: Worker[]
  queue: Job[]
}

const WORKER = path.join(__dirname, 'worker.js')
/** How long a worker may take to load its bundle: generous, since a busy machine loads several at once. */
const BOOT_LIMIT_MS = 60_000
const NODE_MODULES = path.resolve(__dirname, '../../node_modules')

/**
 * Child-process pools per function; each worker runs one invocation at a time. A worker that exits, cannot
 * be sent its event or outlives its timeout leaves the pool at once (killed), its invocation fails with a
 * 500 and a fresh worker takes the next job: a function can fail its own calls, never the emulator.
 */
export class Runner {
  private readonly pools = new Map<string, Pool>()
  private readonly byId = new Map<string, Worker>()
  private seq = 0
  private closed = false

  constructor(private readonly o: RunnerOptions) {}

  get appid(): string {
    return this.o.appid
  }

  find(name: string): FunctionInfo | undefined {
    return findFunction(this.o.functionsRoot, name)
  }

  /** The invocation a worker is serving, so its DB requests can be attributed to it. */
  current(workerId: string): Invocation | undefined {
    return this.byId.get(workerId)?.job?.inv
  }

  invoke(inv: Invocation, event: unknown): Promise<unknown> {
    const fn = this.find(inv.fn)
    if (!fn) return Promise.reject(new HttpError(404, `function ${inv.fn} not found`))
    let pool = this.pools.get(fn.name)
    if (!pool) this.pools.set(fn.name, (pool = { workers: [], queue: [] }))
    // A rebuilt bundle must not keep running old code in warm workers.
    for (const w of pool.workers) if (w.mtimeMs !== fn.mtimeMs && !w.job) this.retire(fn.name, w)
    return new Promise((resolve, reject) => {
      pool.queue.push({ inv, event, fn, resolve, reject })
      this.dispatch(fn.name)
    })
  }

  private dispatch(name: string): void {
    const pool = this.pools.get(name)
    if (!pool || this.closed) return
    while (pool.queue.length) {
      const job = pool.queue[0]
      const idle = pool.workers.find((w) => w.ready && !w.job && w.mtimeMs === job.fn.mtimeMs)
      if (!idle) break
      pool.queue.shift()
      this.start(idle, job)
    }
    // Start enough workers for the waiting jobs that workers already booting will not take.
    let need = pool.queue.length - pool.workers.filter((w) => !w.ready).length
    while (need > 0) {
      const fn = pool.queue[0].fn
      if (pool.workers.length < this.o.workersPerFunction) {
        this.spawn(fn)
        need--
        continue
      }
      const stale = pool.workers.find((w) => w.ready && !w.job && w.mtimeMs !== fn.mtimeMs)
      if (!stale) break
      this.retire(name, stale)
    }
  }

  private spawn(fn: FunctionInfo): void {
    const id = `w${++this.seq}`
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_PATH: [NODE_MODULES, process.env.NODE_PATH].filter(Boolean).join(path.delimiter),
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.o.adminUrl(id) }),
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      TENCENTCLOUD: 'true',
      SCF_NAMESPACE: this.o.envName,
      TCB_ENV: this.o.envName,
      LX_EMULATOR: '1',
      ...(fn.config.envVariables ?? {}),
      ...this.o.functionEnv,
    }
    delete env.NODE_OPTIONS // jest/tsx loaders must not leak into plain bundles
    const proc = fork(WORKER, [fn.file], {
      env,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    const w: Worker = { id, proc, ready: false, mtimeMs: fn.mtimeMs }
    this.pools.get(fn.name)?.workers.push(w)
    this.byId.set(id, w)
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) this.o.log(`[${fn.name}] ${line}`)
    }
    proc.stdout?.on('data', forward)
    proc.stderr?.on('data', forward)
    proc.on(
      'message',
      (m: {
        type: string
        id?: string
        ok?: boolean
        result?: unknown
        error?: { message: string }
      }) => {
        if (m.type === 'ready') {
          clearTimeout(boot)
          w.ready = true
          this.dispatch(fn.name)
        } else if (m.type === 'result' && w.job && m.id === w.job.inv.id) {
          const job = w.job
          this.finish(fn.name, w)
          if (m.ok) job.resolve(m.result)
          else job.reject(new HttpError(500, m.error?.message ?? 'function failed'))
        }
      },
    )
    const lost = (why: string) => {
      if (this.byId.get(w.id) !== w) return // retired or failed already
      // A worker that never got ready would be replaced forever: fail the job it was started for instead.
      const job = w.job ?? (w.ready ? undefined : this.pools.get(fn.name)?.queue.shift())
      this.fail(fn.name, w, new HttpError(500, why), job)
    }
    // Loading has its own limit, as the platform's initialisation does: a bundle that never loads fails the call.
    const boot = setTimeout(
      () => lost(`function did not finish loading within ${BOOT_LIMIT_MS / 1000} seconds`),
      BOOT_LIMIT_MS,
    )
    proc.on('exit', (code, signal) => {
      clearTimeout(boot)
      lost(`function process exited (${signal ?? code})`)
    })
    proc.on('error', (e) => lost(`function process failed: ${e.message}`))
  }

  private start(w: Worker, job: Job): void {
    w.job = job
    const name = job.fn.name
    const timeoutMs = (job.fn.config.timeout ?? 60) * 1000
    w.timer = setTimeout(() => {
      this.o.log(`[${name}] timed out after ${timeoutMs} ms`)
      this.fail(name, w, new HttpError(500, `Task timed out after ${timeoutMs / 1000} seconds`))
    }, timeoutMs)
    const context = {
      request_id: job.inv.id,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.o.envName,
      time_limit_in_ms: timeoutMs,
      memory_limit_in_mb: 256,
    }
    const message = {
      type: 'invoke',
      id: job.inv.id,
      file: job.fn.file,
      event: job.event,
      context,
      openid: job.inv.openid,
      appid: this.o.appid,
      now: job.inv.now,
    }
    const unsent = (e: Error) =>
      this.fail(
        name,
        w,
        new HttpError(500, `could not send the event to the function: ${e.message}`),
      )
    try {
      // Serialising throws here (e.g. an event nested too deep); a closed channel calls back.
      w.proc.send(message, (e) => e && unsent(e))
    } catch (e) {
      unsent(e as Error)
    }
  }

  private finish(name: string, w: Worker): void {
    clearTimeout(w.timer)
    w.job = undefined
    this.dispatch(name)
  }

  private retire(name: string, w: Worker): void {
    this.remove(name, w)
    w.proc.kill()
  }

  /**
   * Takes a worker out of service for good: killed, out of the pool, its job (by default the one it was
   * running) failed with `error`, and the queue served by the others or a fresh worker. Later news of the
   * same worker (its exit, a send callback) finds it gone and does nothing.
   */
  private fail(name: string, w: Worker, error: Error, job = w.job): void {
    if (this.byId.get(w.id) !== w) return
    w.job = undefined
    this.remove(name, w)
    w.proc.kill('SIGKILL')
    job?.reject(error)
    this.dispatch(name)
  }

  private remove(name: string, w: Worker): void {
    clearTimeout(w.timer)
    const pool = this.pools.get(name)
    if (pool) pool.workers = pool.workers.filter((x) => x !== w)
    this.byId.delete(w.id)
  }

  async close(): Promise<void> {
    this.closed = true
    const exits: Promise<void>[] = []
    for (const [, pool] of this.pools) {
      for (const job of pool.queue) job.reject(new HttpError(503, 'emulator closing'))
      pool.queue = []
      for (const w of pool.workers) {
        if (w.proc.exitCode !== null || w.proc.signalCode !== null) continue
        exits.push(new Promise((r) => w.proc.once('exit', () => r())))
        w.proc.kill('SIGKILL')
      }
    }
    await Promise.all(exits)
  }
}
