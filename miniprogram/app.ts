import { config } from './config'
import { needConsent } from './utils/privacy'

App({
  onLaunch() {
    // The emulator transport speaks plain HTTP; only the cloud transport needs wx.cloud.
    if (config.transport === 'cloud') wx.cloud.init({ env: config.cloudEnv, traceUser: true })
    // Names and phone numbers need consent first: the privacy sheet on screen asks for it.
    wx.onNeedPrivacyAuthorization(
      needConsent as unknown as WechatMiniprogram.OnNeedPrivacyAuthorizationCallback,
    )
  },
})
