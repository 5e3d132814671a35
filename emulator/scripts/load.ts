// `npm run load [-- --seconds 30 --concurrency 16]`: simulated members, secretaries and residents call the
// functions through the emulator's /fn entry (the typed client tests use) for a bounded time; then the month's
// counters are checked against a recount of the participation ledger.
import { monthOf } from '../../cloudfunctions/_shared/clock'
import type { MemberDoc, ResidentDoc } from '../../cloudfunctions/_shared/records'
import { countDiff } from '../../cloudfunctions/stats/src/domain'
import type { ErrorCode, Reply } from '../../typings/index'
import { balances } from '../../tests/functions/ledger-fixtures'
import { type Caller, type TestCloud, dataOf, startTestCloud } from '../../tests/support/cloud'
import { draft, news, sessionInput, wishes } from '../../tests/support/fixtures'
import { isEntry } from './paths'

/** Who acts: the demo district's members by branch and community, its secretaries and residents. */
type Cast = {
  members: MemberDoc[]
  secretaries: MemberDoc[]
  residents: ResidentDoc[]
  /** Per branch: its news post and its open org-life session. */
  newsOf: Map<string, string>
  sessionOf: Map<string, string>
  /** Published wishes per community. */
  wishesOf: Map<string, string[]>
}

/** What one simulated user does next; `call` answers the reply, so refusals can be told from errors. */
type Step = { kind: string; call: () => Promise<Reply<unknown>> }

/**
 * Refusals a user meets in normal use, per action kind: not errors. A claim races other members for the same
 * wish (CONFLICT to the losers), comments have an hourly allowance (RATE_LIMITED).
 */
const EXPECTED_REFUSALS: Record<string, ErrorCode[]> = {
  'wish.claim': ['CONFLICT'],
  'interact.comment': ['RATE_LIMITED'],
  'orglife.speak': ['RATE_LIMITED'],
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]

/** The demo district's people, one news post and one open org-life session per branch, published wishes. */
async function castOf(cloud: TestCloud): Promise<Cast> {
  const people = await cloud.docs<MemberDoc>('members', { status: 'active' })
  const members = people.filter((m) => m.branchId && !m.roles.includes('secretary'))
  const secretaries = people.filter((m) => m.roles.includes('secretary'))
  const residents = await cloud.docs<ResidentDoc>('residents')
  const newsOf = new Map<string, string>()
  const sessionOf = new Map<string, string>()
  const now = Date.now()
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString()
  const input = sessionInput('themeDay', '学习贯彻党的二十届四中全会精神', at(-30), at(240))
  const wishesOf = new Map<string, string[]>()
  const published = wishes(cloud)
  for (const s of secretaries) {
    const post = await news(cloud).posted(s.openid, { title: '本月主题党日安排' })
    newsOf.set(s.branchId!, post.id)
    const { session } = dataOf(await cloud.as(s.openid).orglife.createSession(input))
    sessionOf.set(s.branchId!, session.id)
  }
  for (const r of residents) {
    const admin = people.find((m) => m.adminCommunityId === r.communityId)!
    const id = await published.published(r.openid, admin.openid)
    wishesOf.set(r.communityId, [...(wishesOf.get(r.communityId) ?? []), id])
  }
  return { members, secretaries, residents, newsOf, sessionOf, wishesOf }
}

/** Function processes the emulator keeps per function (its default). */
const WORKERS_PER_FUNCTION = 4

/**
 * Boots each function's workers before the clock starts, one function at a time: a cold start loads a large
 * bundle, and a machine booting them all at once would time calls out that measure nothing but start-up.
 */
async function warmUp(cloud: TestCloud, cast: Cast, concurrency: number) {
  const m = cast.members[0]
  const reads: (() => Promise<Reply<unknown>>)[] = [
    () => cloud.as(m.openid).checkin.myMonth({}),
    () => cloud.as(m.openid).interact.listNews({}),
    () => cloud.as(m.openid).stats.myMonth({}),
    () => cloud.as(m.openid).orglife.listSessions({}),
    () => cloud.as(m.openid).wish.list({}),
    () => cloud.as(cast.secretaries[0].openid).todo.secretary({}),
  ]
  for (const read of reads)
    await Promise.all(
      Array.from({ length: Math.min(concurrency, WORKERS_PER_FUNCTION) }, async () =>
        dataOf(await read()),
      ),
    )
}

