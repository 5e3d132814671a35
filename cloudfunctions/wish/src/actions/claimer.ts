// The claimer's steps: a member claims a wish, gives it back (release) or fulfils it.
import { activeMember } from '../../../_shared/caller'
import { now, nowDate } from '../../../_shared/clock'
import { type ActionContext, defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid } from '../../../_shared/errors'
import { checkImages } from '../../../_shared/media'
import { assertTextSafe } from '../../../_shared/security'
import { contactByProblem } from '../domain'
import { noticeClaimed, noticeFulfilled } from '../notices'
import { loadWish, toDetail, transition } from '../store'

export const claim = defineAction('wish', 'claim', {
  audience: 'member',
  scope: ['readers'],
  async run({ caller }, input) {
    const member = activeMember(caller)
    const problem = input.contactBy && contactByProblem(input.contactBy, now().format('YYYY-MM-DD'))
    if (problem) throw invalid(problem)
    const { wish, viewer } = await loadWish(caller, input.wishId)
    // A resident who became a member does not claim (and so credit themselves for) their own wish.
    if (wish.residentOpenid === member.openid) throw conflict('不能认领自己提交的心愿')
    const claimed = await transition(wish, 'claim', {
      by: member.name,
      set: {
        claimer: {
          id: member._id,
          openid: member.openid,
          name: member.name,
          phone: member.phone,
          contactBy: input.contactBy ?? null,
          branchId: member.branchId,
          communityId: member.communityId,
        },
        claimedAt: nowDate(),
        overdueFlaggedAt: null,
      },
    })
    await noticeClaimed(claimed)
    return { wish: toDetail(claimed, { ...viewer, isClaimer: true }) }
  },
})

/** The claimer's own step; the guard keeps it theirs even if the wish changed hands since it was read. */
async function asClaimer(caller: ActionContext['caller'], wishId: string) {
  const member = activeMember(caller)
  const loaded = await loadWish(caller, wishId)
  if (!loaded.viewer.isClaimer) throw denied('只有认领这个心愿的党员可以操作')
  return { ...loaded, member, guard: { 'claimer.id': member._id } }
}

export const release = defineAction('wish', 'release', {
  // owner: the member who claimed it (as for fulfil); confirm and cancel are the resident's.
  audience: 'member',
  scope: ['owner'],
  async run({ caller }, input) {
    const { wish, viewer, member, guard } = await asClaimer(caller, input.wishId)
    const released = await transition(wish, 'release', {
      by: member.name,
      guard,
      set: { claimer: null, claimedAt: null, overdueFlaggedAt: null },
    })
    return { wish: toDetail(released, { ...viewer, isClaimer: false }) }
  },
})

export const fulfil = defineAction('wish', 'fulfil', {
  audience: 'member',
  scope: ['owner'],
  async run({ caller }, input) {
    const { wish, viewer, member, guard } = await asClaimer(caller, input.wishId)
    await assertTextSafe(caller.openid, 2, input.note)
    const fulfilMedia = await checkImages(caller.openid, input.photos)
    const fulfilled = await transition(wish, 'fulfil', {
      by: member.name,
      note: input.note,
      guard,
      set: {
        fulfilledAt: nowDate(),
        fulfilNote: input.note,
        fulfilPhotos: input.photos,
        ...(fulfilMedia ? { fulfilMedia } : {}),
      },
    })
    await noticeFulfilled(fulfilled)
    return { wish: toDetail(fulfilled, viewer) }
  },
})
