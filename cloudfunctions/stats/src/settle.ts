// Month settlement: check the counters against a recount of the ledger (completing entries whose request died
// midway, repair.ts), freeze the month's rankings into snapshots, post each branch's bulletin. It runs in
// slices (month-work.ts: a community or a page of its branches, each its own invocation); the district's and
// each community's branch rankings and the summary are assembled from the slices' results. Every write has a
// deterministic id and is insert-once, so a slice run again (after its invocation died) leaves whatever the
// first run wrote exactly as it was; a repaired entry is marked applied, so it is never repaired again, and a
// branch's audit, written right after its repair, tells a second run what the first repaired.
import type { RankedBranch, SettlementRun, SettlementSummary } from '../../../typings/stats'
import type { RuleCounts, RuleId } from '../../../typings/participation'
import { getDb } from '../../_shared/cloud'
import { nowDate } from '../../_shared/clock'
import { activeMemberCounts } from '../../_shared/branches'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent, aggregate, findById, insertOnce, rows } from '../../_shared/db'
import { minimumsOf } from '../../_shared/minimums'
import type { Applied, BranchMonthDoc } from '../../_shared/month-counters'
import { type NewsDoc, newsAudience } from '../../_shared/news'
import { branchMonthId, meetsMinimums, rankOrder } from '../../_shared/participation'
import type { OrgDoc } from '../../_shared/records'
import { DISTRICT_SCOPE } from './actions/ranking'
import {
  type BranchTotals,
  addCounts,
  bulletinOf,
  countDiff,
  groupBy,
  metCountOf,
  rankBranches,
  sameCounts,
  scored,
} from './domain'
import { type RunDoc, type SliceDoc, type Work, drive, planSlices, progressOf } from './month-work'
import { type RepairedEntry, repairBranches } from './repair'
import { storedDocs } from './snapshots'
import {
  PAGE,
  SETTLED_FIELDS,
  type SettledCounter,
  branchSnapshotId,
  branchesOf,
  mapLimit,
  memberSnapshotId,
  pageAll,
} from './store'

type Recount = { _id: { k: string; r: RuleId }; units: number }
type Difference = {
  _id: string
  month: string
  branchId: string
  /** Counters (counted + refused units) minus the ledger's recount, per rule, where they differ. */
  branchCounter: RuleCounts
  memberCounters: RuleCounts
  members: { memberId: string; diff: RuleCounts }[]
}
/** A branch that differed: what the repair completed, and what difference is left (none when repaired). */
type Audit = Difference & { repaired: RepairedEntry[]; branchRepaired: RuleCounts }

export const settlementAuditId = (month: string, branchId: string) => `${month}_${branchId}`

/** Ledger units per key (branch or member) and rule, in one aggregate. */
async function recount(match: Record<string, unknown>, key: '$branchId' | '$memberId') {
  const found = await aggregate<Recount>(COLLECTIONS.ledger, [
    { $match: match },
    { $group: { _id: { k: key, r: '$rule' }, units: { $sum: '$units' } } },
    { $limit: 1_000_000 },
  ])
  const out = new Map<string, RuleCounts>()
  for (const row of found) {
    const counts = out.get(row._id.k) ?? {}
    counts[row._id.r] = row.units
    out.set(row._id.k, counts)
  }
  return out
}

/** Every ledger entry is either counted or refused by a cap: a member's counts + refused equal their ledger. */
const recorded = (c: SettledCounter) => addCounts({ ...c.counts }, c.refused ?? {})

/** A branch's counters as the ledger should recount them: its members' counts + refused, and the branch
 * counter (counted units only) plus the members' refusals. */
function sumsOf(counters: SettledCounter[], branchDoc: BranchMonthDoc | undefined) {
  const memberSum = counters.reduce((sum, c) => addCounts(sum, recorded(c)), {} as RuleCounts)
  const refusedSum = counters.reduce((sum, c) => addCounts(sum, c.refused ?? {}), {} as RuleCounts)
  return { memberSum, branchCounter: addCounts({ ...branchDoc?.counts }, refusedSum) }
}
const balanced = (sums: ReturnType<typeof sumsOf>, recounted: RuleCounts) =>
  sameCounts(sums.memberSum, recounted) && sameCounts(sums.branchCounter, recounted)

