// The participation ledger: every countable action calls `recordParticipation`. The entry's id is
// deterministic (nothing counts twice); per-member daily and monthly caps are enforced by a conditional
// update of the member's month counter, and the branch's month counter moves with it (`_.inc`).
// With the month's counters opened ahead (month-counters.ts), every path takes at most 3 round trips:
//   duplicate: the entry insert (1) · counted: entry, member counter, branch counter (3) ·
//   refused by a cap: entry, member counter, the refusal tallied on that counter (3; 2 when the action alone
//   exceeds a cap). Only a counter that was never opened costs more: its creation on first use, exact but
//   slower. The update that moves the member's tally also marks the entry applied on that counter
//   (`applied.<entry id>`), so an entry moves a tally at most once, a request that died before its counters
//   moved is found and completed by the month's settlement (stats/src/repair.ts), and deleting content
//   takes its units back from the tally they went to (`reverseParticipation`).
import type { Dayjs } from 'dayjs'
import { PARTICIPATION_RULES, type RuleId } from '../../typings/participation'
import { getDb, isDuplicateKey } from './cloud'
import { now, nowDate } from './clock'
import { COLLECTIONS } from './collections'
import { findById, updatedCount } from './db'
import {
  type Applied,
  type CounterOwner,
  type MemberMonthDoc,
  emptyBranchMonth,
  emptyMemberMonth,
} from './month-counters'
import {
  branchMonthId,
  ledgerEntryId,
  memberMonthId,
  memberMonthIdsIn,
  movedMemberMonthId,
  pointsFor,
  reversalId,
} from './participation'

export type Participation = {
  member: CounterOwner
  rule: RuleId
  /** The natural reference: the day for a check-in, the comment id, the session id… */
  ref: string
  /** Hours for service, else 1. */
  units?: number
  /** When it happened, if not now: the caller's own reading of the clock (so a check-in's day and its ledger
   * day are one instant), or the day a confirmed service took place. */
  at?: Dayjs
}

export type LedgerEntry = {
  _id: string
  memberId: string
  branchId: string | null
  communityId: string | null
  rule: RuleId
  ref: string
  /** Negative in a reversal. */
  units: number
  points: number
  month: string
  /** `YYYY-MM-DD` (Shanghai): the day whose daily cap the units count against. */
  day: string
  at: Date
  /** When the entry was written (`at` may be an earlier day): settlement completes only entries whose request
   * is over for sure. */
  recordedAt: Date
  /** A reversal's original entry. */
  reverses?: string
}

/** A request that wrote a ledger entry this long ago has finished or died: no function runs over 60 s. */
export const IN_FLIGHT_MS = 5 * 60_000

export type Recorded = {
  entryId: string
  counted: boolean
  /** Why it was not counted. */
  reason?: 'duplicate' | 'cap'
  month: string
  day: string
}

/** The entry `recordParticipation` writes for a participation. */
export function ledgerEntryOf(p: Participation): LedgerEntry {
  const units = p.units ?? 1
  const at = p.at ?? now()
  return {
    _id: ledgerEntryId(p.member._id, p.rule, p.ref),
    memberId: p.member._id,
    branchId: p.member.branchId,
    communityId: p.member.communityId,
    rule: p.rule,
    ref: p.ref,
    units,
    points: pointsFor(p.rule, units),
    month: at.format('YYYY-MM'),
    day: at.format('YYYY-MM-DD'),
    at: at.toDate(),
    recordedAt: nowDate(),
  }
}

export async function recordParticipation(p: Participation): Promise<Recorded> {
  const entry = ledgerEntryOf(p)
  const base = { entryId: entry._id, month: entry.month, day: entry.day }
  try {
    await getDb().collection(COLLECTIONS.ledger).add({ data: entry })
  } catch (err) {
    if (isDuplicateKey(err)) return { ...base, counted: false, reason: 'duplicate' }
    throw err
  }
  if ((await countOrRefuse(entry, p.member)) !== 'counted')
    return { ...base, counted: false, reason: 'cap' }
  await moveBranch(entry)
  return { ...base, counted: true }
}

