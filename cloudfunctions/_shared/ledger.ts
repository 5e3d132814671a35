// The participation ledger: every countable action calls `recordParticipation`. The entry's id is
// deterministic (nothing counts twice); per-member daily and monthly caps are enforced by a conditional
// update of the member's month counter, and the branch's month counter moves with it (`_.inc`).
// With the month's counters opened ahead (month-counters.ts), every path takes at most 3 round trips:
//   duplicate: the entry insert (1) · counted: entry, member counter, branch counter (3) ·
//   refused by a cap: entry, member counter, the refusal tallied on that counter (3; 2 when the action alone
//   exceeds a cap). Only a counter that was never opened costs more: its creation on first use, exact but
//   slower. A request that dies between the entry and its counter leaves an entry neither counted nor
//   refused; the month's settlement records it as a difference.
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

type Outcome = 'counted' | 'refused' | 'unopened'

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
  // An action bigger than a cap on its own never fits; it is refused without trying to count it.
  const fits = units <= rule.dailyCap && units <= rule.monthlyCap
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
  // The refusal is tallied on the counter only when a cap is what refused it (counts only grow, so a cap
  // that refused once still does): updating nothing means the counter was never opened.
  const overCap = fits
    ? [
        _.or([
          { [`counts.${p.rule}`]: _.gt(rule.monthlyCap - units) },
          { [`days.${day}.${p.rule}`]: _.gt(rule.dailyCap - units) },
        ]),
      ]
    : []
  const refuse = () =>
    updatedCount(
      memberCounter
        .where(_.and([{ _id: counterId }, ...overCap]))
        .update({ data: { refused: { [p.rule]: _.inc(units) } } }),
    )
  /** Counts the action if it fits, else tallies its refusal: 1 when either happened. */
  const apply = async () => {
    if (fits && (await bump()) === 1) return 'counted'
    return (await refuse()) === 1 ? 'refused' : 'unopened'
  }

  let outcome = await apply()
  if (outcome === 'unopened')
    outcome = await openMemberCounter(p, month, day, units, points, at, fits, apply)
  const counted = outcome === 'counted'
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
      // A branch counter never opened: create it with this action, or bump the one a concurrent request made.
      const opened = emptyBranchMonth({ _id: branchId, communityId: p.member.communityId }, month)
      try {
        await branchCounter.add({ data: { ...opened, score: points, counts: { [p.rule]: units } } })
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
        await bumpBranch()
      }
    }
  }
  return { ...base, counted: true }
}

/** A counter that was never opened: create it holding this action (or its refusal); when a concurrent
 * request created it first, count or refuse against theirs. */
async function openMemberCounter(
  p: Participation,
  month: string,
  day: string,
  units: number,
  points: number,
  at: Dayjs,
  fits: boolean,
  apply: () => Promise<Outcome>,
): Promise<Outcome> {
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
  try {
    await getDb().collection(COLLECTIONS.memberMonths).add({ data: doc })
    return fits ? 'counted' : 'refused'
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    return apply()
  }
}