/** Compares one branch's counters with the ledger; drills down to members only when the branch differs. */
async function auditBranch(
  month: string,
  branchId: string,
  counters: SettledCounter[],
  branchDoc: BranchMonthDoc | undefined,
  recounted: RuleCounts,
): Promise<Difference | null> {
  const { memberSum, branchCounter } = sumsOf(counters, branchDoc)
  if (balanced({ memberSum, branchCounter }, recounted)) return null
  const perMember = await recount({ month, branchId }, '$memberId')
  const ids = new Set([...perMember.keys(), ...counters.map((c) => c.memberId)])
  const byMember = new Map(counters.map((c) => [c.memberId, recorded(c)]))
  return {
    _id: settlementAuditId(month, branchId),
    month,
    branchId,
    branchCounter: countDiff(branchCounter, recounted),
    memberCounters: countDiff(memberSum, recounted),
    members: [...ids]
      .sort()
      .map((memberId) => ({
        memberId,
        diff: countDiff(byMember.get(memberId) ?? {}, perMember.get(memberId) ?? {}),
      }))
      .filter((m) => Object.keys(m.diff).length > 0),
  }
}

/** What one slice of a settlement leaves for the month's summary and branch rankings. */
export type SettledSlice = {
  totals: (BranchTotals & { communityId: string | null })[]
  members: number
  differences: number
  repaired: SettlementSummary['repaired']
  bulletins: number
  /** The community whose branch ranking the slice froze, holding all of its branches (else the assembly does). */
  rankedCommunity?: string | null
}

/** Settles a slice's branches: repairs and audits the differing ones, freezes each branch's member ranking,
 * posts its bulletin, and returns its branch totals. Every write is insert-once (a repair is marked), so a
 * slice run again after its invocation died writes only what is missing and returns the same result. */
