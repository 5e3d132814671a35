// A member claims, releases and fulfils a wish; its resident confirms or cancels it.
import type { z } from 'zod'
import type { WishOutputs, wishInputs } from '../../../../typings/wish'
import { activeMember } from '../../../_shared/caller'
import { nowDate } from '../../../_shared/clock'
import type { ActionContext } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'
import { recordParticipation } from '../../../_shared/ledger'
import { checkImages } from '../../../_shared/media'
import { assertTextSafe } from '../../../_shared/security'
import { noticeClaimed, noticeConfirmed, noticeFulfilled } from '../notices'
import { type WishDoc, loadWish, toDetail, transition } from '../store'

type Inputs = { [A in keyof typeof wishInputs]: z.output<(typeof wishInputs)[A]> }

export async function claim(
  { caller }: ActionContext,
  input: Inputs['claim'],
): Promise<WishOutputs['claim']> {
  const member = activeMember(caller)
  const { wish, viewer } = await loadWish(caller, input.wishId)
  const claimed = await transition(wish, 'claim', {
    by: member.name,
    set: {
      claimer: {
        id: member._id,
        openid: member.openid,
        name: member.name,
        branchId: member.branchId,
        communityId: member.communityId,
      },
      claimedAt: nowDate(),
      overdueFlaggedAt: null,
    },
  })
  await noticeClaimed(claimed)
  return { wish: toDetail(claimed, { ...viewer, isClaimer: true }) }
}

/** The claimer's own step; the guard keeps it theirs even if the wish changed hands since it was read. */
async function asClaimer(caller: ActionContext['caller'], wishId: string) {
  const member = activeMember(caller)
  const loaded = await loadWish(caller, wishId)
  if (!loaded.viewer.isClaimer) throw denied('只有认领这个心愿的党员可以操作')
  return { ...loaded, member, guard: { 'claimer.id': member._id } }
}

export async function release(
  { caller }: ActionContext,
  input: Inputs['release'],
): Promise<WishOutputs['release']> {
  const { wish, viewer, member, guard } = await asClaimer(caller, input.wishId)
  const released = await transition(wish, 'release', {
    by: member.name,
    guard,
    set: { claimer: null, claimedAt: null, overdueFlaggedAt: null },
  })
  return { wish: toDetail(released, { ...viewer, isClaimer: false }) }
}

export async function fulfil(
  { caller }: ActionContext,
  input: Inputs['fulfil'],
): Promise<WishOutputs['fulfil']> {
  const { wish, viewer, member, guard } = await asClaimer(caller, input.wishId)
  await assertTextSafe(caller.openid, 2, input.note)
  const fulfilMedia = await checkImages(caller.openid, input.photos)
  const fulfilled = await transition(wish, 'fulfil', {
    by: member.name,
    note: input.note,
    guard,
    set: {
      fulfilNote: input.note,
      fulfilPhotos: input.photos,
      ...(fulfilMedia ? { fulfilMedia } : {}),
    },
  })
  await noticeFulfilled(fulfilled)
  return { wish: toDetail(fulfilled, viewer) }
}

async function asResident(caller: ActionContext['caller'], wishId: string) {
  const loaded = await loadWish(caller, wishId)
  if (!loaded.viewer.isResident) throw denied('只有提出心愿的居民可以操作')
  return loaded
}

/** The resident confirms: only now does the member's participation count (once per wish: ref = wish id). */
export async function confirm(
  { caller }: ActionContext,
  input: Inputs['confirm'],
): Promise<WishOutputs['confirm']> {
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
}

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

export async function cancel(
  { caller }: ActionContext,
  input: Inputs['cancel'],
): Promise<WishOutputs['cancel']> {
  const { wish, viewer } = await asResident(caller, input.wishId)
  const cancelled = await transition(wish, 'cancel', { by: '居民' })
  return { wish: toDetail(cancelled, viewer) }
}
