// Cloud storage locally: temporary URLs for file ids, and the bytes a mini-program uploads (wx.uploadFile).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Json } from './ejson'
import { TcbError } from './errors'

/** The largest photo the emulator keeps; a mini-program's compressed photo is far smaller. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
}

/** An uploaded file's id: `cloud://local.<key>/<name>`; the key is random so ids never collide. */
const UPLOADED_ID = /^cloud:\/\/local\.([0-9a-f]{16})\/([\w.-]{1,80})$/

/** Uploaded files under `<dataDir>/files/`, one file per id, so they survive a restart like the data does. */
export class FileStore {
  private readonly dir: string

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'files')
  }

  /** Keeps `bytes` and answers their file id; `filename` only contributes a safe name and extension. */
  save(bytes: Buffer, filename = ''): string {
    const base = path
      .basename(filename)
      .replace(/[^\w.-]/g, '_')
      .slice(-80)
    const name = base && base !== '.' && base !== '..' ? base : 'file.jpg'
    const key = randomBytes(8).toString('hex')
    fs.mkdirSync(this.dir, { recursive: true })
    fs.writeFileSync(path.join(this.dir, `${key}-${name}`), bytes)
    return `cloud://local.${key}/${name}`
  }

  /** The stored bytes and their content type, or null for an id this emulator never stored. */
  read(fileId: string): { bytes: Buffer; contentType: string } | null {
    const m = UPLOADED_ID.exec(fileId)
    if (!m) return null
    const file = path.join(this.dir, `${m[1]}-${m[2]}`)
    if (!fs.existsSync(file)) return null
    const contentType =
      CONTENT_TYPES[path.extname(m[2]).toLowerCase()] ?? 'application/octet-stream'
    return { bytes: fs.readFileSync(file), contentType }
  }
}

/** node-sdk's default when a file id is passed as a plain string. */
const DEFAULT_MAX_AGE = 86400

type FileRequest = { fileid?: unknown; max_age?: unknown }

/** The local URL a file id maps to; deterministic so tests and media checks can match it. */
export const tempFileUrl = (baseUrl: string, fileId: string) =>
  `${baseUrl}/__files/${encodeURIComponent(fileId)}`

/**
 * `storage.batchGetDownloadUrl` (cloud.getTempFileURL): `file_list: [{fileid, max_age?}]` →
 * `data.download_list: [{fileID, tempFileURL, code, maxAge}]`; only `cloud://` ids name a file.
 */
export function batchGetDownloadUrl(body: Record<string, unknown>, baseUrl: string, rid: string) {
  if (!Array.isArray(body.file_list) || !body.file_list.length)
    throw new TcbError('INVALID_PARAM', 'file_list must be a non-empty array')
  const download_list = (body.file_list as FileRequest[]).map((f): Json => {
    const fileID = String(f?.fileid ?? '')
    const maxAge = typeof f?.max_age === 'number' ? f.max_age : DEFAULT_MAX_AGE
    if (!fileID.startsWith('cloud://'))
      return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge }
    return { fileID, tempFileURL: tempFileUrl(baseUrl, fileID), code: 'SUCCESS', maxAge }
  })
  return { requestId: rid, data: { download_list } }
}
