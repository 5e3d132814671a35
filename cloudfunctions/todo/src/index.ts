// Cloud function `todo` (待办): everything waiting for a branch secretary or 信息员, a community admin or a
// district admin, read in one call so the 待办 page and the card on 我的 cost one round trip.
import { todoInputs } from '../../../typings/todo'
import { createMain } from '../../_shared/dispatcher'
import { community } from './actions/community'
import { district } from './actions/district'
import { infoOfficer } from './actions/info-officer'
import { secretary } from './actions/secretary'

export const main = createMain('todo', todoInputs, {
  actions: { secretary, infoOfficer, community, district },
})
