import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator } from '../src'
import { benchStats } from './bench-stats'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

interface Row {
  case: string
  value: string
}

/** Emulator throughput through the real wx-server-sdk (what function code will see locally). */
export async function benchEmulator(n = 1000, queryDocs = 10_000): Promise<Row[]> {
  process.env.TENCENTCLOUD = 'true' // otherwise node-sdk probes the metadata service on every call
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-'))
  const functionsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-fns-'))
  const emu = await startEmulator({ port: 0, dataDir, functionsRoot })
  const rows: Row[] = []
  try {
    const cloud: Any = require('wx-server-sdk')
    cloud.init({
      env: 'local',
      serviceUrl: `${emu.url}/admin`,
      secretId: 'local',
      secretKey: 'local',
    })
    const db = cloud.database()
    const _ = db.command
    await db.createCollection('bench')

    let t0 = performance.now()
    const ids: string[] = []
    for (let i = 0; i < n; i++)
      ids.push((await db.collection('bench').add({ data: { n: 0, i } }))._id)
    let ms = performance.now() - t0
    rows.push({ case: `add x${n} (sequential)`, value: `${Math.round((n / ms) * 1000)} ops/s` })

    t0 = performance.now()
    for (const id of ids)
      await db
        .collection('bench')
        .doc(id)
        .update({ data: { n: _.inc(1) } })
    ms = performance.now() - t0
    rows.push({
      case: `doc.update _.inc x${n} (sequential)`,
      value: `${Math.round((n / ms) * 1000)} ops/s`,
    })

    const docs = Array.from({ length: queryDocs }, (_x, j) => ({
      openid: `o${j}`,
      branchId: `b${j % 100}`,
      status: j % 3 ? 'active' : 'left',
    }))
    for (let i = 0; i < docs.length; i += 500)
      await db.collection('members').add({ data: docs.slice(i, i + 500) })
    await fetch(`${emu.url}/__stats`, { method: 'DELETE' })
    t0 = performance.now()
    const { data } = await db.collection('members').where({ branchId: 'b42' }).get()
    ms = performance.now() - t0
    const stats = (await (await fetch(`${emu.url}/__stats`)).json()) as { docsExamined: number }
    rows.push({
      case: `indexed equality over ${queryDocs} docs`,
      value: `${ms.toFixed(1)} ms, ${data.length} hits, ${stats.docsExamined} examined`,
    })
  } finally {
    await emu.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(functionsRoot, { recursive: true, force: true })
  }
  const width = Math.max(...rows.map((r) => r.case.length))
  console.log('\nLocal emulator (real wx-server-sdk over HTTP, fsync per write)')
  for (const r of rows) console.log(`  ${r.case.padEnd(width)}  ${r.value}`)
  return rows
}

async function main(): Promise<void> {
  await benchEmulator()
  await benchStats()
}

// Other bench sections may import benchEmulator; only run when executed directly.
if ((require as unknown as { main?: unknown }).main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