async function settleSlice(slice: SliceDoc<SettledSlice>): Promise<SettledSlice> {
  const { month, branchIds } = slice
  const settledAt = new Date(slice.at)
  // Taken before the counters are read: the repair leaves alone a branch with entries written since.
  const startedAt = nowDate()
  const _ = getDb().command
  const inSlice = _.in(branchIds)
  const [branches, active, counters, branchDocs, recounted, audited] = await Promise.all([
    byIds<OrgDoc>(COLLECTIONS.orgs, branchIds),
    activeMemberCounts({ branchId: inSlice }),
    pageAll<SettledCounter>(COLLECTIONS.memberMonths, { month, branchId: inSlice }, SETTLED_FIELDS),
    byIds<BranchMonthDoc>(
      COLLECTIONS.branchMonths,
      branchIds.map((id) => branchMonthId(month, id)),
    ),
    recount({ month, branchId: inSlice }, '$branchId'),
    // An earlier run of this slice that died after its audits: they say what it repaired.
    byIds<Audit>(
      COLLECTIONS.settlementAudits,
      branchIds.map((id) => settlementAuditId(month, id)),
    ),
  ])
  branches.sort((a, b) => (a._id < b._id ? -1 : 1))
  // By counter: a member who moved this month has one in each branch.
  const counterOf = new Map(counters.map((c) => [c._id, c]))
  const branchDocById = new Map(branchDocs.map((b) => [b.branchId, b]))
  const auditedIds = new Set(audited.map((a) => a.branchId))
  let byBranch = groupBy(counters, (c) => c.branchId)
  const differing = branchIds.filter(
    (id) =>
      !auditedIds.has(id) &&
      !balanced(sumsOf(byBranch.get(id) ?? [], branchDocById.get(id)), recounted.get(id) ?? {}),
  )

  // Only a branch that differs can hold a half-written entry: repair those, then audit them as they are now.
  const repairs = await repairBranches(
    month,
    differing.map((branchId) => ({ branchId, branchDoc: branchDocById.get(branchId) })),
    startedAt,
  )
  for (const [branchId, repair] of repairs) {
    for (const c of repair.counters) counterOf.set(c._id, c)
    if (repair.branchDoc) branchDocById.set(branchId, repair.branchDoc)
  }
  const settled = [...counterOf.values()]
  byBranch = groupBy(settled, (c) => c.branchId)
  const left = await mapLimit(differing, 10, (branchId) =>
    auditBranch(
      month,
      branchId,
      byBranch.get(branchId) ?? [],
      branchDocById.get(branchId),
      recounted.get(branchId) ?? {},
    ),
  )
  const noneLeft = { branchCounter: {}, memberCounters: {}, members: [] }
  const audits: Audit[] = differing.map((branchId, i) => ({
    _id: settlementAuditId(month, branchId),
    month,
    branchId,
    ...(left[i] ?? noneLeft),
    repaired: repairs.get(branchId)?.entries ?? [],
    branchRepaired: repairs.get(branchId)?.branch ?? {},
  }))
  // Written first, so that a run resumed after a later write died still reports this repair.
  await insertOnce(COLLECTIONS.settlementAudits, audits, 50)
  const allAudits = [...audited, ...audits]
  const repairedEntries = allAudits.flatMap((a) => a.repaired)
  const unitsOf = (applied: Applied) =>
    repairedEntries.filter((e) => e.applied === applied).reduce((sum, e) => sum + e.units, 0)

  const memberSnapshots = []
  const totals: SettledSlice['totals'] = []
  const bulletins: {
    branch: OrgDoc
    rows: { name: string; score: number; met: boolean }[]
    t: BranchTotals
  }[] = []
  for (const b of branches) {
    const minimums = minimumsOf(b)
    // Members still in the branch: a counter closed by a move or a departure stays in the audit above only.
    const rows = scored((byBranch.get(b._id) ?? []).filter((c) => !c.closed))
      .sort(rankOrder)
      .map((c) => ({
        memberId: c.memberId,
        name: c.name,
        score: c.score,
        counts: c.counts,
        reachedAt: c.reachedAt,
        met: meetsMinimums(c.counts, minimums),
      }))
    const activeMembers = active.get(b._id) ?? 0
    if (rows.length)
      memberSnapshots.push({
        _id: memberSnapshotId(month, b._id),
        kind: 'members',
        month,
        branchId: b._id,
        communityId: b.communityId,
        rows,
        settledAt,
      })
    if (!activeMembers) continue
    const t: BranchTotals & { communityId: string | null } = {
      branchId: b._id,
      communityId: b.communityId,
      name: b.name,
      branchType: b.branchType ?? '',
      activeMembers,
      metCount: metCountOf({
        metWithCounter: rows.filter((r) => r.met).length,
        withCounter: rows.length,
        activeMembers,
        minimums,
      }),
      score: rows.reduce((s, r) => s + r.score, 0),
      counts: rows.reduce((sum, r) => addCounts(sum, r.counts), {} as RuleCounts),
    }
    totals.push(t)
    bulletins.push({ branch: b, rows, t })
  }

  // A slice holding its whole community also freezes the community's ranking, sparing the assembly.
  const rankedCommunity = slice.whole && totals.length ? slice.communityId : null
  await insertOnce(
    COLLECTIONS.snapshots,
    [
      ...memberSnapshots.flatMap((m) => storedDocs(m)),
      ...(rankedCommunity ? branchSnapshotDocs(month, rankedCommunity, totals, settledAt) : []),
    ],
    50,
  )
  // Bulletins in batches: one request per 100 branches instead of one each.
  await insertOnce(
    COLLECTIONS.news,
    bulletins.map((x) => bulletinNews(month, x.branch, x.rows, x.t, settledAt)),
    100,
  )
  return {
    totals,
    members: scored(settled).length,
    differences: allAudits.filter(
      (a) => Object.keys(a.branchCounter).length || Object.keys(a.memberCounters).length,
    ).length,
    repaired: {
      entries: repairedEntries.length,
      countedUnits: unitsOf('counted'),
      refusedUnits: unitsOf('refused'),
      branches: allAudits.filter((a) => Object.keys(a.branchRepaired).length).length,
    },
    bulletins: bulletins.length,
    rankedCommunity,
  }
}

/** A scope's frozen branch ranking (a community's or the district's) as stored: in chunks when long. */
function branchSnapshotDocs(
  month: string,
  scopeId: string,
  totals: SettledSlice['totals'],
  settledAt: Date,
) {
  const snapshot = {
    _id: branchSnapshotId(month, scopeId),
    kind: 'branches',
    month,
    scopeId,
    rows: rankBranches(
      totals.map(({ communityId: _c, ...t }) => t),
      null,
    ) as RankedBranch[],
    settledAt,
  }
  return storedDocs(snapshot)
}

