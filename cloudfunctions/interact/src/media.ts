// Images go to WeChat's asynchronous media check; WeChat pushes each image's result later (消息推送),
// and until every image has passed the stored status stays pending. An image WeChat is unsure of ('review')
// leaves the decision to a person (actions/media-review.ts).
import { getCloud, getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { rows, updatedCount } from '../../_shared/db'
import { invalid } from '../../_shared/errors'
import { type MediaState, mediaStatusOf } from './domain'

type MediaCheckReply = { traceId?: string; trace_id?: string }
type TempFile = { fileID: string; tempFileURL: string; status: number }

/** The scene WeChat judges the images in (3: 论坛). */
const SCENE_FORUM = 3

/** Starts one check per image and answers the pending status to store, or undefined without images. */
export async function checkImages(
  openid: string,
  fileIds: string[],
): Promise<MediaState | undefined> {
  if (!fileIds.length) return undefined
  // WeChat fetches the image itself, so it needs an http(s) URL, not the cloud:// file id.
  const { fileList } = (await getCloud().getTempFileURL({ fileList: fileIds })) as {
    fileList: TempFile[]
  }
  const urls = fileIds.map((id) => fileList.find((f) => f.fileID === id && !f.status)?.tempFileURL)
  if (urls.some((url) => !url)) throw invalid('图片上传未完成或已失效，请重新选择图片')
  const traceIds = await Promise.all(
    urls.map(async (url) => {
      const res = (await getCloud().openapi.security.mediaCheckAsync({
        mediaUrl: url,
        mediaType: 2,
        version: 2,
        openid,
        scene: SCENE_FORUM,
      })) as MediaCheckReply
      return res.traceId ?? res.trace_id ?? ''
    }),
  )
  return { status: 'pending', traceIds }
}

/** The 消息推送 WeChat sends with one image's result (configured to reach this function). */
export type MediaCheckEvent = {
  MsgType: 'event'
  Event: 'wxa_media_check'
  trace_id: string
  result?: { suggest?: string; label?: number }
}

export const isMediaCheckEvent = (event: unknown): event is MediaCheckEvent => {
  const e = event as Partial<MediaCheckEvent> | null
  // The trace id becomes a field name (media.results.<id>), so only plain ids are accepted.
  return (
    e?.MsgType === 'event' &&
    e.Event === 'wxa_media_check' &&
    typeof e.trace_id === 'string' &&
    /^[\w-]{1,64}$/.test(e.trace_id)
  )
}

/** Collections whose documents carry `media` (news and appeals); a trace id belongs to one of them. */
const WITH_MEDIA = [COLLECTIONS.news, COLLECTIONS.appeals]

/**
 * Records one image's verdict on whatever waits for its trace id, then settles the status with
 * conditional updates, so results may arrive in any order, concurrently or twice.
 */
export async function applyMediaResult(event: MediaCheckEvent): Promise<{ settled: number }> {
  const traceId = event.trace_id
  const suggest = event.result?.suggest
  const verdict = suggest === 'pass' || suggest === 'review' ? suggest : 'risky'
  const counts = await Promise.all(WITH_MEDIA.map((name) => settle(name, traceId, verdict)))
  return { settled: counts.reduce((a, b) => a + b, 0) }
}

async function settle(collection: string, traceId: string, verdict: 'pass' | 'risky' | 'review') {
  const waiting = getDb().collection(collection).where({ 'media.traceIds': traceId })
  // A risky image makes the whole post risky at once; nothing can undo that. A 'review' flags the post for a
  // person in the same write, so the flag never lags the verdict (it means nothing once the status settled).
  const also = { risky: { status: 'risky' }, review: { needsReview: true }, pass: {} }[verdict]
  const recorded = await updatedCount(
    waiting.update({ data: { media: { results: { [traceId]: verdict }, ...also } } }),
  )
  if (verdict !== 'pass') return verdict === 'risky' ? recorded : 0
  const docs = await rows<{ _id: string; media: MediaState }>(waiting.field({ media: true }))
  const done = docs.filter((d) => mediaStatusOf(d.media.traceIds, d.media.results) === 'pass')
  const flipped = await Promise.all(
    done.map((d) => {
      // Pass only while every image's recorded result is pass and nothing turned the post risky.
      const allPassed = d.media.traceIds.map((t) => [`media.results.${t}`, 'pass'])
      return updatedCount(
        getDb()
          .collection(collection)
          .where({ _id: d._id, 'media.status': 'pending', ...Object.fromEntries(allPassed) })
          .update({ data: { media: { status: 'pass' } } }),
      )
    }),
  )
  return flipped.reduce((a, b) => a + b, 0)
}
