// WeChat's asynchronous image check, for every function that stores users' images. Storing images starts one
// check per image; WeChat pushes each result later (消息推送, configured to reach `interact`), and until every
// image has passed the stored state stays pending. An image WeChat is unsure of ('review') leaves the
// decision to a person (interact.reviewMedia).
import type { MediaItemKind } from '../../typings/interact'
import { type Caller, isCommunityAdminOf, isDistrictAdmin } from './caller'
import { getCloud, getDb } from './cloud'
import { COLLECTIONS } from './collections'
import { rows, updatedCount } from './db'
import { invalid } from './errors'

/** One set of images' check, stored beside the images it covers. */
export type MediaState = {
  status: 'pending' | 'pass' | 'risky'
  traceIds: string[]
  /** Each image's verdict by trace id, as WeChat pushed it. */
  results?: Record<string, 'pass' | 'risky' | 'review'>
  /**
   * Set with the first 'review' verdict: while still pending, a person decides. Stays after the decision;
   * new images (an edit) replace the whole state, and with it the flag.
   */
  needsReview?: boolean
  /** The member who decided (interact.reviewMedia), and when. */
  reviewedBy?: string
  reviewedAt?: Date
}

type MediaCheckReply = { traceId?: string; trace_id?: string }

/** The scene WeChat judges the images in (3: 论坛). */
const SCENE_FORUM = 3

/** Starts one check per image and answers the pending state to store, or undefined without images. */
export async function checkImages(
  openid: string,
  fileIds: string[],
): Promise<MediaState | undefined> {
  if (!fileIds.length) return undefined
  // WeChat fetches the image itself, so it needs an http(s) URL, not the cloud:// file id.
  const temp = await getCloud().getTempFileURL({ fileList: fileIds })
  const urls = fileIds.map(
    (id) => temp?.fileList.find((f) => f.fileID === id && !f.status)?.tempFileURL,
  )
  if (urls.some((url) => !url)) throw invalid('图片上传未完成或已失效，请重新选择图片')
  const traceIds = await Promise.all(
    urls.map(async (url) => {
      const res: MediaCheckReply = await getCloud().openapi.security.mediaCheckAsync({
        mediaUrl: url,
        mediaType: 2,
        version: 2,
        openid,
        scene: SCENE_FORUM,
      })
      return res.traceId ?? res.trace_id ?? ''
    }),
  )
  return { status: 'pending', traceIds }
}

/** The 消息推送 WeChat sends with one image's result. */
export type MediaCheckEvent = {
  MsgType: 'event'
  Event: 'wxa_media_check'
  trace_id: string
  result?: { suggest?: string; label?: number }
}

export const isMediaCheckEvent = (event: unknown): event is MediaCheckEvent => {
  const e = event as Partial<MediaCheckEvent> | null
  // The trace id becomes a field name (<field>.results.<id>), so only plain ids are accepted.
  return (
    e?.MsgType === 'event' &&
    e.Event === 'wxa_media_check' &&
    typeof e.trace_id === 'string' &&
    /^[\w-]{1,64}$/.test(e.trace_id)
  )
}

/** The fields that hold a set's MediaState. */
export type MediaField = 'media' | 'photoMedia' | 'fulfilMedia'

/**
 * Every stored set of images: the field holding its MediaState and the one holding the images (a file id
 * or a list of them); a trace id belongs to one of them. A wish has two sets with their own uploaders: the
 * resident's photo and the claimer's fulfilment photos.
 */
export const MEDIA_SETS: Record<
  MediaItemKind,
  { collection: string; field: MediaField; images: string }
> = {
  news: { collection: COLLECTIONS.news, field: 'media', images: 'images' },
  appeal: { collection: COLLECTIONS.appeals, field: 'media', images: 'images' },
  wishPhoto: { collection: COLLECTIONS.wishes, field: 'photoMedia', images: 'photo' },
  wishFulfilPhotos: {
    collection: COLLECTIONS.wishes,
    field: 'fulfilMedia',
    images: 'fulfilPhotos',
  },
  sessionMaterials: {
    collection: COLLECTIONS.orglifeSessions,
    field: 'media',
    images: 'materials.images',
  },
  study: { collection: COLLECTIONS.studyItems, field: 'media', images: 'images' },
}

