// The participation ledger: every countable action calls `recordParticipation`. The entry's id is
// deterministic (nothing counts twice); per-member daily and monthly caps are enforced by a conditional
// update of the member's month counter, and the branch's month counter moves with it (`_.inc`).
// Steady state: 3 round trips (entry, member counter, branch counter); a member's or branch's first
// countable action of a month adds the counter's creation.
import type { Dayjs } from 'dayjs'
import { PARTICIPATION_RULES, type RuleId } from '../../typings/participation'
import { getDb, isDuplicateKey } from './cloud'
import { now } from './clock'
import { COLLECTIONS } from './collections'
import { updatedCount } from './db'
import { branchMonthId, ledgerEntryId, memberMonthId, pointsFor } from './participation'
import type { MemberDoc } from './records'

export type Participation = {
  member: Pick<MemberDoc, '_id' | 'name' | 'branchId' | 'communityId'>
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
        counted: true,
      },
    })
  } catch (err) {
    if (isDuplicateKey(err)) return { ...base, counted: false, reason: 'duplicate' }
    throw err
  }

  // A missing counter field means 0: "missing or below the cap" is the condition for both caps.
  const within = (field: string, cap: number) =>
    _.or([{ [field]: _.exists(false) }, { [field]: _.lte(cap - units) }])
  const memberCounter = db.collection(COLLECTIONS.memberMonths)
  const counterId = memberMonthId(month, p.member._id)
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
  let counted = (await bump()) === 1
  if (!counted && units <= rule.dailyCap && units <= rule.monthlyCap) {
    counted = await createOrRetry(
      () =>
        memberCounter.add({
          data: {
            _id: counterId,
            memberId: p.member._id,
            name: p.member.name,
            branchId,
            communityId: p.member.communityId,
            month,
            score: points,
            counts: { [p.rule]: units },
            days: { [day]: { [p.rule]: units } },
            reachedAt: at.toDate(),
          },
        }),
      bump,
    )
  }
  if (!counted) {
    await db
      .collection(COLLECTIONS.ledger)
      .doc(entryId)
      .update({ data: { counted: false } })
    return { ...base, counted: false, reason: 'cap' }
  }

  if (branchId) {
    const branchCounter = db.collection(COLLECTIONS.branchMonths)
    const branchCounterId = branchMonthId(month, branchId)
    const bumpBranch = () =>
      updatedCount(
        branchCounter
          .where({ _id: branchCounterId })
          .update({ data: { score: _.inc(points), counts: { [p.rule]: _.inc(units) } } }),
      )
    if ((await bumpBranch()) === 0) {
      await createOrRetry(
        () =>
          branchCounter.add({
            data: {
              _id: branchCounterId,
              branchId,
              communityId: p.member.communityId,
              month,
              score: points,
              counts: { [p.rule]: units },
            },
          }),
        bumpBranch,
      )
    }
  }
  return { ...base, counted: true }
}

/** Create a counter; when another request created it first, apply the increment to theirs instead. */
async function createOrRetry(create: () => unknown, bump: () => Promise<number>) {
  try {
    await create()
    return true
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    return (await bump()) === 1
  }
}
