import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { benchAssembly } from './bench-assembly'
import { benchMonths } from './bench-months'
import { benchStats } from './bench-stats'
import { EMULATOR_V8_FLAGS } from '../src/node-flags'
import { REPO } from './paths'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const cloud: Any = require('wx-server-sdk')

interface Row {
  case: string
  value: string
}

/** `ops` split over `ways` concurrent loops; answers the milliseconds they took. */
async function loops(ops: number, ways: number, step: (i: number) => Promise<unknown>) {
  const t0 = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: ways }, async () => {
      while (next < ops) await step(next++)
    }),
  )
  return performance.now() - t0
}

type Target = { name: string; db: Any; ids: string[] }
const CASES = [
  { what: 'add', ways: 1 },
  { what: 'inc', ways: 1 },
  { what: 'add', ways: 16 },
  { what: 'inc', ways: 16 },
] as const

/** One operation of a case on a target: `add` keeps the new id, `_.inc` updates the i-th doc added. */
function opOf(t: Target, what: 'add' | 'inc') {
  const bench = t.db.collection('bench')
  const _ = t.db.command
  return what === 'add'
    ? async () => t.ids.push((await bench.add({ data: { n: 0 } }))._id)
    : (i: number) => bench.doc(t.ids[i]).update({ data: { n: _.inc(1) } })
}

/**
 * Sequential and 16-way `add` then `_.inc`, `n` operations per case and target, through one SDK instance
 * per target. Each case runs in `slices` short turns that alternate between the targets, so whatever else
 * the machine does at the time weighs on both alike; answers operations per second by case and target.
 */
async function writeLoops(urls: Record<string, string>, n: number, slices: number) {
  const targets: Target[] = Object.entries(urls).map(([name, serviceUrl]) => ({
    name,
    db: cloud
      .createNewInstance({ env: 'local', serviceUrl, secretId: 'local', secretKey: 'local' })
      .database(),
    ids: [],
  }))
  // The SDK and every server compile their hot paths before anything is timed.
  for (const t of targets) await loops(200, 4, opOf({ ...t, ids: [] }, 'add'))
  const per = Math.ceil(n / slices)
  const out: Record<string, Record<string, number>> = {}
  for (const { what, ways } of CASES) {
    const ms = new Map(targets.map((t) => [t.name, 0]))
    for (const t of targets) t.ids.splice(0, what === 'add' ? t.ids.length : 0)
    for (let slice = 0; slice < slices; slice++)
      for (const t of slice % 2 ? [...targets].reverse() : targets) {
        const op = opOf(t, what)
        ms.set(t.name, ms.get(t.name)! + (await loops(per, ways, (i) => op(slice * per + i))))
      }
    out[`${what} ${ways}`] = Object.fromEntries(
      targets.map((t) => [t.name, (per * slices * 1000) / ms.get(t.name)!]),
    )
  }
  return out
}

/**
 * A server in its own process (`node [...flags] --import tsx <script> ...args`), up once it prints
 * `<NAME>_URL=...`. The SDK driving it stays in this process, as a function's SDK runs in a worker thread beside
 * the emulator.
 */
function serve(
  script: string,
  args: string[],
  flags: string[] = [],
): Promise<{ url: string; close: () => Promise<void> }> {
  const argv = [...flags, '--import', 'tsx', path.join(REPO, script), ...args]
  const proc = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  const close = async () => {
    proc.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    let out = ''
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /^[A-Z_]+_URL=(\S+)/m.exec(out)
      if (m) resolve({ url: m[1], close })
    })
    void exited.then(() => reject(new Error(`${script} exited: ${out}`)))
  })
}

/**
 * Emulator throughput through the real wx-server-sdk (what function code will see locally), against an
 * instant stand-in server driven the same way in the same run: the ratio is the share of the SDK's ceiling
 * the emulator reaches. Each server runs in its own process; turns alternate between the two so load on the
 * machine hits both alike.
 */
export async function benchEmulator(n = 2000, queryDocs = 10_000, slices = 10): Promise<Row[]> {
  process.env.TENCENTCLOUD = 'true' // otherwise node-sdk probes the metadata service on every call
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-'))
  const functionsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-fns-'))
  // With the V8 flags `npm start` runs it with.
  const emu = await serve(
    'emulator/src/cli.ts',
    ['serve', '--port', '0', '--data', dataDir, '--functions', functionsRoot],
    EMULATOR_V8_FLAGS,
  )
  const standIn = await serve('emulator/scripts/standin.ts', [])
  const syncDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-sync-'))
  const durableStandIn = await serve('emulator/scripts/standin.ts', ['--sync-dir', syncDir])
  const rows: Row[] = []
  try {
    const db = cloud
      .createNewInstance({
        env: 'local',
        serviceUrl: `${emu.url}/admin`,
        secretId: 'local',
        secretKey: 'local',
      })
      .database()
    await db.createCollection('bench')
    const runs = await writeLoops(
      {
        emulator: `${emu.url}/admin`,
        standIn: `${standIn.url}/admin`,
        durable: `${durableStandIn.url}/admin`,
      },
      n,
      slices,
    )
    // The durable stand-in pays one durable write per write and nothing else: the ceiling with fsync per
    // write, which tells the disk's share of the gap from the emulator's own.
    for (const [key, { emulator: e, standIn: s, durable: d }] of Object.entries(runs)) {
      const [what, ways] = key.split(' ')
      rows.push({
        case: `${what === 'add' ? 'add' : 'doc.update _.inc'} x${n} (${ways === '1' ? 'sequential' : `${ways}-way`})`,
        value: `${Math.round(e)} ops/s; stand-in ${Math.round(s)} ops/s, ratio ${(e / s).toFixed(2)}; stand-in with a durable write per write ${Math.round(d)} ops/s, ratio ${(e / d).toFixed(2)}`,
      })
    }

    const docs = Array.from({ length: queryDocs }, (_x, j) => ({
      openid: `o${j}`,
      branchId: `b${j % 100}`,
      status: j % 3 ? 'active' : 'left',
    }))
    for (let i = 0; i < docs.length; i += 500)
      await db.collection('members').add({ data: docs.slice(i, i + 500) })
    await fetch(`${emu.url}/__stats`, { method: 'DELETE' })
    const t0 = performance.now()
    const { data } = await db.collection('members').where({ branchId: 'b42' }).get()
    const ms = performance.now() - t0
    const stats = (await (await fetch(`${emu.url}/__stats`)).json()) as { docsExamined: number }
    rows.push({
      case: `indexed equality over ${queryDocs} docs`,
      value: `${ms.toFixed(1)} ms, ${data.length} hits, ${stats.docsExamined} examined`,
    })
  } finally {
    await standIn.close()
    await durableStandIn.close()
    await emu.close()
    fs.rmSync(syncDir, { recursive: true, force: true })
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(functionsRoot, { recursive: true, force: true })
  }
  const width = Math.max(...rows.map((r) => r.case.length))
  console.log(
    `\nLocal emulator (real wx-server-sdk over HTTP, fsync per write; ${slices} alternating turns per case)`,
  )
  for (const r of rows) console.log(`  ${r.case.padEnd(width)}  ${r.value}`)
  return rows
}

async function main(): Promise<void> {
  await benchEmulator()
  await benchMonths()
  await benchAssembly()
  await benchStats()
}

// Other bench sections may import benchEmulator; only run when executed directly.
if ((require as unknown as { main?: unknown }).main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
