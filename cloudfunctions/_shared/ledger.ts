// The participation ledger: every countable action calls `recordParticipation`. The entry's id is
// deterministic (nothing counts twice); per-member daily and monthly caps are enforced by a conditional
// update of the member's month counter, and the branch's month counter moves with it (`_.inc`).
// With the month's counters opened ahead (month-counters.ts), every path takes at most 3 round trips:
//   duplicate: the entry insert (1) · counted: entry, member counter, branch counter (3) ·
//   refused by a cap: entry, member counter, the refusal tallied on that counter (3).
// Only a counter that was never opened costs more: its creation on first use, correct but slower.
import type { Dayjs } from 'dayjs'
import { PARTICIPATION_RULES, type RuleId } from '../../typings/participation'
import { getDb, isDuplicateKey } from './cloud'
import { now } from './clock'
import { COLLECTIONS } from './collections'
import { updatedCount } from './db'
import { type CounterOwner, emptyBranchMonth, emptyMemberMonth } from './month-counters'
import { branchMonthId, ledgerEntryId, memberMonthId, pointsFor } from './participation'

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

export type Recorded = {
  entryId: string
  counted: boolean
  /** Why it was not counted. */
  reason?: 'duplicate' | 'cap'
  month: string
  day: string
}

export async function recordParticipation(p: Participation): Promise<Recorded> {
  const db = getDb()
  const _ = db.command
  const units = p.units ?? 1
  const rule = PARTICIPATION_RULES[p.rule]
  const at = p.at ?? now()
  const month = at.format('YYYY-MM')
  const day = at.format('DD')
  const entryId = ledgerEntryId(p.member._id, p.rule, p.ref)
  const points = pointsFor(p.rule, units)
  const branchId = p.member.branchId
  const base = { entryId, month, day: at.format('YYYY-MM-DD') }

  try {
    await db.collection(COLLECTIONS.ledger).add({
      data: {
        _id: entryId,
        memberId: p.member._id,
        branchId,
        communityId: p.member.communityId,
        rule: p.rule,
        ref: p.ref,
        units,
        points,
        month,
        day: base.day,
        at: at.toDate(),
      },
    })
  } catch (err) {
    if (isDuplicateKey(err)) return { ...base, counted: false, reason: 'duplicate' }
    throw err
  }

  const memberCounter = db.collection(COLLECTIONS.memberMonths)
  const counterId = memberMonthId(month, p.member._id)
  // A missing counter field means 0: "missing or below the cap" is the condition for both caps.
  const within = (field: string, cap: number) =>
    _.or([{ [field]: _.exists(false) }, { [field]: _.lte(cap - units) }])
  const bump = () =>
    updatedCount(
      memberCounter
        .where(
          _.and([
            { _id: counterId },
            within(`counts.${p.rule}`, rule.monthlyCap),
            within(`days.${day}.${p.rule}`, rule.dailyCap),
          ]),
        )
        .update({
          data: {
            score: _.inc(points),
            counts: { [p.rule]: _.inc(units) },
            days: { [day]: { [p.rule]: _.inc(units) } },
            reachedAt: at.toDate(),
          },
        }),
    )
  // Counts only grow, so once a cap refuses this action it always will; an action bigger than a cap never fits.
  const overCap =
    units > rule.dailyCap || units > rule.monthlyCap
      ? []
      : [
          _.or([
            { [`counts.${p.rule}`]: _.gt(rule.monthlyCap - units) },
            { [`days.${day}.${p.rule}`]: _.gt(rule.dailyCap - units) },
          ]),
        ]
  // The refusal is tallied on the counter only when a cap is what refused it: updating nothing means the
  // counter was never opened (or was created just now by a concurrent request).
  const refuse = () =>
    updatedCount(
      memberCounter
        .where(_.and([{ _id: counterId }, ...overCap]))
        .update({ data: { refused: { [p.rule]: _.inc(units) } } }),
    )

  let counted = (await bump()) === 1
  if (!counted && (await refuse()) === 0) {
    counted = await openMemberCounter(p, month, day, units, points, at, bump, refuse)
  }
  if (!counted) return { ...base, counted: false, reason: 'cap' }

  if (branchId) {
    const branchCounter = db.collection(COLLECTIONS.branchMonths)
    const bumpBranch = () =>
      updatedCount(
        branchCounter
          .where({ _id: branchMonthId(month, branchId) })
          .update({ data: { score: _.inc(points), counts: { [p.rule]: _.inc(units) } } }),
      )
    if ((await bumpBranch()) === 0) {
      const opened = emptyBranchMonth({ _id: branchId, communityId: p.member.communityId }, month)
      await createOrRetry(
        () =>
          branchCounter.add({ data: { ...opened, score: points, counts: { [p.rule]: units } } }),
        bumpBranch,
      )
    }
  }
  return { ...base, counted: true }
}

/** A counter that was never opened: create it holding this action (or its refusal, when one action alone
 * exceeds a cap); when a concurrent request created it first, count or refuse against theirs. */
async function openMemberCounter(
  p: Participation,
  month: string,
  day: string,
  units: number,
  points: number,
  at: Dayjs,
  bump: () => Promise<number>,
  refuse: () => Promise<number>,
): Promise<boolean> {
  const rule = PARTICIPATION_RULES[p.rule]
  const fits = units <= rule.dailyCap && units <= rule.monthlyCap
  const opened = emptyMemberMonth(p.member, month)
  const doc = fits
    ? {
        ...opened,
        score: points,
        counts: { [p.rule]: units },
        days: { [day]: { [p.rule]: units } },
        reachedAt: at.toDate(),
      }
    : { ...opened, refused: { [p.rule]: units } }
  const created = await createOrRetry(
    () => getDb().collection(COLLECTIONS.memberMonths).add({ data: doc }),
    async () => {
      if ((await bump()) === 1) return 1
      await refuse()
      return 0
    },
  )
  return fits && created
}

/** Create a counter; when another request created it first, apply the change to theirs instead. */
async function createOrRetry(create: () => unknown, retry: () => Promise<number>) {
  try {
    await create()
    return true
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    return (await retry()) === 1
  }
}
