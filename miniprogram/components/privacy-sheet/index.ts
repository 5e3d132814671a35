// 隐私保护提示: a bottom sheet shown before the first form that collects names, phone numbers or addresses,
// and whenever WeChat asks for consent (utils/privacy.ts). Agreeing is WeChat's agreePrivacyAuthorization button.
import { defineComponent } from '../../utils/define'
import { answerConsent, watchConsent } from '../../utils/privacy'

export type Data = { shown: boolean }

/** The agree button's id in index.wxml; WeChat checks that this button was tapped. */
const AGREE_BUTTON_ID = 'agree-privacy'

defineComponent<Data, { unwatch: () => void }>()({
  // The sheet uses app.wxss's button classes.
  options: { styleIsolation: 'apply-shared' },
  data: { shown: false },

  lifetimes: {
    attached() {
      this.unwatch = watchConsent(() => this.show())
      // Ask before the form is filled in, not only when a privacy API is first called.
      wx.getPrivacySetting({
        success: (res) => {
          if (res.needAuthorization) this.show()
        },
      })
    },
    detached() {
      this.unwatch?.()
    },
  },

  methods: {
    show() {
      this.setData({ shown: true })
    },

    onAgree() {
      this.setData({ shown: false })
      answerConsent({ event: 'agree', buttonId: AGREE_BUTTON_ID })
    },

    onDisagree() {
      this.setData({ shown: false })
      answerConsent({ event: 'disagree' })
      // Without consent the form cannot be used: go back rather than leave a form that cannot be sent.
      wx.navigateBack({ fail: () => wx.switchTab({ url: '/pages/home/index' }) })
    },

    onGuide() {
      wx.navigateTo({ url: '/pages/privacy/index' })
    },
  },
})
