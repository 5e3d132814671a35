// Cloud storage locally: temporary URLs for file ids, the bytes a mini-program uploads (wx.uploadFile), a
// function's cloud.uploadFile (upload metadata, then a signed PUT as to COS) and cloud.deleteFile.
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
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

const MAX_CLOUD_PATH = 200
/** Uploads asked for and not sent that the emulator remembers; the oldest are forgotten first. */
const MAX_PENDING = 1000
/** cloud.deleteFile takes at most 50 file ids a call, as CloudBase documents. */
const MAX_DELETE = 50

/**
 * An uploaded file's id: `cloud://local.<key>/<path>`, the path a mini-program photo's name or a function's
 * cloudPath; the key is random so ids never collide.
 */
const UPLOADED_ID = /^cloud:\/\/local\.([0-9a-f]{16})\/(.+)$/

/** A cloud path the emulator keeps: `/`-separated segments of letters, digits, `_`, `.` and `-`. */
const validPath = (p: string) =>
  p.length <= MAX_CLOUD_PATH &&
  p.split('/').every((s) => /^[\w.-]+$/.test(s) && s !== '.' && s !== '..')

/** What a file is served as: its type by extension; anything but an image downloads as a named attachment. */
function headersOf(cloudPath: string): Record<string, string> {
  const type = CONTENT_TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream'
  if (type.startsWith('image/')) return { 'content-type': type }
  return {
    'content-type': type,
    'content-disposition': `attachment; filename="${path.posix.basename(cloudPath)}"`,
  }
}

/**
 * Uploaded files under `<dataDir>/files/`, one file per id (`<key>-<path, URI-encoded>`), so they survive a
 * restart like the data does.
 */
export class FileStore {
  private readonly dir: string
  /** Uploads a function asked for and has not yet sent, by key: the path and signature its PUT must carry. */
  private readonly pending = new Map<string, { cloudPath: string; authorization: string }>()

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
    return this.write(randomBytes(8).toString('hex'), name, bytes)
  }

  private write(key: string, cloudPath: string, bytes: Buffer): string {
    fs.mkdirSync(this.dir, { recursive: true })
    fs.writeFileSync(path.join(this.dir, `${key}-${encodeURIComponent(cloudPath)}`), bytes)
    return `cloud://local.${key}/${cloudPath}`
  }

  /** The stored bytes and the headers they are served with, or null for an id this emulator never stored. */
  read(fileId: string): { bytes: Buffer; headers: Record<string, string> } | null {
    const file = this.fileOf(fileId)
    if (!file) return null
    return { bytes: fs.readFileSync(file.path), headers: headersOf(file.cloudPath) }
  }

  /** Where a stored file's bytes are, or null for an id this emulator does not hold. */
  private fileOf(fileId: string): { path: string; cloudPath: string } | null {
    const m = UPLOADED_ID.exec(fileId)
    if (!m || !validPath(m[2])) return null
    const file = path.join(this.dir, `${m[1]}-${encodeURIComponent(m[2])}`)
    return fs.existsSync(file) ? { path: file, cloudPath: m[2] } : null
  }

  /**
   * `storage.batchDeleteFile` (cloud.deleteFile): `fileid_list` → `data.delete_list: [{fileID, code}]`; an id
   * the emulator does not hold (never stored, or deleted before) answers STORAGE_FILE_NONEXIST for that id.
   */
  batchDelete(body: Record<string, unknown>, rid: string) {
    const ids = body.fileid_list
    if (!Array.isArray(ids) || !ids.length || ids.length > MAX_DELETE)
      throw new TcbError('INVALID_PARAM', `fileid_list must hold 1 to ${MAX_DELETE} file ids`)
    const delete_list = ids.map((id): Json => {
      const fileID = String(id)
      const file = this.fileOf(fileID)
      if (!file) return { fileID, code: 'STORAGE_FILE_NONEXIST' }
      fs.rmSync(file.path, { force: true })
      return { fileID, code: 'SUCCESS' }
    })
    return { requestId: rid, data: { delete_list } }
  }

  /** The ids of every stored file. */
  list(): string[] {
    if (!fs.existsSync(this.dir)) return []
    return fs.readdirSync(this.dir).map((f) => {
      const cut = f.indexOf('-')
      return `cloud://local.${f.slice(0, cut)}/${decodeURIComponent(f.slice(cut + 1))}`
    })
  }

  /**
   * `storage.getUploadMetadata` (the first half of cloud.uploadFile): where to PUT the bytes and the
   * signature to send; `fileId` is what the upload will answer.
   */
  uploadMetadata(body: Record<string, unknown>, baseUrl: string, rid: string) {
    const cloudPath = typeof body.path === 'string' ? body.path : ''
    if (!validPath(cloudPath))
      throw new TcbError(
        'INVALID_PARAM',
        `cloudPath must be ${MAX_CLOUD_PATH} characters at most of letters, digits, _ . - and /`,
      )
    const key = randomBytes(8).toString('hex')
    const authorization = randomBytes(16).toString('hex')
    this.pending.set(key, { cloudPath, authorization })
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!)
    return {
      requestId: rid,
      data: {
        url: `${baseUrl}/__cos/${key}/${cloudPath}`,
        token: randomBytes(8).toString('hex'),
        authorization,
        fileId: `cloud://local.${key}/${cloudPath}`,
        cosFileId: randomBytes(8).toString('hex'),
      },
    }
  }

  /**
   * The PUT to COS (the second half): the bytes are kept when the signature matches the metadata's. Answers
   * COS's XML error otherwise, which node-sdk turns into an error; success is an empty body.
   */
  put(key: string, cloudPath: string, authorization: string, bytes: Buffer): string | null {
    const upload = this.pending.get(key)
    if (!upload || upload.cloudPath !== cloudPath || upload.authorization !== authorization)
      return cosError('SignatureDoesNotMatch', 'The upload was not signed by getUploadMetadata')
    this.pending.delete(key)
    this.write(key, cloudPath, bytes)
    return null
  }
}

const cosError = (code: string, message: string) =>
  `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
  `<RequestId>${randomBytes(8).toString('hex')}</RequestId><TraceId>local</TraceId></Error>`

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
