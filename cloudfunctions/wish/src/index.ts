// Cloud function `wish`: 微心愿 — residents submit, the community reviews, members claim and fulfil,
// residents confirm; plus the daily flag on claims left unfulfilled for 14 days (timer `flagOverdue`).
import { wishInputs } from '../../../typings/wish'
import { createMain } from '../../_shared/dispatcher'
import { cancel, claim, confirm, fulfil, release } from './actions/claim'
import { detail, list, mine, overdueClaims } from './actions/read'
import { review, submit } from './actions/submit'
import { flagOverdueClaims } from './overdue'

export const main = createMain('wish', wishInputs, {
  actions: {
    submit: { audience: 'resident', scope: ['ownCommunity'], run: submit },
    review: {
      audience: 'member',
      roles: ['communityAdmin'],
      scope: ['communityAdmin'],
      run: review,
    },
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
  },
  timers: { flagOverdue: flagOverdueClaims },
})
