// The one place that decides where the mini-program sends its calls.
export type Transport = 'emulator' | 'cloud'

/** Used by 开发版 in the developer tool; set to 'cloud' to work against the cloud dev environment instead. */
const developTransport: Transport = 'emulator'

// 体验版 and 正式版 must never talk to a developer's machine, whatever the line above says.
const isDevelop = wx.getAccountInfoSync().miniProgram.envVersion === 'develop'
const transport: Transport = isDevelop ? developTransport : 'cloud'

export const config = {
  transport,
  /** Production CloudBase environment id (placeholder until the environment is created). */
  cloudEnv: 'liangxin-prod-placeholder',
  emulatorUrl: 'http://127.0.0.1:8787',
  /** Who the emulator thinks is calling; a developer switches identity on 我的 (stored under `devOpenidKey`). */
  devOpenid: 'demo-member-1',
  devOpenidKey: 'devOpenid',
  /** Seeded demo identities offered by the switcher on 我的. */
  devIdentities: [
    { openid: 'demo-member-1', label: '党员' },
    { openid: 'demo-secretary-1', label: '支部书记' },
    { openid: 'demo-community-admin-1', label: '社区管理员' },
    { openid: 'demo-district-admin', label: '区委组织部' },
    { openid: 'demo-resident-1', label: '居民' },
  ],
}

/** The openid the emulator should act as: the stored override, else the default demo member. */
export function devOpenid(): string {
  const stored: unknown = wx.getStorageSync(config.devOpenidKey)
  return typeof stored === 'string' && stored ? stored : config.devOpenid
}
