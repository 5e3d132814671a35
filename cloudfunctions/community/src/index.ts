// Cloud function `community`: 在职党员社区报到 — members report where they live every half-year, take the
// community's service posts, and the community confirms their hours with a feedback card.
import { communityInputs } from '../../../typings/community'
import { createMain } from '../../_shared/dispatcher'
import { confirmService, roster } from './actions/confirm'
import { myRecord, overdue, report } from './actions/report'
import { postService, services, signup, withdraw } from './actions/services'

export const main = createMain('community', communityInputs, {
  actions: {
    // Members report to the community where they live, whichever it is.
    report: { audience: 'member', scope: ['public'], run: report },
    postService: {
      audience: 'member',
      roles: ['communityAdmin'],
      scope: ['ownCommunity'],
      run: postService,
    },
    services: { audience: 'member', scope: ['public'], run: services },
    // community: reported to the post's community.
    signup: { audience: 'member', scope: ['community'], run: signup },
    withdraw: { audience: 'member', scope: ['self'], run: withdraw },
    confirmService: {
      audience: 'member',
      roles: ['communityAdmin'],
      scope: ['communityAdmin'],
      run: confirmService,
    },
    myRecord: { audience: 'member', scope: ['self'], run: myRecord },
    roster: { audience: 'member', roles: ['communityAdmin'], scope: ['ownCommunity'], run: roster },
    overdue: {
      audience: 'member',
      roles: ['secretary', 'communityAdmin'],
      scope: ['ownBranch', 'ownCommunity'],
      run: overdue,
    },
  },
})
