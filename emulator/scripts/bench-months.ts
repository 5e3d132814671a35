// `npm run bench` section for a month's work in slices (stats/month-work.ts): opening next month's counters
// and settling the last month at doubling district sizes, through the real triggers, each run again at once
// while unfinished (the platform fires them every minute), every slice its own invocation of stats; then the
// largest size again beside a CPU-bound competitor process. Prints, per size and work: wall time, invocations,
// the longest single invocation and the growth per doubling (of wall time, of the slices' summed time and of
// the emulator's CPU time).
import { spawn } from 'node:child_process'
import type { MonthOpening, SettlementRun } from '../../typings/stats'
import type { Emulator } from '../src'
import { EMULATOR_V8_FLAGS } from '../src/node-flags'
import { answerParent, runApart } from './apart'
import {
  type Counter,
  MONTH,
  addEvents,
  call,
  loadDistrict,
  withEmulator,
  writeCounters,
} from './bench-stats'

/** Ledger entries whose request died before the counters (settlement repairs them). */
const HALF_WRITTEN = 20
const OPEN_AT = '2026-03-25T02:00:00+08:00'
const SETTLE_AT = '2026-04-01T01:00:00+08:00'

type Work = {
  ms: number
  /** Every invocation of stats: the trigger runs (drivers) and the slices they called. */
  invocations: number
  runs: number
  slices: number
  /** The longest invocation: a trigger run (timed here) or a slice (timed by the slice itself). */
  longestMs: number
  longestSliceMs: number
  /** The slices' invocations summed: the work itself, without the drivers' waiting. */
  sliceMs: number
  /** CPU time of this process, where the emulator runs (the functions run in its worker processes): unlike
   * wall time, hardly moved by what else the shared machine is doing. */
  cpuMs: number
  what: string
}

/** Fires `trigger` from `start` until `finished` says so (at most `maxRuns` times), each run a minute later
 * by the function's clock, as the platform's timer fires it (a slice whose invocation failed is claimed again
 * once its lease has passed). */
async function fireUntil<T>(
  emu: Emulator,
  trigger: 'openMonth' | 'settleMonth',
  start: string,
  runId: string,
  finished: (data: T | undefined) => string | null,
  maxRuns = 20,
): Promise<Work> {
  const since = new Date().toISOString()
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const driverMs: number[] = []
  let what: string | null = null
  while (what === null && driverMs.length < maxRuns) {
    const now = new Date(Date.parse(start) + driverMs.length * 60_000).toISOString()
    const t = performance.now()
    const res = await fetch(`${emu.url}/__triggers/stats/${trigger}`, {
      method: 'POST',
      headers: { 'x-now': now },
    })
    driverMs.push(performance.now() - t)
    const out = (await res.json()) as { result?: { ok: boolean; data?: T; message?: string } }
    what = out.result?.ok
      ? finished(out.result.data)
      : `failed: ${out.result?.message ?? res.status}`
  }
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const slices = [...emu.app.store.col('month_slices').docs.values()].filter(
    (s) => s.runId === runId,
  ) as unknown as { ms?: number; attempts: number }[]
  const retried = slices.filter((s) => s.attempts > 1).length
  const sliceMs = slices.map((s) => s.ms ?? 0)
  return {
    ms,
    invocations: emu.app.calls.filter((c) => c.fn === 'stats' && c.startedAt >= since).length,
    runs: driverMs.length,
    slices: slices.length,
    longestMs: Math.max(...driverMs, ...sliceMs),
    longestSliceMs: Math.max(...sliceMs),
    sliceMs: sliceMs.reduce((a, b) => a + b, 0),
    cpuMs: (cpu.user + cpu.system) / 1000,
    what:
      (what ?? `unfinished after ${maxRuns} runs`) + (retried ? `, ${retried} slices rerun` : ''),
  }
}

/** A CPU-bound competitor: a child process spinning until stopped. */
function competitor(): () => Promise<void> {
  const proc = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  return async () => {
    proc.kill('SIGKILL')
    await exited
  }
}

/** Opens April and settles March for a district of `members` members with 3 events each; with what went
 * wrong in a function (its logged errors and timeouts). */
async function monthWork(members: number, busy: boolean) {
  const failures: string[] = []
  const keepFailures = (line: string) => {
    if (/failed|timed out/.test(line)) failures.push(line.slice(0, 300))
  }
  return withEmulator(async (emu) => {
    loadDistrict(emu, members)
    const counters = new Map<number, Counter>()
    addEvents(emu, members, 0, members * 3, counters, HALF_WRITTEN)
    writeCounters(emu, counters)
    // March was opened before it began; the 25th's trigger opens April.
    emu.app.store.apply(
      [{ c: 'month_openings', put: { _id: MONTH, done: true, members: 0, branches: 0 } }] as never,
      false,
    )
    emu.app.store.rebuildIndexes()
    const stop = busy ? competitor() : async () => {}
    try {
      const open = await fireUntil<MonthOpening[]>(
        emu,
        'openMonth',
        OPEN_AT,
        'open_2026-04',
        (data) => {
          const april = data?.[1]
          return april?.done ? `${april.members.toLocaleString('en')} counters` : null
        },
      )
      const settle = await fireUntil<SettlementRun>(
        emu,
        'settleMonth',
        SETTLE_AT,
        `settle_${MONTH}`,
        (data) => {
          const s = data?.summary
          return s
            ? `${s.differences} diffs, ${s.repaired.entries} of ${HALF_WRITTEN} half-written repaired, ${s.bulletins} bulletins`
            : null
        },
      )
      const first = await call(
        emu,
        'checkin',
        'bench-7',
        'checkIn',
        {},
        '2026-04-01T08:00:00+08:00',
      )
      return { open, settle, firstTrips: first.trips, failures }
    } finally {
      await stop()
    }
  }, keepFailures)
}

