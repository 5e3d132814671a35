// The resident's steps: submitting a wish, sending a fulfilled one back (还没办好) or cancelling it; confirming
// is in confirm.ts.
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { type ActionContext, defineAction } from '../../../_shared/dispatcher'
import { conflict, denied } from '../../../_shared/errors'
import { checkImages } from '../../../_shared/media'
import { assertTextSafe } from '../../../_shared/security'
import { wishIdOf } from '../domain'
import { noticeReopened } from '../notices'
import { type WishDoc, loadWish, toDetail, transition, viewerOf } from '../store'

export const submit = defineAction('wish', 'submit', {
  audience: 'resident',
  scope: ['ownCommunity'],
  async run({ caller }, input) {
    const resident = caller.resident
    if (!resident) throw denied('请先登记为居民')
    await assertTextSafe(caller.openid, 3, input.title, input.description, input.address ?? '')
    const photoMedia = await checkImages(caller.openid, input.photo ? [input.photo] : [])
    const at = now()
    const wish: WishDoc = {
      _id: wishIdOf(resident._id, input.title, at.format('YYYY-MM-DD')),
      communityId: resident.communityId,
      residentId: resident._id,
      residentOpenid: resident.openid,
      residentName: resident.name,
      residentPhone: resident.phone,
      contactPhone: input.contactPhone ?? null,
      address: input.address ?? null,
      title: input.title,
      description: input.description,
      category: input.category,
      photo: input.photo ?? null,
      ...(photoMedia ? { photoMedia } : {}),
      status: '待审核',
      claimer: null,
      claimedAt: null,
      fulfilledAt: null,
      rejectReason: null,
      fulfilNote: null,
      fulfilPhotos: [],
      thanks: null,
      rating: null,
      overdueFlaggedAt: null,
      timeline: [{ at: at.toDate(), event: 'submit', status: '待审核', by: '居民' }],
      createdAt: at.toDate(),
      updatedAt: at.toDate(),
    }
    try {
      await getDb().collection(COLLECTIONS.wishes).add({ data: wish })
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('这个心愿今天已经提交过了，请等待社区审核')
      throw err
    }
    return { wish: toDetail(wish, viewerOf(caller, wish)) }
  },
})

export async function asResident(caller: ActionContext['caller'], wishId: string) {
  const loaded = await loadWish(caller, wishId)
  if (!loaded.viewer.isResident) throw denied('只有提出心愿的居民可以操作')
  return loaded
}

/** 还没办好: the wish goes back to its claimer with what is missing; the 7 days restart at the next 已实现. */
export const reopen = defineAction('wish', 'reopen', {
  audience: 'resident',
  scope: ['owner'],
  async run({ caller }, input) {
    const { wish, viewer } = await asResident(caller, input.wishId)
    await assertTextSafe(caller.openid, 2, input.note)
    const reopened = await transition(wish, 'reopen', {
      by: '居民',
      note: input.note,
      set: { fulfilledAt: null },
    })
    await noticeReopened(reopened, input.note)
    return { wish: toDetail(reopened, viewer) }
  },
})

export const cancel = defineAction('wish', 'cancel', {
  audience: 'resident',
  scope: ['owner'],
  async run({ caller }, input) {
    const { wish, viewer } = await asResident(caller, input.wishId)
    const cancelled = await transition(wish, 'cancel', { by: '居民' })
    return { wish: toDetail(cancelled, viewer) }
  },
})
