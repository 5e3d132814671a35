// Per-subject hourly rate limits: one counter document per subject, kind and Shanghai hour, bumped only
// while below the limit (a conditional `_.inc`), so concurrent requests cannot overshoot it.
import { getDb, isDuplicateKey } from './cloud'
import { now } from './clock'
import { COLLECTIONS } from './collections'
import { updatedCount } from './db'
import { AppError } from './errors'

export type RateLimit = { kind: string; perHour: number; message: string }

/** Takes one unit of `subjectId`'s hourly allowance, or throws RATE_LIMITED. Usually one round trip. */
export async function takeRateUnit(subjectId: string, limit: RateLimit): Promise<void> {
  const db = getDb()
  const _ = db.command
  const at = now()
  const hour = at.format('YYYYMMDDHH')
  const id = `${limit.kind}_${subjectId}_${hour}`
  const counters = db.collection(COLLECTIONS.rateCounters)
  const bump = () =>
    updatedCount(
      counters.where({ _id: id, count: _.lt(limit.perHour) }).update({ data: { count: _.inc(1) } }),
    )
  if ((await bump()) === 1) return
  try {
    await counters.add({
      data: { _id: id, subjectId, kind: limit.kind, hour, count: 1, createdAt: at.toDate() },
    })
    return
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
  // Someone created the counter first (or it is full): one more conditional bump decides.
  if ((await bump()) === 0) throw new AppError('RATE_LIMITED', limit.message)
}