/** What the simulated users do next, drawn at random by weight: members, secretaries and residents. */
function stepsOf(cloud: TestCloud, cast: Cast): () => Step {
  const as = (who: { openid: string }): Caller => cloud.as(who.openid)
  const step = (kind: string, call: () => Promise<Reply<unknown>>): Step => ({ kind, call })
  const member = () => pick(cast.members)
  const secretary = () => pick(cast.secretaries)
  const resident = () => pick(cast.residents)
  const newsOf = (m: MemberDoc) => cast.newsOf.get(m.branchId!)!
  const sessionOf = (m: MemberDoc) => cast.sessionOf.get(m.branchId!)!
  const wishIn = (communityId: string | null) => pick(cast.wishesOf.get(communityId!) ?? [])
  /** Members signed in to their branch's session (speaking needs it, as the page does). */
  const attended: MemberDoc[] = []
  /** Wishes members hold; their claimers give them back, so the wall keeps wishes to claim. */
  const claimed: { claimer: MemberDoc; wishId: string }[] = []
  const mix: [number, () => Step][] = [
    [10, () => step('checkin.checkIn', () => as(member()).checkin.checkIn({}))],
    [4, () => step('checkin.myMonth', () => as(member()).checkin.myMonth({}))],
    [
      10,
      () => {
        const m = member()
        const input = { draftId: draft(), newsId: newsOf(m), text: '学习了，很受启发' }
        return step('interact.comment', () => as(m).interact.comment(input))
      },
    ],
    [8, () => step('interact.listNews', () => as(member()).interact.listNews({}))],
    [
      4,
      () => {
        const m = member()
        return step('interact.listComments', () =>
          as(m).interact.listComments({ newsId: newsOf(m) }),
        )
      },
    ],
    [6, () => step('stats.myMonth', () => as(member()).stats.myMonth({}))],
    [6, () => step('stats.memberRanking', () => as(member()).stats.memberRanking({}))],
    [4, () => step('stats.branchRanking', () => as(member()).stats.branchRanking({}))],
    [
      4,
      () => {
        const m = member()
        return step('orglife.attend', async () => {
          const reply = await as(m).orglife.attend({ sessionId: sessionOf(m) })
          if (reply.ok) attended.push(m)
          return reply
        })
      },
    ],
    [
      4,
      () => {
        const m = pick(attended)
        if (!m) return step('orglife.listSessions', () => as(member()).orglife.listSessions({}))
        const input = { sessionId: sessionOf(m), text: '结合岗位工作谈学习体会' }
        return step('orglife.speak', () => as(m).orglife.speak(input))
      },
    ],
    [
      4,
      () => {
        const m = member()
        const wishId = wishIn(m.communityId)
        return step('wish.claim', async () => {
          const reply = await as(m).wish.claim({ wishId })
          if (reply.ok) claimed.push({ claimer: m, wishId })
          return reply
        })
      },
    ],
    [
      2,
      () => {
        const c = claimed.shift()
        if (!c) return step('wish.list', () => as(member()).wish.list({}))
        return step('wish.release', () => as(c.claimer).wish.release({ wishId: c.wishId }))
      },
    ],
    [4, () => step('todo.secretary', () => as(secretary()).todo.secretary({}))],
    [4, () => step('checkin.branchMonth', () => as(secretary()).checkin.branchMonth({}))],
    [4, () => step('wish.list', () => as(resident()).wish.list({}))],
    [
      4,
      () => {
        const r = resident()
        return step('wish.detail', () => as(r).wish.detail({ wishId: wishIn(r.communityId) }))
      },
    ],
  ]
  const total = mix.reduce((n, [w]) => n + w, 0)
  return () => {
    let x = Math.random() * total
    for (const [w, next] of mix) if ((x -= w) < 0) return next()
    return mix[0][1]()
  }
}

export type KindStats = {
  kind: string
  calls: number
  refused: number
  errors: number
  p50: number
  p95: number
  p99: number
}

export type LoadReport = {
  seconds: number
  concurrency: number
  calls: number
  throughput: number
  kinds: KindStats[]
  overall: KindStats
  /** Refusals by kind and code with their message, e.g. `wish.claim CONFLICT 这个心愿已被认领`. */
  refusals: Map<string, number>
  errors: number
  /** The first few errors as they came. */
  errorSamples: string[]
  ledgerEntries: number
  /** Counter minus recount, per member or branch and rule, where they differ. */
  differences: string[]
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0

function statsOf(kind: string, times: number[], refused: number, errors: number): KindStats {
  const sorted = [...times].sort((a, b) => a - b)
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(sorted, p))
  return { kind, calls: times.length, refused, errors, p50, p95, p99 }
}

/** Where counters and the ledger's recount disagree, member by member and branch by branch. */
async function differencesOf(cloud: TestCloud, months: string[]) {
  const out: string[] = []
  let entries = 0
  for (const month of months) {
    const { counters, ledger } = await balances(cloud, month)
    for (const [side, held, recount] of [
      ['member', counters.members, ledger.members],
      ['branch', counters.branches, ledger.branches],
    ] as const) {
      for (const id of new Set([...held.keys(), ...recount.keys()])) {
        const diff = countDiff(held.get(id) ?? {}, recount.get(id) ?? {})
        if (Object.keys(diff).length) out.push(`${month} ${side} ${id}: ${JSON.stringify(diff)}`)
      }
      if (side === 'member')
        for (const counts of recount.values())
          entries += Object.values(counts).reduce((n, u) => n + (u ?? 0), 0)
    }
  }
  return { differences: out, entries }
}

