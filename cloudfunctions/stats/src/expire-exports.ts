// Exported workbooks hold members' names, scores and dues: each upload is recorded (export_files) and the
// daily expireExports timer (config.json) deletes the files older than EXPORT_RETENTION_DAYS from storage.
import type { ICloud } from 'wx-server-sdk'
import { getCloud, getDb } from '../../_shared/cloud'
import { now } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { rows } from '../../_shared/db'
import { stopAfter } from '../../_shared/timer'

/**
 * Days an export stays in cloud storage. The page downloads the file right after exporting and keeps its own
 * copy to open or forward, so storage need not hold it long; a week leaves room to fetch it again.
 */
export const EXPORT_RETENTION_DAYS = 7

/** cloud.deleteFile takes at most 50 file ids a call. */
const DELETE_BATCH = 50

/** What cloud.deleteFile answers for a file that is not there (STORAGE_FILE_NONEXIST): already gone. */
const FILE_GONE = -503003

type DeleteFileResult = ICloud.DeleteFileResult

export type ExportFileDoc = { _id: string; fileID: string; at: Date }

/** Records an uploaded export, named by its file's unique name, so that it expires. */
export async function recordExport(name: string, fileID: string) {
  const doc: ExportFileDoc = { _id: name, fileID, at: now().toDate() }
  await getDb()
    .collection(COLLECTIONS.exportFiles)
    .add({ data: doc as never })
}

/**
 * Deletes the exports recorded more than EXPORT_RETENTION_DAYS ago, 50 files a call, and then their records; a
 * file already gone counts as deleted, so a run repeated or overlapping does no harm. A file storage refuses
 * to delete keeps its record for the next day's run. Stops starting batches after `budgetMs`.
 */
export async function expireExports(budgetMs = 40_000) {
  const db = getDb()
  const _ = db.command
  const records = db.collection(COLLECTIONS.exportFiles)
  const cutoff = now().subtract(EXPORT_RETENTION_DAYS, 'day').toDate()
  const stop = stopAfter(budgetMs)
  let deleted = 0
  let failed = 0
  // The `_id` cursor moves past records whose files could not be deleted, so a run never reads them twice.
  let cursor: string | null = null
  for (;;) {
    if (stop()) return { deleted, failed, more: true }
    const batch: ExportFileDoc[] = await rows<ExportFileDoc>(
      records
        .where({ at: _.lt(cutoff), ...(cursor === null ? {} : { _id: _.gt(cursor) }) })
        .orderBy('_id', 'asc')
        .limit(DELETE_BATCH),
    )
    if (!batch.length) return { deleted, failed, more: false }
    cursor = batch[batch.length - 1]._id
    // wx-server-sdk's typings allow a callback form answering void; without a callback it resolves a result.
    const { fileList } = (await getCloud().deleteFile({
      fileList: batch.map((r) => r.fileID),
    })) as DeleteFileResult
    const gone = new Set(
      fileList.filter((f) => f.status === 0 || f.status === FILE_GONE).map((f) => f.fileID),
    )
    const kept = fileList.filter((f) => !gone.has(f.fileID))
    if (kept.length) console.error('[stats.expireExports] not deleted, kept for tomorrow:', kept)
    const done = batch.filter((r) => gone.has(r.fileID)).map((r) => r._id)
    if (done.length) await records.where({ _id: _.in(done) }).remove()
    deleted += done.length
    failed += batch.length - done.length
    if (batch.length < DELETE_BATCH) return { deleted, failed, more: false }
  }
}
