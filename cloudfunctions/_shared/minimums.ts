// A branch's monthly minimums live on its org document; a branch that never set them uses the defaults.
import { DEFAULT_MINIMUMS, type Minimums, type RuleCounts } from '../../typings/participation'
import { getDb } from './cloud'
import { COLLECTIONS } from './collections'
import { addIfAbsent, rows } from './db'
import { meetsMinimums, shortfall } from './participation'
import type { MemberDoc, OrgDoc } from './records'

export function minimumsOf(branch: Pick<OrgDoc, 'minimums'> | null | undefined): Minimums {
  return { ...DEFAULT_MINIMUMS, ...(branch?.minimums ?? {}) }
}

/** The members still below a minimum this month (counters by member id; no counter means nothing yet). */
export function belowMinimums(
  members: Pick<MemberDoc, '_id' | 'name'>[],
  counters: Map<string, RuleCounts>,
  minimums: Minimums,
) {
  return members
    .map((m) => ({ m, counts: counters.get(m._id) ?? {} }))
    .filter(({ counts }) => !meetsMinimums(counts, minimums))
    .map(({ m, counts }) => ({
      memberId: m._id,
      name: m.name,
      counts,
      shortfall: shortfall(counts, minimums),
    }))
}

/** `还差 报到 2 次 · 留言 5 条`: the reminder's words, the 待办's and the below-minimum list's. */
export function describeShortfall(s: Minimums): string {
  const parts = [
    s.checkin ? `报到 ${s.checkin} 次` : '',
    s.comment ? `留言 ${s.comment} 条` : '',
    s.study ? `学习 ${s.study} 项` : '',
  ].filter(Boolean)
  return parts.length ? `还差 ${parts.join(' · ')}` : ''
}

/** How far a member is short: the units still missing over every minimum. */
export const shortBy = (s: Minimums) => s.checkin + s.comment + s.study

/** The furthest short first, then by name. */
export const byShortfall = (
  a: { name: string; shortfall: Minimums },
  b: { name: string; shortfall: Minimums },
) => shortBy(b.shortfall) - shortBy(a.shortfall) || a.name.localeCompare(b.name, 'zh-Hans-CN')

/** A member's minimum reminder of a Shanghai day (`YYYY-MM-DD`): its natural id makes it at most one a day. */
export const minimumReminderId = (day: string, memberId: string) => `${day}_${memberId}`

export type MinimumReminderDoc = {
  _id: string
  day: string
  branchId: string
  memberId: string
  /** The secretary who pressed 一键提醒; null for the automatic reminder of the 20th (stats). */
  by: string | null
  at: Date
  delivered: boolean
}

/**
 * The one rule both senders of a minimum reminder keep, the 20th's automatic one (stats) and the secretary's
 * 一键提醒 (checkin): at most one a member a day. The day is claimed by inserting its natural id before
 * `send` runs, so of two senders at once one inserts and sends; 'already' when the member had one that day.
 * `send` answers whether WeChat took the message; one it refused still counts for the day.
 */
export async function remindOncePerDay(
  reminder: Omit<MinimumReminderDoc, '_id' | 'delivered'>,
  send: () => Promise<boolean>,
): Promise<'already' | 'delivered' | 'undelivered'> {
  const _id = minimumReminderId(reminder.day, reminder.memberId)
  const claimed = await addIfAbsent<MinimumReminderDoc>(COLLECTIONS.minimumReminders, {
    _id,
    ...reminder,
    delivered: false,
  })
  if (!claimed) return 'already'
  if (!(await send())) return 'undelivered'
  await getDb()
    .collection(COLLECTIONS.minimumReminders)
    .doc(_id)
    .update({ data: { delivered: true } })
  return 'delivered'
}

/** The branch's members reminded on `day`: one read. */
export async function remindedOn(branchId: string, day: string): Promise<Set<string>> {
  const found = await rows<Pick<MinimumReminderDoc, '_id' | 'memberId'>>(
    getDb()
      .collection(COLLECTIONS.minimumReminders)
      .where({ branchId, day })
      .field({ memberId: true })
      .limit(1000),
  )
  return new Set(found.map((r) => r.memberId))
}
