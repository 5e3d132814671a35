// Completing a fulfilled wish: the resident confirms (with thanks and stars), or, once it waited 7 days, the
// community admin confirms for them after a phone call (电话回访后代为确认). Both credit the claimer the same way.
import { activeMember } from '../../../_shared/caller'
import { nowDate } from '../../../_shared/clock'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied } from '../../../_shared/errors'
import { recordParticipation } from '../../../_shared/ledger'
import { assertTextSafe } from '../../../_shared/security'
import { CONFIRM_FOR_RESIDENT_AFTER_DAYS, fulfilledAtOf, mayConfirmForResident } from '../domain'
import { noticeConfirmed } from '../notices'
import { type WishDoc, loadWish, toDetail, transition } from '../store'
import { asResident } from './resident'

/**
 * Moves a fulfilled wish to 已完成 and credits its claimer: only now does the member's participation count
 * (once per wish: ref = wish id). The status condition lets one of a racing resident and admin through; a wish
 * already completed answers CONFLICT, but first records the credit again (a no-op by the ledger id) in case the
 * completing request died between the two writes.
 */
async function complete(
  wish: WishDoc,
  event: 'confirm' | 'confirmForResident',
  change: Parameters<typeof transition>[2],
) {
  if (wish.status === '已完成') await creditClaimer(wish)
  const confirmed = await transition(wish, event, change)
  const recorded = await creditClaimer(confirmed)
  await noticeConfirmed(confirmed)
  return { confirmed, counted: !!recorded?.counted }
}

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

export const confirm = defineAction('wish', 'confirm', {
  audience: 'resident',
  scope: ['owner'],
  async run({ caller }, input) {
    const { wish, viewer } = await asResident(caller, input.wishId)
    await assertTextSafe(caller.openid, 2, input.thanks)
    const { confirmed, counted } = await complete(wish, 'confirm', {
      by: '居民',
      note: input.thanks,
      set: { thanks: input.thanks, rating: input.rating },
    })
    return { wish: toDetail(confirmed, viewer), counted }
  },
})

export const confirmForResident = defineAction('wish', 'confirmForResident', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['communityAdmin'],
  async run({ caller }, input) {
    const admin = activeMember(caller)
    const { wish, viewer } = await loadWish(caller, input.wishId)
    if (!viewer.isAdmin) throw denied('只有该社区的管理员可以代为确认')
    if (
      wish.status === '已实现' &&
      !mayConfirmForResident(wish.status, fulfilledAtOf(wish), nowDate())
    )
      throw conflict(
        `党员完成满 ${CONFIRM_FOR_RESIDENT_AFTER_DAYS} 天居民仍未确认的，社区才能电话回访后代为确认`,
      )
    const { confirmed, counted } = await complete(wish, 'confirmForResident', {
      by: admin.name,
      note: '电话回访后代为确认',
      // Still the wish judged above: not sent back by the resident and fulfilled again since.
      guard: { updatedAt: wish.updatedAt },
      set: { confirmedForResident: { memberId: admin._id, name: admin.name, at: nowDate() } },
    })
    return { wish: toDetail(confirmed, viewer), counted }
  },
})
