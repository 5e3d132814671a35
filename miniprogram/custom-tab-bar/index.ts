// The tab bar (app.json's tabBar is custom): the tabs of the signed-in role (utils/viewer.ts), its labels
// large in 长辈模式. Each tab page marks its own tab on show (showTab), as WeChat's custom tab bar expects.
import { defineComponent } from '../utils/define'
import { isElder } from '../utils/elder'
import { type TabRole, cachedTabRole, watchTabRole } from '../utils/viewer'

type Tab = { path: string; text: string; icon: string }

const TABS: (Tab & { roles: TabRole[] })[] = [
  { path: 'pages/home/index', text: '首页', icon: 'home', roles: ['member', 'resident', 'guest'] },
  { path: 'pages/interact/index', text: '互动', icon: 'interact', roles: ['member'] },
  { path: 'pages/orglife/index', text: '组织生活', icon: 'orglife', roles: ['member'] },
  { path: 'pages/wish-wall/index', text: '心愿', icon: 'wish', roles: ['member', 'resident'] },
  { path: 'pages/mine/index', text: '我的', icon: 'mine', roles: ['member', 'resident', 'guest'] },
]

const tabsOf = (role: TabRole): Tab[] =>
  TABS.filter((t) => t.roles.includes(role)).map(({ path, text, icon }) => ({ path, text, icon }))

export type Data = { tabs: Tab[]; selected: string; elder: boolean }

defineComponent<Data, { unwatch: () => void }>()({
  data: { tabs: [], selected: '', elder: false },
  lifetimes: {
    attached() {
      this.setData({ tabs: tabsOf(cachedTabRole()), elder: isElder() })
      this.unwatch = watchTabRole((role) => this.setData({ tabs: tabsOf(role) }))
    },
    detached() {
      this.unwatch?.()
    },
  },
  methods: {
    /** The page at `route` is showing. */
    show(route: string) {
      this.setData({ selected: route, elder: isElder(), tabs: tabsOf(cachedTabRole()) })
    },

    onTab(e: WechatMiniprogram.TouchEvent<object, object, { path: string }>) {
      const { path } = e.currentTarget.dataset
      if (path !== this.data.selected) wx.switchTab({ url: `/${path}` })
    },
  },
})
