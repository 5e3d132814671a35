import { config } from './config'

App({
  onLaunch() {
    // The emulator transport speaks plain HTTP; only the cloud transport needs wx.cloud.
    if (config.transport === 'cloud') wx.cloud.init({ env: config.cloudEnv, traceUser: true })
  },
})
