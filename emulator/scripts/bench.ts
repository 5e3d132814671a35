import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { benchOpening, benchStats } from './bench-stats'
import { REPO } from './paths'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const cloud: Any = require('wx-server-sdk')

interface Row {
  case: string
  value: string
}

/** `ops` split over `ways` concurrent loops; returns operations per second. */
async function loops(ops: number, ways: number, step: (i: number) => Promise<unknown>) {
  const t0 = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: ways }, async () => {
      while (next < ops) await step(next++)
    }),
  )
  return (ops / (performance.now() - t0)) * 1000
}

/** Sequential and 16-way `add` then `_.inc` on the docs added, through one SDK instance at `serviceUrl`. */
async function writeLoops(serviceUrl: string, n: number) {
  const db = cloud
    .createNewInstance({ env: 'local', serviceUrl, secretId: 'local', secretKey: 'local' })
    .database()
  const _ = db.command
  const out: Record<string, number> = {}
  for (const ways of [1, 16]) {
    const ids: string[] = []
    out[`add ${ways}`] = await loops(n, ways, async (i) => {
      ids[i] = (await db.collection('bench').add({ data: { n: 0, i } }))._id
    })
    out[`inc ${ways}`] = await loops(n, ways, (i) =>
      db
        .collection('bench')
        .doc(ids[i])
        .update({ data: { n: _.inc(1) } }),
    )
  }
  return out
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Median latency (ms) of appending a log-sized line and fdatasync-ing it in `dir`, as the emulator's log does. */
function fsyncMs(dir: string, n = 200): number {
  const file = path.join(dir, 'fsync-probe')
  const fd = fs.openSync(file, 'a')
  const line = Buffer.from('x'.repeat(200) + '\n')
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    fs.writeSync(fd, line)
    fs.fdatasyncSync(fd)
    times.push(performance.now() - t0)
  }
  fs.closeSync(fd)
  fs.rmSync(file)
  return median(times)
}

/**
 * A server in its own process (`node --import tsx <script> ...args`), up once it prints `<NAME>_URL=...`. The
 * SDK driving it stays in this process, as a function's SDK runs in a worker thread beside the emulator.
 */
function serve(
  script: string,
  args: string[],
): Promise<{ url: string; close: () => Promise<void> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
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
 * the emulator reaches. Each server runs in its own process; rounds alternate between the two so load on the
 * machine hits both alike.
 */
export async function benchEmulator(n = 1000, queryDocs = 10_000, rounds = 3): Promise<Row[]> {
  process.env.TENCENTCLOUD = 'true' // otherwise node-sdk probes the metadata service on every call
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-'))
  const functionsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-fns-'))
  const emu = await serve('emulator/src/cli.ts', [
    'serve',
    '--port',
    '0',
    '--data',
    dataDir,
    '--functions',
    functionsRoot,
  ])
  const standIn = await serve('emulator/scripts/standin.ts', [])
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
    const emuRuns: Record<string, number>[] = []
    const standInRuns: Record<string, number>[] = []
    const syncs: number[] = []
    for (let r = 0; r < rounds; r++) {
      standInRuns.push(await writeLoops(`${standIn.url}/admin`, n))
      emuRuns.push(await writeLoops(`${emu.url}/admin`, n))
      syncs.push(fsyncMs(dataDir))
    }
    // One write at a time waits for its own fsync: that alone caps the sequential ratio below 1.
    const sync = median(syncs)
    for (const key of Object.keys(emuRuns[0])) {
      const [what, ways] = key.split(' ')
      const e = median(emuRuns.map((x) => x[key]))
      const s = median(standInRuns.map((x) => x[key]))
      rows.push({
        case: `${what === 'add' ? 'add' : 'doc.update _.inc'} x${n} (${ways === '1' ? 'sequential' : `${ways}-way`})`,
        value: `${Math.round(e)} ops/s, stand-in ${Math.round(s)} ops/s, ratio ${(e / s).toFixed(2)}${ways === '1' ? ` (the probed fsync alone would cap it near ${(1 / (1 + (s * sync) / 1000)).toFixed(2)})` : ''}`,
      })
    }
    rows.push({ case: 'fdatasync of one log line', value: `${sync.toFixed(2)} ms (median)` })

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
    await emu.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(functionsRoot, { recursive: true, force: true })
  }
  const width = Math.max(...rows.map((r) => r.case.length))
  console.log(
    `\nLocal emulator (real wx-server-sdk over HTTP, fsync per write; median of ${rounds} rounds)`,
  )
  for (const r of rows) console.log(`  ${r.case.padEnd(width)}  ${r.value}`)
  return rows
}

async function main(): Promise<void> {
  await benchEmulator()
  await benchOpening()
  await benchStats()
}

// Other bench sections may import benchEmulator; only run when executed directly.
if ((require as unknown as { main?: unknown }).main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
