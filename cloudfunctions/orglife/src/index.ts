// Cloud function `orglife`: 网上组织生活 sessions, statements, attendance and leave, records, 三会一课 cadence;
// its timer trigger closes sessions past closes-at and sends the due subscription messages.
import { orglifeInputs } from '../../../typings/orglife'
import { createMain } from '../../_shared/dispatcher'
import { cadence, communityCadence } from './actions/cadence'
import { closeSession, record } from './actions/close'
import { attend, decideLeave, requestLeave, sessionDetail, speak } from './actions/room'
import { cancelSession, createSession, listSessions, updateSession } from './actions/sessions'
import { tick } from './actions/tick'

export const main = createMain('orglife', orglifeInputs, {
  actions: {
    createSession: {
      audience: 'member',
      roles: ['secretary'],
      scope: ['ownBranch'],
      run: createSession,
    },
    updateSession: {
      audience: 'member',
      roles: ['secretary'],
      scope: ['secretary'],
      run: updateSession,
    },
    cancelSession: {
      audience: 'member',
      roles: ['secretary'],
      scope: ['secretary'],
      run: cancelSession,
    },
    listSessions: { audience: 'member', scope: ['ownBranch'], run: listSessions },
    sessionDetail: { audience: 'member', scope: ['readers'], run: sessionDetail },
    attend: { audience: 'member', scope: ['branch'], run: attend },
    speak: { audience: 'member', scope: ['branch'], run: speak },
    requestLeave: { audience: 'member', scope: ['branch'], run: requestLeave },
    decideLeave: {
      audience: 'member',
      roles: ['secretary'],
      scope: ['secretary'],
      run: decideLeave,
    },
    closeSession: {
      audience: 'member',
      roles: ['secretary'],
      scope: ['secretary'],
      run: closeSession,
    },
    record: { audience: 'member', scope: ['readers'], run: record },
    cadence: { audience: 'member', roles: ['secretary'], scope: ['ownBranch'], run: cadence },
    communityCadence: {
      audience: 'member',
      roles: ['communityAdmin', 'districtAdmin'],
      scope: ['communityAdmin', 'districtAdmin'],
      run: communityCadence,
    },
  },
  timers: { tick },
})
