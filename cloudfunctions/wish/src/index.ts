// Cloud function `wish`: 微心愿 — residents submit, the community reviews, members claim and fulfil,
// residents confirm (or say 还没办好) or, after 7 days and a phone call, the community confirms for them; plus
// the daily flag on claims left unfulfilled for 14 days (timer `flagOverdue`) and the removal of contact
// details from wishes finished 3 years ago (timer `purgeContacts`).
import { wishInputs } from '../../../typings/wish'
import { createMain } from '../../_shared/dispatcher'
import { claim, fulfil, release } from './actions/claimer'
import { detail, list, mine, overdueClaims } from './actions/read'
import { confirm, confirmForResident } from './actions/confirm'
import { cancel, reopen, submit } from './actions/resident'
import { review } from './actions/review'
import { flagOverdueClaims } from './overdue'
import { purgeWishContacts } from './purge'

export const main = createMain('wish', wishInputs, {
  actions: {
    submit,
    review,
    claim,
    release,
    fulfil,
    confirm,
    confirmForResident,
    reopen,
    cancel,
    list,
    mine,
    detail,
    overdueClaims,
  },
  timers: { flagOverdue: flagOverdueClaims, purgeContacts: () => purgeWishContacts() },
})
