// Cloud storage as far as functions need it locally: temporary URLs for file ids (no file bytes are kept).
import type { Json } from './ejson'
import { TcbError } from './errors'

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
