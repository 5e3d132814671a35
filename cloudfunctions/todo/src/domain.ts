// 待办 rules as plain functions: how a section counts, which cadence gaps are still to act on, and the words
// on each line. Times are instants; dates are shown as Shanghai calendar days.
import dayjs from 'dayjs'
import type { AppealStatus } from '../../../typings/interact'
import { type CadenceItem, SESSION_TYPE_LABELS, type SessionType } from '../../../typings/orglife'
import {
  MEMBERS_OWE_KINDS,
  type TodoItem,
  type TodoKind,
  type TodoSection,
} from '../../../typings/todo'
import { ZONE } from '../../_shared/clock'
import { CADENCE, periodOf } from '../../_shared/orglife-rules'
import { type BranchActivity, staleNote, staleOf } from '../../_shared/stale'

/** Each section shows its first few items; the page links on to where the rest are handled. */
export const ITEMS_SHOWN = 3
/** A list counted from what was read (the secretary's leave, filtered after reading) stops here (`99+`). */
export const COUNT_CAP = 99
/** Rows read for a list: one more than the cap says there are more (then counted, where it can be). */
export const SCAN_LIMIT = COUNT_CAP + 1
/** Rows an officer's 待办 reads in one aggregation at most: one per org (a city's 50,000 branches and their
 * communities, with room), or per (branch, 三会一课 type), per waiting service… */
export const GROUPS = 100_000

const DAY_MS = 24 * 3600 * 1000

/**
 * A section from its items, most urgent first: as many as were read (up to SCAN_LIMIT: the count stops at the
 * cap), or, given the `total` (counted in the database) or `complete` (every one was found), counted exactly.
 */
export function sectionOf(
  kind: TodoKind,
  found: TodoItem[],
  { complete = false, total }: { complete?: boolean; total?: number } = {},
): TodoSection {
  const exact = total ?? (complete ? found.length : undefined)
  const counted = exact === undefined ? found.slice(0, COUNT_CAP) : found
  return {
    kind,
    count: exact ?? counted.length,
    own: !(MEMBERS_OWE_KINDS as readonly TodoKind[]).includes(kind),
    capped: exact === undefined && found.length > COUNT_CAP,
    overdueCount: counted.filter((i) => i.overdue).length,
    items: found.slice(0, ITEMS_SHOWN),
  }
}

/** A line whose ref is its own id: the page opens what it names. */
export const itemOf = (
  id: string,
  title: string,
  note: string,
  { overdue = false } = {},
): TodoItem => ({
  id,
  ref: id,
  title,
  note,
  overdue,
})

/** The caller's own open actions: what members owe is listed but not counted. */
export const totalOf = (sections: TodoSection[]) =>
  sections.reduce((sum, s) => sum + (s.own ? s.count : 0), 0)

/**
 * Members below the minimums as the secretary's one action: a summary line that counts 1 while some of them
 * have not been reminded today (一键提醒), 0 once all have; no line when nobody is below.
 */
export function belowMinimumSection(below: number, remindedToday: number): TodoSection {
  const open = remindedToday < below
  const note = open
    ? remindedToday
      ? `今天已提醒 ${remindedToday} 人，还有 ${below - remindedToday} 人未提醒`
      : '今天还没有提醒'
    : '今天已全部提醒'
  return {
    ...sectionOf('belowMinimum', open ? [itemOf('summary', '', note)] : []),
    items: below ? [itemOf('summary', `本月 ${below} 人未达最低要求`, note)] : [],
  }
}

/** A missed 三会一课 is still to act on while nothing is planned for this period; once one is, it is not. */
export const cadenceToDo = (items: CadenceItem[]) =>
  items.filter((i) => i.overdue && i.state === 'due')

/**
 * cadenceToDo as a query: a session of each type that keeps its branch off the lagging list opened (and was
 * not cancelled) in the previous period or this one. Officers' 待办 ask which branches hold one, never read
 * every session since last quarter.
 */
export const cadenceWindows = (now: Date) =>
  CADENCE.map(({ type, period }) => ({
    type,
    from: periodOf(now, period, -1).start,
    to: periodOf(now, period).end,
  }))

/** A branch's type of 三会一课 held or planned within its window (cadenceWindows). */
export const heldKey = (branchId: string, type: SessionType) => `${branchId}|${type}`

/** Branches (in the order given) that missed a 三会一课 with nothing planned, one line each. */
export function laggingItems(
  branches: { _id: string; name: string }[],
  held: ReadonlySet<string>,
): TodoItem[] {
  return branches.flatMap((branch) => {
    const missed = CADENCE.filter((c) => !held.has(heldKey(branch._id, c.type)))
    if (!missed.length) return []
    const types = missed.map((m) => SESSION_TYPE_LABELS[m.type]).join('、')
    return [
      itemOf(branch._id, branch.name, `${types} 上期未召开，本期还没有安排`, { overdue: true }),
    ]
  })
}

/** Branches with no active secretary, one line each; `where` prefixes the note (the district names the
 * branch's community). */
export const secretarylessItems = <B extends { _id: string; name: string }>(
  branches: B[],
  secretaryOf: ReadonlySet<string>,
  where: (b: B) => string = () => '',
): TodoItem[] =>
  branches
    .filter((b) => !secretaryOf.has(b._id))
    .map((b) => itemOf(b._id, b.name, `${where(b)}尚无支部书记`))

/** Communities with no active admin, then branches (each in its community) with no active secretary. */
export function unstaffedItems(
  communities: { _id: string; name: string }[],
  branches: { _id: string; name: string; parentId: string | null }[],
  adminOf: ReadonlySet<string>,
  secretaryOf: ReadonlySet<string>,
): TodoItem[] {
  const names = new Map(communities.map((c) => [c._id, c.name]))
  return [
    ...communities
      .filter((c) => !adminOf.has(c._id))
      .map((c) => itemOf(c._id, c.name, '尚无社区管理员')),
    ...secretarylessItems(branches, secretaryOf, (b) => `${names.get(b.parentId ?? '') ?? ''} · `),
  ]
}

/** Branches with no news for `days` (长期未更新), the quietest first, one line each. */
export const staleItems = (
  branches: (BranchActivity & { name: string })[],
  now: Date,
  days: number,
): TodoItem[] =>
  staleOf(branches, now, days).map(({ branch, quietDays }) =>
    itemOf(branch._id, branch.name, staleNote(quietDays, !!branch.lastNewsAt), { overdue: true }),
  )

export const dayText = (at: Date) => dayjs(at).tz(ZONE).format('M月D日')

/** How long ago, by Shanghai calendar days: 今天, 昨天, `3 天前` (`3 天前提交`). */
export function agoText(at: Date, now: Date): string {
  const day = (d: Date) => dayjs(d).tz(ZONE).startOf('day')
  const days = Math.max(0, Math.round(day(now).diff(day(at), 'day', true)))
  return days === 0 ? '今天' : days === 1 ? '昨天' : `${days} 天前`
}

/** Whole days between two instants (0 on the same day). */
export const daysBetween = (from: Date, to: Date) =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS))

/** What the handler owes an open appeal, and by when. */
export function appealNote(status: AppealStatus, dueAt: Date, now: Date): string {
  const owed = status === 'submitted' ? '待受理' : '待答复'
  return now.getTime() > dueAt.getTime()
    ? `${owed} · 已超期 ${Math.max(1, daysBetween(dueAt, now))} 天`
    : `${owed} · ${dayText(dueAt)}前答复`
}
