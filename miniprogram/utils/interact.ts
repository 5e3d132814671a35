// Display helpers for the 互动 pages: times as people read them, labels, and draft ids.
import type { AppealStatus, NewsVisibilityOption } from '../../typings/index'

const pad = (n: number) => String(n).padStart(2, '0')

/** `05-04 09:30` this year, `2025-12-31 18:00` otherwise (the phone's zone: Asia/Shanghai for our users). */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
  return d.getFullYear() === now.getFullYear() ? day : `${d.getFullYear()}-${day}`
}

// The contract's label tables are values and cannot ship in the package; `Record<…>` keeps these complete.
export const visibilityLabels: Record<NewsVisibilityOption, string> = {
  branch: '仅本支部',
  community: '本社区',
  public: '全区公开',
}

export const appealStatusLabels: Record<AppealStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  answered: '已答复',
  closed: '已办结',
}

/** A fresh id for one draft: a retried submit of the same draft is stored once. */
export function newDraftId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}
