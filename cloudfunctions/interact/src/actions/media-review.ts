// 图片人工审核: images WeChat's check was unsure of wait for a person; the first decision stands ('pass' shows them
// to readers, 'risky' hides them for good). News and appeals are decided by their branch secretary, community
// admin or a district admin; wish photos and org-life materials, community business, by the community admin
// or a district admin only (a session's materials come from its secretary). Wishes and sessions belong to other
// functions, but deciding reads nothing of theirs beyond the stored community and images, so every kind is
// decided here, beside the pushed results it settles.
import type { MediaItemKind } from '../../../../typings/interact'
import type { Caller } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { findVisible, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied } from '../../../_shared/errors'
import { memberIdOf } from '../../../_shared/identity'
import {
  MEDIA_SETS,
  type MediaState,
  awaitingReviewWhere,
  awaitsReview,
  mayReviewInCommunity,
} from '../../../_shared/media'
import type { NewsDoc } from '../../../_shared/news'
import type { WishStatus } from '../../../../typings/wish'
import { PUBLIC_STATUSES } from '../../../wish/src/domain'
import { mayOpenNews, mayReviewMedia, readerOf } from '../reader'

/** What a news item, an appeal, a wish or a session holds that a review reads (its images' state by field). */
type WithMedia = {
  _id: string
  branchId?: string | null
  communityId: string | null
  deleted?: boolean
  [field: string]: unknown
}

type Reviewers = { mayReview(caller: Caller, item: WithMedia): boolean; refusal: string }

const BRANCH_BUSINESS: Reviewers = {
  mayReview: mayReviewMedia,
  refusal: '只有所属支部书记、社区管理员或区管理员可以审核这些图片',
}
const COMMUNITY_BUSINESS: Reviewers = {
  mayReview: (caller, item) => mayReviewInCommunity(caller, item.communityId),
  refusal: '只有所属社区的管理员或区管理员可以审核这些图片',
}

/** Who sees an item without deciding its images; they are refused, everyone else finds no such item. */
type Sees = { maySee(caller: Caller, item: WithMedia): boolean }
const WISH: Sees = {
  maySee: (_caller, item) => PUBLIC_STATUSES.includes(item.status as WishStatus),
}

const ITEMS: Record<MediaItemKind, Reviewers & Sees & { name: string }> = {
  news: {
    name: '该动态',
    ...BRANCH_BUSINESS,
    maySee: (caller, item) => mayOpenNews(caller, item as unknown as NewsDoc),
  },
  appeal: {
    name: '该诉求',
    ...BRANCH_BUSINESS,
    maySee: (caller, item) => item.requesterId === readerOf(caller).id,
  },
  wishPhoto: { name: '该心愿', ...COMMUNITY_BUSINESS, ...WISH },
  wishFulfilPhotos: { name: '该心愿', ...COMMUNITY_BUSINESS, ...WISH },
  sessionMaterials: {
    name: '该组织生活',
    ...COMMUNITY_BUSINESS,
    maySee: (caller, item) => item.branchId === caller.member?.branchId,
  },
}

/** The value at a dotted path: where a set's images are stored (MEDIA_SETS). */
const valueAt = (doc: WithMedia, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | null)?.[key], doc)

/** Why images that do not await a person cannot be decided now. */
function notWaiting(media: MediaState | undefined): string {
  if (media?.status === 'pass') return '图片已通过审核，无需再审'
  if (media?.status === 'risky') return '图片已判定为不合规，不能再审'
  return media ? '图片正在等待微信的审核结果，暂不需要人工审核' : '没有需要审核的图片'
}

const REVIEWERS = ['secretary', 'communityAdmin', 'districtAdmin'] as const
/** Wishes' and sessions' images are community business; news and appeals also their branch's. */
const COMMUNITY_REVIEWERS = ['communityAdmin', 'districtAdmin'] as const

export const reviewMedia = defineAction('interact', 'reviewMedia', {
  audience: 'member',
  roles: REVIEWERS,
  scope: {
    by: 'kind',
    cases: {
      news: REVIEWERS,
      appeal: REVIEWERS,
      wishPhoto: COMMUNITY_REVIEWERS,
      wishFulfilPhotos: COMMUNITY_REVIEWERS,
      sessionMaterials: COMMUNITY_REVIEWERS,
    },
  },
  async run({ caller }, input) {
    const { collection, field, images } = MEDIA_SETS[input.kind]
    const { name, mayReview, maySee, refusal } = ITEMS[input.kind]
    const item = await findVisible<WithMedia>(
      collection,
      input.id,
      name,
      (doc) => !doc.deleted && (mayReview(caller, doc) || maySee(caller, doc)),
    )
    if (!mayReview(caller, item)) throw denied(refusal)
    const media = item[field] as MediaState | undefined
    if (!awaitsReview(media)) throw conflict(notWaiting(media))
    const stored = valueAt(item, images) as string | string[] | null
    if ([stored ?? []].flat().join('\n') !== input.images.join('\n'))
      throw conflict('图片已更换，请刷新后再审核')
    const decided: Pick<MediaState, 'status' | 'reviewedBy' | 'reviewedAt'> = {
      status: input.decision,
      // A configured district admin may have no member record; the id still names them.
      reviewedBy: memberIdOf(caller.openid),
      reviewedAt: nowDate(),
    }
    // Only while still awaiting a person and still the images the reviewer saw: a concurrent reviewer, a risky
    // result from WeChat or the uploader's new images got there first.
    const updated = await updatedCount(
      getDb()
        .collection(collection)
        .where({ _id: item._id, ...awaitingReviewWhere(field), [images]: stored })
        .update({ data: { [field]: decided } }),
    )
    if (!updated) throw conflict('图片的审核状态已变化，请刷新后查看')
    return { kind: input.kind, id: item._id, mediaStatus: input.decision }
  },
})
