// 长辈模式 on every page: `pageStyle` (bound on each page's <page-meta>) is this phone's type size when the page
// is created; pages that reload on show take it again then (behaviors/load.ts), 我的 when it is switched.
import { defineBehavior } from '../utils/define'
import { pageStyle } from '../utils/elder'

export type ElderData = { pageStyle: string }

export const elder = defineBehavior<ElderData>()({
  data: { pageStyle: '' },
  lifetimes: {
    attached() {
      this.setData({ pageStyle: pageStyle() })
    },
  },
  methods: {},
})
