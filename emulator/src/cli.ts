import path from 'node:path'
import { startEmulator } from './index'

const REPO = path.resolve(__dirname, '../..')

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

async function serve(args: string[]): Promise<void> {
  const port = Number(flag(args, '--port') ?? process.env.PORT ?? 8787)
  const dataDir = path.resolve(
    flag(args, '--data') ?? process.env.DATA_DIR ?? path.join(REPO, '.data'),
  )
  const emu = await startEmulator({
    port,
    dataDir,
    functionsRoot: path.resolve(flag(args, '--functions') ?? path.join(REPO, 'cloudfunctions')),
    timers: args.includes('--timers'),
    log: (line) => console.log(line),
  })
  // Machine-readable first line so scripts and tests can find a random port.
  console.log(`EMULATOR_URL=${emu.url}`)
  const stop = () => {
    emu.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

async function trigger(args: string[]): Promise<void> {
  const [fn, name] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
  if (!fn || !name) throw new Error('usage: trigger <fn> <triggerName> [--now ISO] [--url URL]')
  const base = flag(args, '--url') ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`
  const now = flag(args, '--now')
  const res = await fetch(
    `${base}/__triggers/${encodeURIComponent(fn)}/${encodeURIComponent(name)}`,
    {
      method: 'POST',
      headers: now ? { 'x-now': now } : {},
    },
  )
  const text = await res.text()
  console.log(text)
  if (!res.ok) process.exitCode = 1
}

async function main(): Promise<void> {
  const [cmd, ...args] = process.argv.slice(2)
  if (cmd === 'serve') return serve(args)
  if (cmd === 'trigger') return trigger(args)
  console.error(
    'usage:\n  cli.ts serve [--port N] [--data DIR] [--functions DIR] [--timers]\n  cli.ts trigger <fn> <triggerName> [--now ISO] [--url http://127.0.0.1:8787]',
  )
  process.exitCode = 2
}

main().catch((e: Error) => {
  console.error(e.message)
  process.exit(1)
})
