// Cloud function `wish`: 微心愿 — residents submit, the community reviews, members claim and fulfil,
// residents confirm; plus the daily flag on claims left unfulfilled for 14 days (timer `flagOverdue`).
import { type WishOutputs, wishInputs } from '../../../typings/wish'
import { createHandler } from '../../_shared/dispatcher'
import { type TimerEvent, isTimerEvent } from '../../_shared/timer'
import { cancel, claim, confirm, fulfil, release } from './actions/claim'
import { detail, list, mine, overdueClaims } from './actions/read'
import { review, submit } from './actions/submit'
import { flagOverdueClaims } from './overdue'

const handle = createHandler<typeof wishInputs, WishOutputs>('wish', wishInputs, {
  submit: { audience: 'resident', scope: ['ownCommunity'], run: submit },
  review: { audience: 'member', roles: ['communityAdmin'], scope: ['communityAdmin'], run: review },
  claim: { audience: 'member', scope: ['readers'], run: claim },
  // owner: the claimer (release, fulfil); the resident who made the wish (confirm, cancel).
  release: { audience: 'member', scope: ['owner'], run: release },
  fulfil: { audience: 'member', scope: ['owner'], run: fulfil },
  confirm: { audience: 'resident', scope: ['owner'], run: confirm },
  cancel: { audience: 'resident', scope: ['owner'], run: cancel },
  list: { audience: 'registered', scope: ['public'], run: list },
  mine: { audience: 'registered', scope: ['self'], run: mine },
  detail: { audience: 'registered', scope: ['readers'], run: detail },
  overdueClaims: {
    audience: 'member',
    roles: ['communityAdmin'],
    scope: ['ownCommunity'],
    run: overdueClaims,
  },
})

type Event = Parameters<typeof handle>[0] | TimerEvent

export async function main(event: Event, context?: { request_id?: string }) {
  // The platform's timer event carries no caller; a user's call shaped like one is dispatched as usual.
  if (isTimerEvent(event)) return flagOverdueClaims()
  return handle(event as Parameters<typeof handle>[0], context)
}
