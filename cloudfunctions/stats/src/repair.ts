// Settlement's repair of half-written ledger entries. A request that died after writing its entry and before
// its counters moved leaves the entry unmarked on its member's counter (`applied`), or the branch counter
// short of it. For a branch whose counters differ from the ledger, settlement applies every unmarked entry as
// the ledger would have (within the caps, else tallied refused; reversals after their originals), then moves
// the branch counter to what the branch's counted entries add up to. A second run repairs nothing: the marks
// apply each entry once, and the branch is corrected only if nothing moved it since it was read.
import type { RuleCounts, RuleId } from '../../../typings/participation'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent, findById, rows, updatedCount } from '../../_shared/db'
import { IN_FLIGHT_MS, type LedgerEntry, countOrRefuse, takeBack } from '../../_shared/ledger'
import { type Applied, type BranchMonthDoc, emptyBranchMonth } from '../../_shared/month-counters'
import { branchMonthId, memberMonthIdsIn } from '../../_shared/participation'
import { countDiff, groupBy } from './domain'
import { PAGE, SETTLED_FIELDS, type SettledCounter, mapLimit, pageAll } from './store'

export type RepairedEntry = {
  entryId: string
  memberId: string
  rule: RuleId
  units: number
  applied: Applied
}

export type BranchRepair = {
  entries: RepairedEntry[]
  /** Counted units per rule the branch counter was corrected by. */
  branch: RuleCounts
  /** The counters of the members with entries in the branch, and the branch counter, as they are now. */
  counters: SettledCounter[]
  branchDoc: BranchMonthDoc | undefined
}

type MarkedCounter = SettledCounter & { applied?: Record<string, Applied> }

/** The members' counters of a month in a branch, with their marks (a branch has at most 1000 members; a
 * member who moved that month has one counter per branch, see memberMonthIdsIn). */
async function countersOf(month: string, branchId: string, memberIds: string[]) {
  const _ = getDb().command
  const out = new Map<string, MarkedCounter>()
  for (let i = 0; i < memberIds.length; i += PAGE / 2) {
    const ids = memberIds
      .slice(i, i + PAGE / 2)
      .flatMap((id) => memberMonthIdsIn(month, id, branchId))
    const page = await rows<MarkedCounter>(
      getDb()
        .collection(COLLECTIONS.memberMonths)
        .where({ _id: _.in(ids), branchId })
        .field({ ...SETTLED_FIELDS, applied: true })
        .limit(PAGE),
    )
    for (const c of page) out.set(c.memberId, c)
  }
  return out
}

/** Names for counters that were never opened and are now created by a repair. */
async function namesOf(memberIds: string[]) {
  if (!memberIds.length) return new Map<string, string>()
  const found = await rows<{ _id: string; name: string }>(
    getDb()
      .collection(COLLECTIONS.members)
      .where({ _id: getDb().command.in(memberIds) })
      .field({ name: true })
      .limit(PAGE),
  )
  return new Map(found.map((m) => [m._id, m.name]))
}

/**
 * Repairs these branches' month, with one read of their ledger entries (100 branches a request: every
 * query by month alone would cost as much as the whole month). A branch is left out, untouched, while a
 * request may still be writing to it (an entry written less than IN_FLIGHT_MS before `startedAt`, when
 * settlement read the branch counters) or when its entries predate the marks (no `recordedAt`): such a
 * branch is only audited.
 */
export async function repairBranches(
  month: string,
  branches: { branchId: string; branchDoc: BranchMonthDoc | undefined }[],
  startedAt: Date,
): Promise<Map<string, BranchRepair>> {
  const _ = getDb().command
  const entries: LedgerEntry[] = []
  for (let i = 0; i < branches.length; i += 100) {
    const branchId = _.in(branches.slice(i, i + 100).map((b) => b.branchId))
    entries.push(...(await pageAll<LedgerEntry>(COLLECTIONS.ledger, { month, branchId })))
  }
  const byBranch = groupBy(entries, (e) => e.branchId)
  const out = new Map<string, BranchRepair>()
  await mapLimit(branches, 10, async ({ branchId, branchDoc }) => {
    const repair = await repairBranch(
      month,
      branchId,
      byBranch.get(branchId) ?? [],
      branchDoc,
      startedAt,
    )
    if (repair) out.set(branchId, repair)
  })
  return out
}

