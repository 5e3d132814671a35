// Cloud function `todo` (待办): everything waiting for a branch secretary, a community admin or a district
// admin, read in one call so the 待办 page and the card on 我的 cost one round trip.
import { todoInputs } from '../../../typings/todo'
import { createMain } from '../../_shared/dispatcher'
import { community } from './actions/community'
import { district } from './actions/district'
import { secretary } from './actions/secretary'

export const main = createMain('todo', todoInputs, {
  actions: { secretary, community, district },
})
