// The lifecycle of a page that loads what it shows: 重试 (templates/state.wxml), reloading on show and on
// pulling down. Each needs the page's `load()`, which goes through utils/page.ts's loadInto.
import { defineBehavior } from '../utils/define'
import { elderData } from '../utils/elder'
import type { LoadStatus } from '../utils/page'
import { showTab } from '../utils/viewer'
import { type ElderData, elder } from './elder'

type Loads = { load(): Promise<unknown> }

/** 重试 loads again (loadInto puts the spinner over the error). */
export const retried = defineBehavior<ElderData, Loads>()({
  behaviors: [elder],
  data: {},
  methods: {
    onRetry() {
      this.load()
    },
  },
})

/** What a page that loads as a whole shows through templates/state.wxml (a page may start `ready`). */
export type LoadData = { status: LoadStatus; message: string }

/** A page that loads as a whole: its status and message, and 重试. */
export const loaded = defineBehavior<ElderData & LoadData, Loads>()({
  behaviors: [retried],
  data: { status: 'loading', message: '' },
  methods: {},
})

/**
 * On show: take the current 长辈模式, mark a tab page's tab, and reload (coming back after acting
 * elsewhere refreshes).
 */
export const shown = defineBehavior<ElderData, Loads>()({
  behaviors: [elder],
  data: {},
  methods: {
    onShow() {
      this.setData(elderData())
      showTab(this)
      this.load()
    },
  },
})

/** Loads once, when the page opens: for pages nothing elsewhere changes while they are covered. */
export const opened = defineBehavior<object, Loads>()({
  data: {},
  methods: {
    onLoad() {
      this.load()
    },
  },
})

/** Pulling down reloads, then closes the pull-down indicator (the page's json enables it). */
export const pulled = defineBehavior<object, Loads>()({
  data: {},
  methods: {
    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },
  },
})