/** Documents by `_id` (at most PAGE ids). */
function byIds<T>(collection: string, ids: string[]): Promise<T[]> {
  return rows<T>(
    getDb()
      .collection(collection)
      .where({ _id: getDb().command.in(ids) })
      .limit(PAGE),
  )
}

/** The month's branch rankings, per community and for the district, from every slice's branch totals (in
 * chunks where they are long, snapshots.ts), and the summary; written once (the first assembly's stays). */
async function assembleSettlement(run: RunDoc, slices: SettledSlice[]) {
  const { month } = run
  const settledAt = new Date(run.at)
  const totals = [...new Map(slices.flatMap((s) => s.totals).map((t) => [t.branchId, t])).values()]
  // Communities a slice ranked already are left out (a slice planned before slices did so ranked none).
  const ranked = new Set(slices.map((s) => s.rankedCommunity))
  const scopes = groupBy(totals, (t) => (ranked.has(t.communityId) ? null : t.communityId)).set(
    DISTRICT_SCOPE,
    totals,
  )
  // 10 a request at most: a chunk of the district's ranking is ~340 KB.
  await insertOnce(
    COLLECTIONS.snapshots,
    [...scopes].flatMap(([scopeId, ts]) => branchSnapshotDocs(month, scopeId, ts, settledAt)),
    10,
  )
  const sum = (f: (s: SettledSlice) => number) => slices.reduce((n, s) => n + f(s), 0)
  const summary: SettlementSummary = {
    month,
    branches: totals.length,
    members: sum((s) => s.members),
    differences: sum((s) => s.differences),
    repaired: {
      entries: sum((s) => s.repaired.entries),
      countedUnits: sum((s) => s.repaired.countedUnits),
      refusedUnits: sum((s) => s.repaired.refusedUnits),
      branches: sum((s) => s.repaired.branches),
    },
    bulletins: sum((s) => s.bulletins),
    already: false,
  }
  await addIfAbsent(COLLECTIONS.settlements, { _id: month, summary, settledAt })
}

/** Settlement as month work: a slice per community or page of its branches. */
export const settlementWork: Work<SettledSlice> = {
  kind: 'settle',
  plan: async () => {
    const [branches, active] = await Promise.all([branchesOf(null), activeMemberCounts()])
    return planSlices(branches, active)
  },
  slice: (slice) => settleSlice(slice),
  finish: assembleSettlement,
}

/**
 * Settles `month` for up to `limitMs` (the trigger's next run, or the admin's next press, carries on): the
 * summary once every slice is done, with `already` when it was settled before this call.
 */
export async function settleMonth(month: string, limitMs: number): Promise<SettlementRun> {
  const done = await findById<{ summary: SettlementSummary }>(COLLECTIONS.settlements, month)
  if (done)
    return {
      progress: await progressOf('settle', month),
      summary: { ...done.summary, already: true },
    }
  const run = await drive(settlementWork, month, limitMs)
  const settled =
    run.state === 'done'
      ? await findById<{ summary: SettlementSummary }>(COLLECTIONS.settlements, month)
      : null
  return { progress: await progressOf('settle', month), summary: settled?.summary ?? null }
}

/** A branch's monthly bulletin as a news document with a deterministic id (posted once per month). */
function bulletinNews(
  month: string,
  branch: OrgDoc,
  ranked: { name: string; score: number; met: boolean }[],
  t: BranchTotals,
  at: Date,
) {
  const minimums = minimumsOf(branch)
  const { title, body } = bulletinOf({
    month,
    branchName: branch.name,
    activeMembers: t.activeMembers,
    counts: t.counts,
    minimums,
    ranked,
    allMeet: meetsMinimums({}, minimums),
  })
  const news: NewsDoc = {
    _id: `bulletin_${month}_${branch._id}`,
    branchId: branch._id,
    communityId: branch.communityId ?? '',
    authorId: 'system',
    authorName: '支部月度公布',
    title,
    body,
    images: [],
    visibility: 'branch',
    kind: 'bulletin',
    createdAt: at,
    updatedAt: at,
    commentCount: 0,
    readCount: 0,
    deleted: false,
  }
  return { ...news, audience: newsAudience(news) }
}
