// Display helpers for the 互动 pages: labels, and draft ids.
import type { AppealStatus, NewsVisibilityOption } from '../../typings/index'

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
