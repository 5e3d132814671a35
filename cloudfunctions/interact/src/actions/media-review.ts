// 图片人工审核: images WeChat's check was unsure of wait for the item's branch secretary, its community admin
// or a district admin; the first decision stands ('pass' shows them to readers, 'risky' hides them for good).
import type { z } from 'zod'
import type { InteractOutputs, interactInputs } from '../../../../typings/interact'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, updatedCount } from '../../../_shared/db'
import type { ActionContext } from '../../../_shared/dispatcher'
import { conflict, denied, notFound } from '../../../_shared/errors'
import { memberIdOf } from '../../../_shared/identity'
import { AWAITING_REVIEW, type MediaState, awaitsReview } from '../../../_shared/media'
import { mayReviewMedia } from '../reader'

type In<A extends keyof typeof interactInputs> = z.output<(typeof interactInputs)[A]>
type Out<A extends keyof InteractOutputs> = Promise<InteractOutputs[A]>

/** What a news item or an appeal holds that a review reads. */
type WithMedia = {
  _id: string
  branchId: string | null
  communityId: string | null
  media?: MediaState
  deleted?: boolean
}

const ITEMS = {
  news: { collection: COLLECTIONS.news, name: '该动态' },
  appeal: { collection: COLLECTIONS.appeals, name: '该诉求' },
}

/** Why images that do not await a person cannot be decided now. */
function notWaiting(media: MediaState | undefined): string {
  if (media?.status === 'pass') return '图片已通过审核，无需再审'
  if (media?.status === 'risky') return '图片已判定为不合规，不能再审'
  return media ? '图片正在等待微信的审核结果，暂不需要人工审核' : '没有需要审核的图片'
}

export async function reviewMedia(
  { caller }: ActionContext,
  input: In<'reviewMedia'>,
): Out<'reviewMedia'> {
  const { collection, name } = ITEMS[input.kind]
  const item = await findById<WithMedia>(collection, input.id)
  if (!item || item.deleted) throw notFound(name)
  if (!mayReviewMedia(caller, item))
    throw denied('只有所属支部书记、社区管理员或区管理员可以审核这些图片')
  if (!awaitsReview(item.media)) throw conflict(notWaiting(item.media))
  const decided: Pick<MediaState, 'status' | 'reviewedBy' | 'reviewedAt'> = {
    status: input.decision,
    // A configured district admin may have no member record; the id still names them.
    reviewedBy: memberIdOf(caller.openid),
    reviewedAt: nowDate(),
  }
  // Only while still awaiting a person: a concurrent reviewer or a risky result from WeChat got there first.
  const updated = await updatedCount(
    getDb()
      .collection(collection)
      .where({ _id: item._id, ...AWAITING_REVIEW })
      .update({ data: { media: decided } }),
  )
  if (!updated) throw conflict('图片的审核状态已变化，请刷新后查看')
  return { kind: input.kind, id: item._id, mediaStatus: input.decision }
}
