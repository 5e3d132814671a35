// Who is signed in, as the app's shell needs it: the roles they hold (which pages are theirs), and the tab set
// of their role, remembered on this phone so the tab bar draws the right tabs on its first frame, and redrawn
// whenever a page loads who is signed in (services/api.ts hands every member.me answer here).
import type { Me, Role } from '../../typings/index'

/** Whether `me` holds one of `roles`: an admin, or a member in good standing (not pending, not left). */
export const holds = (me: Me, ...roles: Role[]): boolean =>
  (me.kind === 'admin' || (me.kind === 'member' && me.status === 'active')) &&
  me.roles.some((role) => roles.includes(role))

/** Members and officers get every tab, residents 首页 · 心愿 · 我的, everyone else 首页 · 我的. */
export type TabRole = 'member' | 'resident' | 'guest'

const KEY = 'tabRole'
const watchers = new Set<(role: TabRole) => void>()

export function tabRoleOf(me: Me): TabRole {
  if (me.kind === 'admin' || (me.kind === 'member' && me.status === 'active')) return 'member'
  return me.kind === 'resident' || (me.kind === 'member' && me.resident) ? 'resident' : 'guest'
}

export function cachedTabRole(): TabRole {
  const role: unknown = wx.getStorageSync(KEY)
  return role === 'member' || role === 'resident' ? role : 'guest'
}

export function rememberViewer(me: Me): void {
  const role = tabRoleOf(me)
  wx.setStorageSync(KEY, role)
  watchers.forEach((watch) => watch(role))
}

/** Calls `watch` with each role a page learns from now on; answers how to stop. */
export function watchTabRole(watch: (role: TabRole) => void): () => void {
  watchers.add(watch)
  return () => watchers.delete(watch)
}

type TabHost = {
  route?: string
  /** A page built with Component(): its file path, as route is. */
  is?: string
  getTabBar?: () => { show(route: string): void } | null
}

/** On a tab page's show: its tab selected, in the phone's 长辈模式 (other pages have no tab bar). */
export function showTab(page: object): void {
  const { route, is, getTabBar } = page as TabHost
  const path = route || is
  if (path && getTabBar) getTabBar.call(page)?.show(path)
}