/** Starts a seeded emulator, runs the mix for `seconds` at `concurrency`, checks counters against the ledger. */
export async function runLoad(o: { seconds: number; concurrency: number }): Promise<LoadReport> {
  const cloud = await startTestCloud()
  try {
    // What the 02:00 trigger does: this month's counters (and from the 25th next month's) exist before use.
    dataOf(await cloud.trigger<Reply<unknown>>('stats', 'openMonth'))
    const cast = await castOf(cloud)
    await warmUp(cloud, cast, o.concurrency)
    const next = stepsOf(cloud, cast)
    const times = new Map<string, number[]>()
    const refusedBy = new Map<string, number>()
    const refusals = new Map<string, number>()
    const errorsBy = new Map<string, number>()
    const errorSamples: string[] = []
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
    const failed = (kind: string, what: string) => {
      bump(errorsBy, kind)
      if (errorSamples.length < 10) errorSamples.push(`${kind}: ${what}`)
    }
    const started = Date.now()
    const until = started + o.seconds * 1000
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (Date.now() < until) {
          const step = next()
          const t0 = performance.now()
          let reply: Reply<unknown> | undefined
          try {
            reply = await step.call()
          } catch (e) {
            failed(step.kind, (e as Error).message)
          }
          const ms = performance.now() - t0
          const kindTimes = times.get(step.kind) ?? []
          kindTimes.push(ms)
          times.set(step.kind, kindTimes)
          if (!reply || reply.ok) continue
          if (EXPECTED_REFUSALS[step.kind]?.includes(reply.code)) {
            bump(refusedBy, step.kind)
            bump(refusals, `${step.kind} ${reply.code} ${reply.message}`)
          } else failed(step.kind, `${reply.code} ${reply.message}`)
        }
      }),
    )
    const seconds = (Date.now() - started) / 1000
    const kinds = [...times]
      .map(([kind, ts]) => statsOf(kind, ts, refusedBy.get(kind) ?? 0, errorsBy.get(kind) ?? 0))
      .sort((a, b) => b.calls - a.calls)
    const all = [...times.values()].flat()
    const errors = [...errorsBy.values()].reduce((n, e) => n + e, 0)
    const refused = [...refusedBy.values()].reduce((n, e) => n + e, 0)
    const months = [...new Set([monthOf(new Date(started)), monthOf(new Date())])]
    const { differences, entries } = await differencesOf(cloud, months)
    return {
      seconds,
      concurrency: o.concurrency,
      calls: all.length,
      throughput: all.length / seconds,
      kinds,
      overall: statsOf('overall', all, refused, errors),
      refusals,
      errors,
      errorSamples,
      ledgerEntries: entries,
      differences,
    }
  } finally {
    await cloud.close()
  }
}

export function printReport(r: LoadReport): void {
  const ms = (x: number) => x.toFixed(1).padStart(7)
  const width = Math.max(...r.kinds.map((k) => k.kind.length), 8)
  console.log(
    `\nLoad: ${r.calls} calls in ${r.seconds.toFixed(1)} s at concurrency ${r.concurrency}: ${r.throughput.toFixed(1)} calls/s`,
  )
  console.log(`  ${'action'.padEnd(width)}  calls  refused  errors      p50      p95      p99 (ms)`)
  for (const k of [...r.kinds, r.overall])
    console.log(
      `  ${k.kind.padEnd(width)}  ${String(k.calls).padStart(5)}  ${String(k.refused).padStart(7)}  ${String(k.errors).padStart(6)}  ${ms(k.p50)}  ${ms(k.p95)}  ${ms(k.p99)}`,
    )
  for (const [what, n] of r.refusals) console.log(`  refused (expected): ${n} × ${what}`)
  console.log(`Errors: ${r.errors}`)
  for (const e of r.errorSamples) console.log(`  ${e}`)
  console.log(
    `Counters vs a recount of the ledger (${r.ledgerEntries} units recorded): ${r.differences.length} differences`,
  )
  for (const d of r.differences) console.log(`  ${d}`)
}

if (isEntry(module)) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`)
    const v = i >= 0 ? Number(process.argv[i + 1]) : fallback
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`)
    return v
  }
  runLoad({ seconds: arg('seconds', 30), concurrency: arg('concurrency', 16) }).then(
    (r) => {
      printReport(r)
      if (r.errors || r.differences.length) process.exitCode = 1
    },
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
