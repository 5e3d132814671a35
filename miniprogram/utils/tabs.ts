// The app's tabs (app.json's tabBar list, drawn by custom-tab-bar per role), and opening a page by its url
// whether or not it is a tab: WeChat opens tabs only with switchTab and other pages only with navigateTo.
import type { TabRole } from './viewer'

export type Tab = { path: string; text: string; icon: string }

export const TABS: (Tab & { roles: TabRole[] })[] = [
  { path: 'pages/home/index', text: '首页', icon: 'home', roles: ['member', 'resident', 'guest'] },
  { path: 'pages/interact/index', text: '互动', icon: 'interact', roles: ['member'] },
  { path: 'pages/orglife/index', text: '组织生活', icon: 'orglife', roles: ['member'] },
  { path: 'pages/wish-wall/index', text: '心愿', icon: 'wish', roles: ['member', 'resident'] },
  { path: 'pages/mine/index', text: '我的', icon: 'mine', roles: ['member', 'resident', 'guest'] },
]

/** Opens `/path?query`: a tab with switchTab (which takes no query), any other page on top. */
export function openUrl(url: string): void {
  const path = url.replace(/^\//, '').split('?')[0]
  if (TABS.some((tab) => tab.path === path)) wx.switchTab({ url: `/${path}` })
  else wx.navigateTo({ url })
}