type MonthRun = Awaited<ReturnType<typeof monthWork>>

/** One size in a process of its own (runApart). */
const monthWorkApart = (members: number, busy: boolean) =>
  runApart<MonthRun>(__filename, [String(members), busy ? 'busy' : 'quiet'])

/** Rounds' figures of one work at one size: the least time of each kind (what the work costs with the least
 * interference from the shared machine), the longest invocations of any round (what the bound must hold). */
function bestOf(works: Work[]): Work {
  const least = (f: (w: Work) => number) => Math.min(...works.map(f))
  const most = (f: (w: Work) => number) => Math.max(...works.map(f))
  return {
    ...works[works.length - 1],
    ms: least((w) => w.ms),
    sliceMs: least((w) => w.sliceMs),
    cpuMs: least((w) => w.cpuMs),
    longestMs: most((w) => w.longestMs),
    longestSliceMs: most((w) => w.longestSliceMs),
  }
}

export async function benchMonths(sizes = [25_000, 50_000, 100_000], rounds = 2) {
  const rows: string[][] = []
  const failures: string[] = []
  const previous: Partial<Record<'open' | 'settle', Work>> = {}
  let firstTrips = 0
  const add = (members: number, busy: boolean, kind: 'open' | 'settle', w: Work) => {
    const prev = previous[kind]
    rows.push([
      `${members.toLocaleString('en')}${busy ? ' +cpu' : ''}`,
      kind === 'open' ? 'open next month' : 'settle month',
      (w.ms / 1000).toFixed(1),
      `${w.invocations} (${w.runs} trigger runs, ${w.slices} slices)`,
      (w.longestMs / 1000).toFixed(1),
      (w.longestSliceMs / 1000).toFixed(1),
      (w.sliceMs / 1000).toFixed(1),
      (w.cpuMs / 1000).toFixed(1),
      prev && !busy
        ? `×${(w.ms / prev.ms).toFixed(2)} wall, ×${(w.sliceMs / prev.sliceMs).toFixed(2)} slices, ×${(w.cpuMs / prev.cpuMs).toFixed(2)} cpu`
        : '',
      w.what,
    ])
    if (!busy) previous[kind] = w
  }
  const runs = new Map<number, MonthRun[]>(sizes.map((m) => [m, []]))
  for (let r = 0; r < rounds; r++)
    for (const members of sizes) {
      const run = await monthWorkApart(members, false)
      runs.get(members)!.push(run)
      firstTrips = run.firstTrips
      failures.push(...run.failures)
    }
  for (const [members, of] of runs) {
    add(members, false, 'open', bestOf(of.map((r) => r.open)))
    add(members, false, 'settle', bestOf(of.map((r) => r.settle)))
  }
  const largest = sizes[sizes.length - 1]
  const busy = await monthWorkApart(largest, true)
  add(largest, true, 'open', busy.open)
  add(largest, true, 'settle', busy.settle)
  failures.push(...busy.failures)

  const header = [
    'members',
    'work',
    'total s',
    'invocations',
    'longest s',
    'longest slice s',
    'slices s',
    'emulator cpu s',
    'per doubling',
    'result',
  ]
  const width = (i: number) => Math.max(header[i].length, ...rows.map((r) => r[i].length))
  console.log(
    `\nMonth work in slices (stats triggers run again until done; every slice its own invocation; each size in its own process, ${EMULATOR_V8_FLAGS.join(' ')}; least time of ${rounds} rounds, longest invocation of any; +cpu: one round beside a spinning process)`,
  )
  for (const r of [header, ...rows])
    console.log('  ' + r.map((c, i) => c.padEnd(width(i))).join('  '))
  console.log(`  first check-in of the opened month: ${firstTrips} round trips (whole call)`)
  for (const f of failures.slice(0, 5)) console.log(`  ${f}`)
}

// A child of benchMonths: one size, its result on a line of its own.
if ((require as unknown as { main?: unknown }).main === module) {
  process.env.TENCENTCLOUD = 'true'
  // The emulator's 4 workers a function: the driver and 3 slices (the platform gives each call an instance).
  process.env.MONTH_SLICE_FANOUT = '3'
  answerParent(monthWork(Number(process.argv[2]), process.argv[3] === 'busy'))
}
