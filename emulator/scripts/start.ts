// `npm start`: the local cloud — the emulator with every built function and its timer triggers, seeded with
// the demo district. PORT and DATA_DIR are honoured; Ctrl+C stops it.
import path from 'path'
import { startEmulator } from '../src/index'
import { relaunchWithFlags } from '../src/node-flags'
import { DEFAULT_DATA_DIR, FUNCTIONS_ROOT } from './paths'
import { seedDemo } from './seed'
import { functionNames } from './build'
import type { MonthOpening } from '../../typings/stats'

async function main() {
  // The emulator runs with the V8 flags the benches measured it with.
  if (relaunchWithFlags()) return
  const port = Number(process.env.PORT ?? 8787)
  const dataDir = path.resolve(process.env.DATA_DIR ?? DEFAULT_DATA_DIR)
  const emu = await startEmulator({
    port,
    dataDir,
    functionsRoot: FUNCTIONS_ROOT,
    timers: true,
    // As configured for production (README: 消息推送 → interact): every function's image checks settle there.
    mediaCheckPushTo: 'interact',
    functionEnv: {
      DISTRICT_ADMIN_OPENIDS: process.env.DISTRICT_ADMIN_OPENIDS ?? 'demo-district-admin',
    },
    log: (line) => console.log(line),
  })
  const seeded = await seedDemo({
    env: 'local',
    serviceUrl: `${emu.url}/admin`,
    secretId: 'local',
    secretKey: 'local',
  })
  // What the daily trigger does at 02:00: open this month's counters (and from the 25th the next month's).
  const opened = await fetch(`${emu.url}/__triggers/stats/openMonth`, { method: 'POST' })
    .then((r) => r.json() as Promise<{ result?: { ok: boolean; data?: MonthOpening[] } }>)
    .then((r) => r.result?.data ?? [])
  console.log(`
两新互动 本地云开发模拟器已启动
  数据目录       ${dataDir}
  演示数据       新增 ${seeded.inserted} 条，已有 ${seeded.existing} 条
  月度计数       ${opened.map((o) => `${o.month} ${o.done ? '已开启' : '开启中'}`).join('，') || '开启失败'}
  云函数         ${functionNames().join(', ')}
  管理控制台     ${emu.url}/
  函数调用入口   POST ${emu.url}/fn/<函数名>  (请求头 x-wx-openid: demo-member-1)
  SDK 接入地址   ${emu.url}/admin
  演示用户       demo-district-admin, demo-community-admin-1..2, demo-secretary-1..8,
                 demo-member-1..120, demo-resident-1..10
按 Ctrl+C 停止。`)
  // Ctrl+C reaches this process from the terminal and again relayed by its parent: stop once.
  let stopping: Promise<void> | undefined
  const stop = () => (stopping ??= emu.close().then(() => process.exit(0)))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
