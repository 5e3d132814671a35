// 长辈模式: larger type on every page, remembered on this phone. Each page binds `pageStyle` on its <page-meta>.
const KEY = 'elderMode'

/** Overrides app.wxss's type scale on `page`; everything sized with --font-* grows with it. */
const ELDER_STYLE = '--font-sm: 36rpx; --font-md: 40rpx; --font-lg: 44rpx; --font-xl: 52rpx;'

export const isElder = (): boolean => wx.getStorageSync(KEY) === true

export function setElder(on: boolean): void {
  wx.setStorageSync(KEY, on)
}

/** What a page puts in `data.pageStyle` on show (or load, for pages that are not tabs). */
export const pageStyle = (): string => (isElder() ? ELDER_STYLE : '')
