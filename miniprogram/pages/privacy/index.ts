// 隐私保护指引: what we collect, why, who sees it and for how long. The same text is declared in the
// mini-program admin console (README, "隐私保护指引"); change both together.
import { pageStyle } from '../../utils/elder'

Page({
  data: { pageStyle: '' },

  onLoad() {
    this.setData({ pageStyle: pageStyle() })
  },

  onBack() {
    wx.navigateBack({ fail: () => wx.switchTab({ url: '/pages/mine/index' }) })
  },
})
