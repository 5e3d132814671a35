// Cloud function `orglife`: 网上组织生活 sessions, statements, attendance and leave, records, 三会一课 cadence;
// its timer trigger closes sessions past closes-at and sends the due subscription messages.
import { orglifeInputs } from '../../../typings/orglife'
import { createMain } from '../../_shared/dispatcher'
import { cadence, communityCadence } from './actions/cadence'
import { addAddendum, closeSession, record } from './actions/close'
import { attend, decideLeave, requestLeave, sessionDetail, speak } from './actions/room'
import { remindNotSignedIn } from './actions/roll'
import { cancelSession, createSession, listSessions, updateSession } from './actions/sessions'
import { tick } from './actions/tick'

export const main = createMain('orglife', orglifeInputs, {
  actions: {
    createSession,
    updateSession,
    cancelSession,
    listSessions,
    sessionDetail,
    attend,
    speak,
    requestLeave,
    decideLeave,
    closeSession,
    record,
    remindNotSignedIn,
    addAddendum,
    cadence,
    communityCadence,
  },
  timers: { tick },
})
