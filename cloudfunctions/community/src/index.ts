// Cloud function `community`: 在职党员社区报到 — members report where they live every half-year, take the
// community's service posts, and the community confirms their hours with a feedback card.
import { type CommunityOutputs, communityInputs } from '../../../typings/community'
import { createHandler } from '../../_shared/dispatcher'
import { confirmService, roster } from './actions/confirm'
import { myRecord, overdue, report } from './actions/report'
import { postService, services, signup, withdraw } from './actions/services'

export const main = createHandler<typeof communityInputs, CommunityOutputs>(
  'community',
  communityInputs,
  {
    report: { audience: 'member', run: report },
    postService: { audience: 'member', roles: ['communityAdmin'], run: postService },
    services: { audience: 'member', run: services },
    signup: { audience: 'member', run: signup },
    withdraw: { audience: 'member', run: withdraw },
    confirmService: { audience: 'member', roles: ['communityAdmin'], run: confirmService },
    myRecord: { audience: 'member', run: myRecord },
    roster: { audience: 'member', roles: ['communityAdmin'], run: roster },
    overdue: { audience: 'member', roles: ['secretary', 'communityAdmin'], run: overdue },
  },
)
