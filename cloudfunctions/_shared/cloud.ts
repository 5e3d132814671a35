// The one place that initialises wx-server-sdk. Production and the local emulator run the same line:
// environment variables alone point it at the emulator (see README, "本地模拟器").
import cloud from 'wx-server-sdk'

let initialised = false

export function getCloud(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

export function getDb() {
  return getCloud().database()
}

/** wx-server-sdk throws errors carrying CloudBase's `errCode`; duplicate `_id` inserts answer -502001. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { errCode?: number; message?: string }
  return e?.errCode === -502001 || /duplicate|already exist/i.test(e?.message ?? '')
}
