// Photos from the album or camera into cloud storage: pages keep only the `cloud://` file ids functions accept.
import { config, devOpenid } from '../config'

/** Lets the user pick up to `max` compressed photos; none when they cancel. */
export async function choosePhotos(max: number): Promise<string[]> {
  try {
    const res = await wx.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'] })
    return res.tempFiles.map((f) => f.tempFilePath)
  } catch (err) {
    if (/cancel/.test((err as { errMsg?: string }).errMsg ?? '')) return []
    throw err
  }
}

function viaCloud(path: string, folder: string): Promise<string> {
  const random = Math.random().toString(36).slice(2, 10)
  return wx.cloud
    .uploadFile({ cloudPath: `${folder}/${Date.now()}-${random}.jpg`, filePath: path })
    .then((res) => res.fileID)
}

function viaEmulator(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${config.emulatorUrl}/__upload`,
      filePath: path,
      name: 'file',
      header: { 'x-wx-openid': devOpenid() },
      success: (res) => {
        // wx.uploadFile hands the body over as text, whatever its type.
        const fileID =
          res.statusCode === 200 ? (JSON.parse(res.data) as { fileID?: string }).fileID : ''
        if (fileID) resolve(fileID)
        else reject(new Error(`upload answered ${res.statusCode}`))
      },
      fail: reject,
    })
  })
}

/** Uploads one local photo under `folder` and answers its file id. */
export function uploadPhoto(path: string, folder: string): Promise<string> {
  return config.transport === 'cloud' ? viaCloud(path, folder) : viaEmulator(path)
}

/** The emulator's URL of a stored file id (what getTempFileURL answers there). */
export const storedFileUrl = (fileId: string) =>
  `${config.emulatorUrl}/__files/${encodeURIComponent(fileId)}`

/** What an `<image>` shows for a stored file id: the id itself in the cloud, the emulator's file URL locally. */
export function photoSrc(fileId: string): string {
  return config.transport === 'cloud' ? fileId : storedFileUrl(fileId)
}
