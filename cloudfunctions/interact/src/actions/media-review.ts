// 图片人工审核: images WeChat's check was unsure of wait for a person; the first decision stands ('pass' shows them
// to readers, 'risky' hides them for good). News and appeals are decided by their branch secretary, community
// admin or a district admin; wish photos and org-life materials, community business, by the community admin
// or a district admin only (a session's materials come from its secretary); a 网上党校 item's, by its branch's
// community admin or a district admin (mayReviewStudy: an item for every branch, a district admin only), never
// the publishing secretary. Wishes, sessions and study items belong to other
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
  type MediaField,
  type MediaState,
  awaitingReviewWhere,
  awaitsReview,
  mayReviewInCommunity,
} from '../../../_shared/media'
import type { NewsDoc } from '../../../_shared/news'
import type { SessionDoc } from '../../../orglife/src/store'
import { PUBLIC_STATUSES } from '../../../wish/src/domain'
import type { WishDoc } from '../../../wish/src/store'
import { type ItemDoc, mayRead, mayReviewStudy } from '../../../study/src/store'
import { isOwn, mayOpenNews, mayReviewMedia } from '../reader'
import type { AppealDoc } from '../records'

/** What a review reads of a news item, an appeal, a wish or a session: where it belongs, its images' state. */
type WithMedia = {
  _id: string
  branchId?: string | null
  communityId: string | null
  deleted?: boolean
} & Partial<Record<MediaField, MediaState>>

type Reviewers = { mayReview(caller: Caller, item: WithMedia): boolean; refusal: string }

const BRANCH_BUSINESS: Reviewers = {
  mayReview: mayReviewMedia,
  refusal: '只有所属支部书记、社区管理员或区管理员可以审核这些图片',
}
const COMMUNITY_BUSINESS: Reviewers = {
  mayReview: (caller, item) => mayReviewInCommunity(caller, item.communityId),
  refusal: '只有所属社区的管理员或区管理员可以审核这些图片',
}

type Reviewable = Reviewers & {
  find(caller: Caller, collection: string, id: string): Promise<WithMedia>
}

/**
 * A kind of item by its stored document D: a reviewer finds it, and so does whoever sees it without deciding
 * its images (`maySee`), who is then refused; to everyone else it does not exist.
 */
const reviewable = <D extends WithMedia>(
  name: string,
  reviewers: Reviewers,
  maySee: (caller: Caller, item: D) => boolean,
): Reviewable => ({
  ...reviewers,
  find: (caller, collection, id) =>
    findVisible<D>(
      collection,
      id,
      name,
      (doc) => !doc.deleted && (reviewers.mayReview(caller, doc) || maySee(caller, doc)),
    ),
})

const publicWish = (_caller: Caller, wish: WishDoc) => PUBLIC_STATUSES.includes(wish.status)

const ITEMS: Record<MediaItemKind, Reviewable> = {
  news: reviewable<NewsDoc>('该动态', BRANCH_BUSINESS, mayOpenNews),
  appeal: reviewable<AppealDoc>('该诉求', BRANCH_BUSINESS, (caller, appeal) =>
    isOwn(caller, appeal.requesterId),
  ),
  wishPhoto: reviewable('该心愿', COMMUNITY_BUSINESS, publicWish),
  wishFulfilPhotos: reviewable('该心愿', COMMUNITY_BUSINESS, publicWish),
  sessionMaterials: reviewable<SessionDoc>(
    '该组织生活',
    COMMUNITY_BUSINESS,
    (caller, session) => session.branchId === caller.member?.branchId,
  ),
  study: reviewable<ItemDoc>(
    '该学习内容',
    {
      mayReview: (caller, item) => mayReviewStudy(caller, item as ItemDoc),
      refusal: '只有所属社区的管理员或区管理员可以审核这些图片',
    },
    (caller, item) => mayRead(caller, item.target),
  ),
}

/** The value at a dotted path: where a set's images are stored (MEDIA_SETS). */
const valueAt = (doc: object, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((v, key) => (v instanceof Object ? Reflect.get(v, key) : undefined), doc)

/** Why images that do not await a person cannot be decided now. */
function notWaiting(media: MediaState | undefined): string {
  if (media?.status === 'pass') return '图片已通过审核，无需再审'
  if (media?.status === 'risky') return '图片已判定为不合规，不能再审'
  return media ? '图片正在等待微信的审核结果，暂不需要人工审核' : '没有需要审核的图片'
}

const REVIEWERS = ['secretary', 'communityAdmin', 'districtAdmin'] as const
/** Wishes', sessions' and study items' images are community business; news and appeals also their branch's. */
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
      study: COMMUNITY_REVIEWERS,
    },
  },
  async run({ caller }, input) {
    const { collection, field, images } = MEDIA_SETS[input.kind]
    const { find, mayReview, refusal } = ITEMS[input.kind]
    const item = await find(caller, collection, input.id)
    if (!mayReview(caller, item)) throw denied(refusal)
    const media = item[field]
    if (!awaitsReview(media)) throw conflict(notWaiting(media))
    const stored = valueAt(item, images)
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