async function repairBranch(
  month: string,
  branchId: string,
  entries: LedgerEntry[],
  branchDoc: BranchMonthDoc | undefined,
  startedAt: Date,
): Promise<BranchRepair | null> {
  const over = startedAt.getTime() - IN_FLIGHT_MS
  if (!entries.every((e) => e.recordedAt && new Date(e.recordedAt).getTime() <= over)) return null
  const memberIds = [...new Set(entries.map((e) => e.memberId))]
  const before = await countersOf(month, branchId, memberIds)
  const pending = entries
    .filter((e) => !before.get(e.memberId)?.applied?.[e._id])
    .sort(
      (a, b) =>
        Number(!!a.reverses) - Number(!!b.reverses) ||
        new Date(a.at).getTime() - new Date(b.at).getTime(),
    )
  const names = await namesOf([
    ...new Set(pending.filter((e) => !before.has(e.memberId)).map((e) => e.memberId)),
  ])
  const repaired: RepairedEntry[] = []
  for (const e of pending) {
    const owner = {
      _id: e.memberId,
      name: names.get(e.memberId) ?? '',
      branchId: e.branchId,
      communityId: e.communityId,
    }
    const applied = e.reverses ? await takeBack(e) : await countOrRefuse(e, owner)
    if (applied)
      repaired.push({ entryId: e._id, memberId: e.memberId, rule: e.rule, units: e.units, applied })
  }
  const after = repaired.length ? await countersOf(month, branchId, memberIds) : before

  // The branch counter holds exactly the branch's entries that counted.
  const expected = { score: 0, counts: {} as RuleCounts }
  for (const e of entries)
    if (after.get(e.memberId)?.applied?.[e._id] === 'counted') {
      expected.score += e.points
      expected.counts[e.rule] = (expected.counts[e.rule] ?? 0) + e.units
    }
  const communityId = branchDoc?.communityId ?? entries[0]?.communityId ?? null
  const branch = await correctBranch(month, branchId, communityId, branchDoc, expected)
  return {
    entries: repaired,
    branch,
    counters: [...after.values()].map(({ applied: _a, ...c }) => c),
    branchDoc: Object.keys(branch).length
      ? ((await findById<BranchMonthDoc>(
          COLLECTIONS.branchMonths,
          branchMonthId(month, branchId),
        )) ?? undefined)
      : branchDoc,
  }
}

/** Moves the branch counter to `expected`, only if nothing moved it since `doc` was read (a concurrent
 * settlement did, or a late entry): then the audit reports it. Returns the correction made. */
async function correctBranch(
  month: string,
  branchId: string,
  communityId: string | null,
  doc: BranchMonthDoc | undefined,
  expected: { score: number; counts: RuleCounts },
): Promise<RuleCounts> {
  const diff = countDiff(expected.counts, doc?.counts ?? {})
  const rules = Object.keys(diff) as RuleId[]
  if (!rules.length) return {}
  if (!doc) {
    const opened = emptyBranchMonth({ _id: branchId, communityId }, month)
    return (await addIfAbsent(COLLECTIONS.branchMonths, { ...opened, ...expected })) ? diff : {}
  }
  const _ = getDb().command
  const moved = await updatedCount(
    getDb()
      .collection(COLLECTIONS.branchMonths)
      .where({
        _id: doc._id,
        score: doc.score,
        ...Object.fromEntries(rules.map((r) => [`counts.${r}`, doc.counts[r] ?? _.exists(false)])),
      })
      .update({
        data: {
          score: _.inc(expected.score - doc.score),
          counts: Object.fromEntries(rules.map((r) => [r, _.inc(diff[r] ?? 0)])),
        },
      }),
  )
  return moved ? diff : {}
}
