// The seeds' 末位淘汰 rule for branch sites: a branch that has posted no news for N Shanghai calendar days is
// 长期未更新. Plain functions over what the branch document keeps (lastNewsAt), so the rule costs no news reads.
import dayjs from 'dayjs'
import { ZONE } from './clock'

/** The district's default, until its admin sets another (org.updateSettings). */
export const DEFAULT_STALE_DAYS = 30

export type BranchActivity = {
  _id: string
  /** When the branch's latest post still standing was posted (interact keeps it). */
  lastNewsAt?: Date | null
  /** When the branch was set up; a branch that never posted counts from here. */
  createdAt?: Date | null
}

/** Shanghai calendar days from `from`'s day to `to`'s day (0 on the same day). */
export function shanghaiDaysBetween(from: Date, to: Date): number {
  const day = (at: Date) => dayjs(at).tz(ZONE).format('YYYY-MM-DD')
  // Calendar dates compared as UTC midnights: whole days, no daylight-saving or offset arithmetic.
  return Math.round((Date.parse(day(to)) - Date.parse(day(from))) / 86_400_000)
}

/**
 * Days the branch has been quiet: since its latest post, else since it was set up; null when neither is known
 * (a branch older than this rule that never posted since), which counts as quiet for as long as anyone knows.
 */
export function quietDays(branch: BranchActivity, now: Date): number | null {
  const since = branch.lastNewsAt ?? branch.createdAt
  return since ? Math.max(0, shanghaiDaysBetween(since, now)) : null
}

/** Stale once `days` calendar days have passed since the last post (a post 30 days ago, with 30, is stale). */
export function isStale(branch: BranchActivity, now: Date, days: number): boolean {
  const quiet = quietDays(branch, now)
  return quiet === null || quiet >= days
}

/** The stale ones among `branches`, the quietest first (never-dated ones before all), ties in given order. */
export function staleOf<B extends BranchActivity>(branches: B[], now: Date, days: number) {
  return branches
    .filter((b) => isStale(b, now, days))
    .map((branch) => ({ branch, quietDays: quietDays(branch, now) }))
    .sort((a, b) => (b.quietDays ?? Infinity) - (a.quietDays ?? Infinity) || 0)
}

/** The words for a stale branch: how long it has been quiet. */
export const staleNote = (quiet: number | null, everPosted: boolean) =>
  quiet === null
    ? '从未发布动态'
    : everPosted
      ? `已 ${quiet} 天未发布动态`
      : `成立 ${quiet} 天，从未发布动态`
