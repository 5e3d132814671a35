// 隐私保护指引: what we collect, why, who sees it and for how long. The same text is declared in the
// mini-program admin console (README, "隐私保护指引"); change both together.
import { type ElderData, elder } from '../../behaviors/elder'
import { definePage } from '../../utils/define'

export type Data = ElderData

definePage<Data>()({
  behaviors: [elder],
  data: {},

  methods: {
    onBack() {
      wx.navigateBack({ fail: () => wx.switchTab({ url: '/pages/mine/index' }) })
    },
  },
})