const unapplied = (entryId: string) => ({
  [`applied.${entryId}`]: getDb().command.exists(false),
})

/** What moves the member's counted tally by an entry's units (negative for a reversal). */
function countedMove(entry: LedgerEntry) {
  const _ = getDb().command
  return {
    score: _.inc(entry.points),
    counts: { [entry.rule]: _.inc(entry.units) },
    days: { [entry.day.slice(8)]: { [entry.rule]: _.inc(entry.units) } },
  }
}

/** The member's counter of the entry's month in the entry's branch: the month's first counter, or the one of
 * the branch they moved to that month (its branchId tells which), so points stay where they were earned. */
const counterOfEntry = (entry: LedgerEntry) => {
  const _ = getDb().command
  return entry.branchId
    ? {
        _id: _.in(memberMonthIdsIn(entry.month, entry.memberId, entry.branchId)),
        branchId: entry.branchId,
      }
    : { _id: memberMonthId(entry.month, entry.memberId) }
}

/**
 * Counts an entry on its member's counter if it fits the caps, else tallies its refusal; either update marks
 * the entry applied. Null when it was applied before (by settlement's repair, or this call raced one).
 * The member's counter is created on first use if it was never opened (`owner` names it); when the month's
 * first counter is another branch's (the member moved), the counter of this branch is.
 */
export async function countOrRefuse(
  entry: LedgerEntry,
  owner: CounterOwner,
): Promise<Applied | null> {
  const _ = getDb().command
  const { rule: ruleId, units } = entry
  const rule = PARTICIPATION_RULES[ruleId]
  const day = entry.day.slice(8)
  const counter = counterOfEntry(entry)
  const counters = getDb().collection(COLLECTIONS.memberMonths)
  // An action bigger than a cap on its own never fits; it is refused without trying to count it.
  const fits = units <= rule.dailyCap && units <= rule.monthlyCap
  // A missing counter field means 0: "missing or below the cap" is the condition for both caps.
  const within = (field: string, cap: number) =>
    _.or([{ [field]: _.exists(false) }, { [field]: _.lte(cap - units) }])
  const bump = () =>
    updatedCount(
      counters
        .where(
          _.and([
            counter,
            unapplied(entry._id),
            within(`counts.${ruleId}`, rule.monthlyCap),
            within(`days.${day}.${ruleId}`, rule.dailyCap),
          ]),
        )
        .update({
          data: {
            ...countedMove(entry),
            reachedAt: entry.at,
            applied: { [entry._id]: 'counted' },
          },
        }),
    )
  // The refusal is tallied only when a cap is what refused it: updating nothing means the counter was never
  // opened, the entry was applied already, or a reversal freed room meanwhile (then it is tried again).
  const overCap = fits
    ? [
        _.or([
          { [`counts.${ruleId}`]: _.gt(rule.monthlyCap - units) },
          { [`days.${day}.${ruleId}`]: _.gt(rule.dailyCap - units) },
        ]),
      ]
    : []
  const refuse = () =>
    updatedCount(
      counters.where(_.and([counter, unapplied(entry._id), ...overCap])).update({
        data: { refused: { [ruleId]: _.inc(units) }, applied: { [entry._id]: 'refused' } },
      }),
    )
  const apply = async (): Promise<Applied | null> => {
    if (fits && (await bump()) === 1) return 'counted'
    return (await refuse()) === 1 ? 'refused' : null
  }
  const outcome = await apply()
  if (outcome) return outcome

  // Never opened: create the counter holding this action (or its refusal); when a concurrent request created
  // it first, count or refuse against theirs. When the month's first counter is another branch's (the member
  // moved), the same for their counter in this branch.
  const create = async (id: string) => {
    const opened = emptyMemberMonth(owner, entry.month, id)
    const doc = fits
      ? {
          ...opened,
          score: entry.points,
          counts: { [ruleId]: units },
          days: { [day]: { [ruleId]: units } },
          reachedAt: entry.at,
          applied: { [entry._id]: 'counted' },
        }
      : { ...opened, refused: { [ruleId]: units }, applied: { [entry._id]: 'refused' } }
    try {
      await counters.add({ data: doc })
      return true
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      return false
    }
  }
  const created: Applied = fits ? 'counted' : 'refused'
  const first = memberMonthId(entry.month, entry.memberId)
  if (await create(first)) return created
  const again = await apply()
  if (again || !entry.branchId) return again
  // Nothing applied: the entry was applied before, or the first counter is another branch's.
  if (
    (await findById<MemberMonthDoc>(COLLECTIONS.memberMonths, first))?.branchId === entry.branchId
  )
    return null
  if (await create(movedMemberMonthId(entry.month, entry.memberId, entry.branchId))) return created
  return apply()
}

