// 长辈模式 on every page: `pageStyle` (bound on each page's <page-meta>) and `elder` (the page root's class) are
// this phone's setting when the page is created; pages that reload on show take it again then
// (behaviors/load.ts), 我的 when it is switched.
import { defineBehavior } from '../utils/define'
import { elderData } from '../utils/elder'

export type ElderData = { pageStyle: string; elder: boolean }

export const elder = defineBehavior<ElderData>()({
  data: { pageStyle: '', elder: false },
  lifetimes: {
    attached() {
      this.setData(elderData())
    },
  },
  methods: {},
})
