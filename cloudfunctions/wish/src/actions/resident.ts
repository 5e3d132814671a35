// The resident's steps: submitting a wish, confirming it was fulfilled (which credits the claimer) or
// cancelling it.
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { type ActionContext, defineAction } from '../../../_shared/dispatcher'
import { conflict, denied } from '../../../_shared/errors'
import { recordParticipation } from '../../../_shared/ledger'
import { checkImages } from '../../../_shared/media'
import { assertTextSafe } from '../../../_shared/security'
import { wishIdOf } from '../domain'
import { noticeConfirmed } from '../notices'
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
      address: input.address ?? null,
      title: input.title,
      description: input.description,
      category: input.category,
      photo: input.photo ?? null,
      ...(photoMedia ? { photoMedia } : {}),
      status: '待审核',
      claimer: null,
      claimedAt: null,
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

async function asResident(caller: ActionContext['caller'], wishId: string) {
  const loaded = await loadWish(caller, wishId)
  if (!loaded.viewer.isResident) throw denied('只有提出心愿的居民可以操作')
  return loaded
}

/** The resident confirms: only now does the member's participation count (once per wish: ref = wish id). */
export const confirm = defineAction('wish', 'confirm', {
  audience: 'resident',
  scope: ['owner'],
  async run({ caller }, input) {
    const { wish, viewer } = await asResident(caller, input.wishId)
    await assertTextSafe(caller.openid, 2, input.thanks)
    // A wish already completed answers CONFLICT, but first records the claimer's credit again (the ledger id
    // makes that a no-op) in case the confirming request died between the two writes.
    if (wish.status === '已完成') await creditClaimer(wish)
    const confirmed = await transition(wish, 'confirm', {
      by: '居民',
      note: input.thanks,
      set: { thanks: input.thanks, rating: input.rating },
    })
    const recorded = await creditClaimer(confirmed)
    await noticeConfirmed(confirmed)
    return { wish: toDetail(confirmed, viewer), counted: !!recorded?.counted }
  },
})

/** The ledger counts a wish for its claimer on the resident's confirmation, never on the claim. */
function creditClaimer(wish: Pick<WishDoc, '_id' | 'claimer'>) {
  const claimer = wish.claimer
  return claimer
    ? recordParticipation({
        member: {
          _id: claimer.id,
          name: claimer.name,
          branchId: claimer.branchId,
          communityId: claimer.communityId,
        },
        rule: 'wishFulfilled',
        ref: wish._id,
      })
    : Promise.resolve(null)
}

export const cancel = defineAction('wish', 'cancel', {
  audience: 'resident',
  scope: ['owner'],
  async run({ caller }, input) {
    const { wish, viewer } = await asResident(caller, input.wishId)
    const cancelled = await transition(wish, 'cancel', { by: '居民' })
    return { wish: toDetail(cancelled, viewer) }
  },
})
