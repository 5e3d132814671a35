// 长辈模式 (like WeChat's 关怀模式): larger type on every page and layouts that re-flow, remembered on this phone.
// Each page binds `pageStyle` on its <page-meta> and puts `elder` on its root as a class (app.wxss's `.elder`).
const KEY = 'elderMode'

/** Overrides app.wxss's type scale on `page`; everything sized with --font-* grows with it. */
export const ELDER_STYLE = '--font-sm: 36rpx; --font-md: 40rpx; --font-lg: 44rpx; --font-xl: 52rpx;'

export const isElder = (): boolean => wx.getStorageSync(KEY) === true

export function setElder(on: boolean): void {
  wx.setStorageSync(KEY, on)
}

/** What a page puts in its data on show (or load, for pages that are not tabs). */
export const elderData = (): { pageStyle: string; elder: boolean } => ({
  pageStyle: isElder() ? ELDER_STYLE : '',
  elder: isElder(),
})
