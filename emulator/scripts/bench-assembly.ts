// `npm run bench` section for the one invocation a month's settlement cannot split: the assembly, which reads
// every slice's branch totals and writes the district's ranking (and those of communities cut into several
// slices; here each community is one slice, which ranked it). Measured at a district's size and a city's
// (50,000 branches in 500 slices of 100), from slices seeded as done, through the real trigger: the driver
// finds no slice left and assembles.
import type { SettledSlice } from '../../cloudfunctions/stats/src/settle'
import { BRANCH_TYPES } from '../../typings/org'
import { RULE_IDS } from '../../typings/participation'
import type { SettlementRun } from '../../typings/stats'
import { answerParent, runApart } from './apart'
import { MONTH, withEmulator } from './bench-stats'

const SETTLE_AT = '2026-04-01T01:00:00+08:00'
const BRANCHES_PER_SLICE = 100
const RUN_ID = `settle_${MONTH}`

/** Slice `slice`'s result as a settled slice returns it: 100 branches, all of community `c<slice>`, whose
 * ranking the slice froze itself. */
function sliceResult(slice: number): SettledSlice {
  const totals = Array.from({ length: BRANCHES_PER_SLICE }, (_x, i) => {
    const n = slice * BRANCHES_PER_SLICE + i
    const activeMembers = 5 + (n % 20)
    const counts = Object.fromEntries(RULE_IDS.map((r, k) => [r, (n * (k + 3)) % 40]))
    return {
      branchId: `b${n}`,
      name: `第${n}支部`,
      branchType: BRANCH_TYPES[n % BRANCH_TYPES.length],
      activeMembers,
      metCount: n % (activeMembers + 1),
      score: (n * 37) % 900,
      counts,
      communityId: `c${slice}`,
    }
  })
  return {
    totals,
    members: totals.reduce((s, t) => s + t.activeMembers, 0),
    differences: 0,
    repaired: { entries: 0, countedUnits: 0, refusedUnits: 0, branches: 0 },
    bulletins: BRANCHES_PER_SLICE,
    rankedCommunity: `c${slice}`,
  }
}

/** Seeds a settlement run whose `branches / 100` slices are all done, fires the trigger once: its time. */
async function assembly(branches: number) {
  return withEmulator(
    async (emu) => {
      const slices = Math.ceil(branches / BRANCHES_PER_SLICE)
      const at = new Date('2026-04-01T00:59:00+08:00')
      const ops = [
        {
          c: 'month_runs',
          put: {
            _id: RUN_ID,
            kind: 'settle',
            month: MONTH,
            state: 'running',
            total: slices,
            done: slices,
            at,
            finishedAt: null,
          },
        },
        ...Array.from({ length: slices }, (_x, n) => ({
          c: 'month_slices',
          put: {
            _id: `${RUN_ID}_${String(n).padStart(5, '0')}`,
            runId: RUN_ID,
            kind: 'settle',
            month: MONTH,
            n,
            at,
            communityId: `c${n}`,
            branchIds: [],
            members: 0,
            state: 'done',
            leaseUntil: null,
            attempts: 1,
            result: sliceResult(n),
          },
        })),
      ]
      emu.app.store.apply(ops as never, false)
      emu.app.store.rebuildIndexes()
      const t0 = performance.now()
      const res = await fetch(`${emu.url}/__triggers/stats/settleMonth`, {
        method: 'POST',
        headers: { 'x-now': SETTLE_AT },
      })
      const ms = performance.now() - t0
      const out = (await res.json()) as {
        result?: { ok: boolean; data?: SettlementRun; message?: string }
      }
      const summary = out.result?.data?.summary
      const snapshots = [...emu.app.store.col('ranking_snapshots').docs.values()]
      const bytes = snapshots.reduce((s, d) => s + JSON.stringify(d).length, 0)
      const resultBytes = ops.reduce(
        (s, o) => s + ('result' in o.put ? JSON.stringify(o.put.result).length : 0),
        0,
      )
      return {
        branches,
        slices,
        ms,
        settled: summary
          ? `${summary.branches.toLocaleString('en')} branches ranked`
          : 'not settled',
        snapshotDocs: snapshots.length,
        snapshotMB: bytes / 1e6,
        resultsMB: resultBytes / 1e6,
        error: out.result?.ok ? null : (out.result?.message ?? String(res.status)),
      }
    },
    (line) => process.stderr.write(line + '\n'),
  )
}

type Assembly = Awaited<ReturnType<typeof assembly>>

/** One size in a process of its own (runApart). */
const assemblyApart = (branches: number) => runApart<Assembly>(__filename, [String(branches)])

export async function benchAssembly(sizes = [2_000, 10_000, 50_000]) {
  console.log(
    '\nSettlement assembly (the one invocation that reads every slice: all slices seeded done, the trigger fired once)',
  )
  for (const branches of sizes) {
    const a = await assemblyApart(branches)
    console.log(
      `  ${a.branches.toLocaleString('en')} branches in ${a.slices} slices: ${(a.ms / 1000).toFixed(1)} s; reads ${a.resultsMB.toFixed(1)} MB of slice results, writes ${a.snapshotDocs} snapshot documents (${a.snapshotMB.toFixed(1)} MB); ${a.error ?? a.settled}`,
    )
  }
}

// A child of benchAssembly: one size, its result on a line of its own.
if ((require as unknown as { main?: unknown }).main === module) {
  process.env.TENCENTCLOUD = 'true'
  answerParent(assembly(Number(process.argv[2])))
}
