// The pages of one branch an officer who oversees it opens from 组织概况 and the ranking (branch-links.wxml).

const BRANCH_PAGES = {
  month: '/branch/branch-month/index',
  board: '/pages/board/index',
  sessions: '/officer/sessions/index',
} as const

export type BranchLinkTap = WechatMiniprogram.TouchEvent<
  object,
  object,
  { id: string; to: keyof typeof BRANCH_PAGES }
>

/** A page's onBranchLink: the tapped branch's page, named by ?branchId=. */
export function openBranchPage(e: BranchLinkTap) {
  const { id, to } = e.currentTarget.dataset
  wx.navigateTo({ url: `${BRANCH_PAGES[to]}?branchId=${encodeURIComponent(id)}` })
}
