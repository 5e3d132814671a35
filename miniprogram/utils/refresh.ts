// The show and pull-down handlers most pages share: spread into Page({...}) instead of writing them again.
import { pageStyle } from './elder'

type Loader = { load(): Promise<unknown> | unknown; setData(patch: Record<string, unknown>): void }

/** On show: take the current 长辈模式 type size and reload (coming back after acting elsewhere refreshes). */
export const showHandlers = {
  onShow(this: Loader) {
    this.setData({ pageStyle: pageStyle() })
    this.load()
  },
}

/** Pulling down reloads, then closes the pull-down indicator. */
export const pullHandlers = {
  async onPullDownRefresh(this: Loader) {
    await this.load()
    wx.stopPullDownRefresh()
  },
}

export const reloadHandlers = { ...showHandlers, ...pullHandlers }