/** Moves the branch's month counter by a counted entry (or a reversal of one); creates it if never opened. */
export async function moveBranch(entry: LedgerEntry): Promise<void> {
  const { branchId } = entry
  if (!branchId) return
  const _ = getDb().command
  const branchCounter = getDb().collection(COLLECTIONS.branchMonths)
  const bump = () =>
    updatedCount(
      branchCounter.where({ _id: branchMonthId(entry.month, branchId) }).update({
        data: { score: _.inc(entry.points), counts: { [entry.rule]: _.inc(entry.units) } },
      }),
    )
  if ((await bump()) === 1) return
  // Never opened: create it with this entry, or bump the one a concurrent request made.
  const opened = emptyBranchMonth({ _id: branchId, communityId: entry.communityId }, entry.month)
  try {
    await branchCounter.add({
      data: { ...opened, score: entry.points, counts: { [entry.rule]: entry.units } },
    })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    await bump()
  }
}

/**
 * Takes back a participation whose content was deleted: a reversal entry with the opposite units, applied
 * to the tally the original went to (counts and the branch, or refusals), so counts + refused = ledger still.
 * Its id is deterministic, so deleting twice, or concurrently, reverses once. Only while the original's month
 * lasts: an ended month may be settled, its ranking and bulletin published. 'pending' when the original was
 * not applied yet (its request still running or dead): settlement applies both, the original first.
 */
export async function reverseParticipation(
  memberId: string,
  rule: RuleId,
  ref: string,
): Promise<Applied | 'pending' | null> {
  const original = await findById<LedgerEntry>(
    COLLECTIONS.ledger,
    ledgerEntryId(memberId, rule, ref),
  )
  if (!original || original.month !== now().format('YYYY-MM')) return null
  const reversal = reversalOf(original)
  try {
    await getDb().collection(COLLECTIONS.ledger).add({ data: reversal })
  } catch (err) {
    if (isDuplicateKey(err)) return null
    throw err
  }
  const taken = await takeBack(reversal)
  if (taken === 'counted') await moveBranch(reversal)
  return taken ?? 'pending'
}

/** The entry that takes back `original`: the opposite units, on the original's day and branch. */
export const reversalOf = (original: LedgerEntry): LedgerEntry => ({
  ...original,
  _id: reversalId(original._id),
  units: -original.units,
  points: -original.points,
  recordedAt: nowDate(),
  reverses: original._id,
})

/** Applies a reversal to its member's counter, from the tally its original went to (marking it applied);
 * null while the original is not applied, or when the reversal was applied before. */
export async function takeBack(reversal: LedgerEntry): Promise<Applied | null> {
  const _ = getDb().command
  const from = (tally: Applied, move: object) =>
    updatedCount(
      getDb()
        .collection(COLLECTIONS.memberMonths)
        .where({
          ...counterOfEntry(reversal),
          [`applied.${reversal.reverses}`]: tally,
          ...unapplied(reversal._id),
        })
        .update({ data: { ...move, applied: { [reversal._id]: tally } } }),
    )
  if (await from('counted', countedMove(reversal))) return 'counted'
  if (await from('refused', { refused: { [reversal.rule]: _.inc(reversal.units) } }))
    return 'refused'
  return null
}
