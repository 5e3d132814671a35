import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/src'

export const REPO = path.resolve(__dirname, '../..')

/** Temp folders live under <repo>/.tmp (git-ignored) so bundles resolve the repo's node_modules. */
export function tempDir(prefix: string): string {
  const base = path.join(REPO, '.tmp')
  fs.mkdirSync(base, { recursive: true })
  return fs.mkdtempSync(path.join(base, `${prefix}-`))
}

/** Writes a tiny CommonJS "built bundle" the way emulator/scripts/build.ts lays them out. */
export function writeFunction(
  root: string,
  name: string,
  source: string,
  config: object = {},
): void {
  const dir = path.join(root, name)
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'index.js'), source)
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config))
}

const CLI = path.join(REPO, 'emulator/src/cli.ts')

/**
 * `npm start`'s server as a child process, so a test can kill -9 it; resolves once it listens (port 0: any
 * free one). The process goes into `started` at once, for the test to kill even if it never comes up.
 */
export function serveCli(
  dataDir: string,
  functionsRoot: string,
  started: ChildProcess[],
  port = 0,
): Promise<{ proc: ChildProcess; url: string }> {
  const args = ['serve', '--port', String(port), '--data', dataDir, '--functions', functionsRoot]
  // `node --import tsx` (not the tsx binary, which forks a child) so SIGKILL hits the server itself.
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(proc)
  return new Promise((resolve, reject) => {
    let out = ''
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /EMULATOR_URL=(\S+)/.exec(out)
      if (m) resolve({ proc, url: m[1] })
    })
    proc.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    proc.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${out}`)))
  })
}

export interface TestEmulator {
  emu: Emulator
  dataDir: string
  functionsRoot: string
  close(): Promise<void>
}

export async function startTestEmulator(
  functions: Record<string, string | { source: string; config: object }> = {},
  opts: Partial<EmulatorOptions> = {},
): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? tempDir('data')
  const functionsRoot = tempDir('fns')
  for (const [name, f] of Object.entries(functions)) {
    if (typeof f === 'string') writeFunction(functionsRoot, name, f)
    else writeFunction(functionsRoot, name, f.source, f.config)
  }
  const emu = await startEmulator({ port: 0, dataDir, functionsRoot, ...opts })
  return {
    emu,
    dataDir,
    functionsRoot,
    async close() {
      await emu.close()
      fs.rmSync(functionsRoot, { recursive: true, force: true })
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function callFn(
  url: string,
  name: string,
  event: object = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${url}/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(event),
  })
  return { status: res.status, body: await res.json(), headers: res.headers }
}

export async function getJson<T = unknown>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init)
  return (await res.json()) as T
}

/** A function's error reply: the code the test expects, with whatever Chinese message goes with it. */
export const fnError = (code: string) => ({ ok: false, code, message: expect.any(String) })

/** The emulator still answers its health check and a plain call to its `echo` function. */
export async function stillServing(url: string) {
  expect(await getJson(`${url}/healthz`)).toEqual({ ok: true })
  const r = await callFn(url, 'echo', { action: 'ping' })
  expect(r).toMatchObject({ status: 200, body: { ok: true, data: { action: 'ping' } } })
}