/**
 * Records one image's verdict on whatever waits for its trace id, then settles the status with
 * conditional updates, so results may arrive in any order, concurrently or twice.
 */
export async function applyMediaResult(event: MediaCheckEvent): Promise<{ settled: number }> {
  const traceId = event.trace_id
  const suggest = event.result?.suggest
  const verdict = suggest === 'pass' || suggest === 'review' ? suggest : 'risky'
  const counts = await Promise.all(
    Object.values(MEDIA_SETS).map(({ collection, field }) =>
      settle(collection, field, traceId, verdict),
    ),
  )
  return { settled: counts.reduce((a, b) => a + b, 0) }
}

async function settle(
  collection: string,
  field: MediaField,
  traceId: string,
  verdict: 'pass' | 'risky' | 'review',
) {
  const waiting = getDb()
    .collection(collection)
    .where({ [`${field}.traceIds`]: traceId })
  // A risky image makes the whole set risky at once; nothing can undo that. A 'review' flags the set for a
  // person in the same write, so the flag never lags the verdict (it means nothing once the status settled).
  const also = { risky: { status: 'risky' }, review: { needsReview: true }, pass: {} }[verdict]
  const recorded = await updatedCount(
    waiting.update({ data: { [field]: { results: { [traceId]: verdict }, ...also } } }),
  )
  if (verdict !== 'pass') return verdict === 'risky' ? recorded : 0
  const docs = await rows<{ _id: string } & Partial<Record<MediaField, MediaState>>>(
    waiting.field({ [field]: true }),
  )
  const done = docs.flatMap((d) => {
    const media = d[field]
    return media && mediaStatusOf(media.traceIds, media.results) === 'pass' ? [{ ...d, media }] : []
  })
  const flipped = await Promise.all(
    done.map((d) => {
      // Pass only while every image's recorded result is pass and nothing turned the set risky.
      const allPassed = d.media.traceIds.map((t) => [`${field}.results.${t}`, 'pass'])
      return updatedCount(
        getDb()
          .collection(collection)
          .where({ _id: d._id, [`${field}.status`]: 'pending', ...Object.fromEntries(allPassed) })
          .update({ data: { [field]: { status: 'pass' } } }),
      )
    }),
  )
  return flipped.reduce((a, b) => a + b, 0)
}

/**
 * Images are risky once any is risky and pass once every one has passed, whatever order the results come
 * in; 'review' (WeChat unsure) keeps them pending until a person decides (see awaitsReview).
 */
export function mediaStatusOf(
  traceIds: string[],
  results: MediaState['results'] = {},
): MediaState['status'] {
  if (traceIds.some((t) => results[t] === 'risky')) return 'risky'
  return traceIds.every((t) => results[t] === 'pass') ? 'pass' : 'pending'
}

/** WeChat asked for a person on some image and nothing has settled the images since. */
export const awaitsReview = (media: MediaState | undefined): boolean =>
  media?.status === 'pending' && media.needsReview === true

/** Items whose images in `field` wait for a person's decision: awaitsReview as a query. */
export const awaitingReviewWhere = (field: string) => ({
  [`${field}.needsReview`]: true,
  [`${field}.status`]: 'pending',
})

/**
 * A reviewer may open an item outside what they otherwise see while some of its images await their decision,
 * and only then: once decided, it is again its readers' alone.
 */
export const mayOpenToReview = (reviewer: boolean, ...media: (MediaState | undefined)[]) =>
  reviewer && media.some(awaitsReview)

/**
 * Who decides images of community business (wishes, org-life materials) WeChat was unsure of: the community's
 * admin or a district admin. News and appeals add their branch secretary (interact's mayReviewMedia).
 */
export const mayReviewInCommunity = (caller: Caller, communityId: string | null) =>
  isDistrictAdmin(caller) || isCommunityAdminOf(caller, communityId)

/**
 * Others see images once the check passed. While it is pending their uploader sees them, and so does a
 * reviewer (someone who may decide them) once they await a person. Risky images nobody sees.
 */
export function visibleImages(
  images: string[],
  media: MediaState | undefined,
  viewer: { author: boolean; reviewer?: boolean },
): string[] {
  if (media?.status === 'pass') return images
  if (media?.status !== 'pending') return []
  return viewer.author || (viewer.reviewer && awaitsReview(media)) ? images : []
}
