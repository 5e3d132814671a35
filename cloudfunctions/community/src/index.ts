// Cloud function `community`: 在职党员社区报到 — members report where they live every half-year, take the
// community's service posts, and the community confirms their hours with a feedback card.
import { communityInputs } from '../../../typings/community'
import { createMain } from '../../_shared/dispatcher'
import { branchRecord } from './actions/branch-record'
import { confirmService, roster } from './actions/confirm'
import { cancelService, editService } from './actions/manage'
import { remindReport } from './actions/remind'
import { myRecord, overdue, report } from './actions/report'
import { postService, services, signup, withdraw } from './actions/services'

export const main = createMain('community', communityInputs, {
  actions: {
    report,
    postService,
    editService,
    cancelService,
    services,
    signup,
    withdraw,
    confirmService,
    myRecord,
    roster,
    overdue,
    remindReport,
    branchRecord,
  },
})
