// The tab bar (app.json's tabBar is custom): the tabs of the signed-in role (utils/viewer.ts), its labels
// large in 长辈模式. Each tab page marks its own tab on show (showTab), as WeChat's custom tab bar expects.
import { defineComponent } from '../utils/define'
import { isElder } from '../utils/elder'
import { TABS, type Tab } from '../utils/tabs'
import { type TabRole, cachedTabRole, watchTabRole } from '../utils/viewer'

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
