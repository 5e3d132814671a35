// Cloud function `orglife`: 网上组织生活 sessions, statements, attendance and leave, records, 三会一课 cadence;
// its timer trigger closes sessions past closes-at and sends the due subscription messages.
import { type OrglifeOutputs, orglifeInputs } from '../../../typings/orglife'
import { createHandler } from '../../_shared/dispatcher'
import { isTimerEvent } from '../../_shared/timer'
import { cadence, communityCadence } from './actions/cadence'
import { closeSession, record } from './actions/close'
import { attend, decideLeave, requestLeave, sessionDetail, speak } from './actions/room'
import { cancelSession, createSession, listSessions, updateSession } from './actions/sessions'
import { tick } from './actions/tick'

const handle = createHandler<typeof orglifeInputs, OrglifeOutputs>('orglife', orglifeInputs, {
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
})

export async function main(event: Parameters<typeof handle>[0], context?: { request_id?: string }) {
  // Timers carry no user; a user's call dressed up as a timer event goes to the dispatcher and is refused.
  if (isTimerEvent(event)) {
    try {
      return { ok: true, data: await tick() }
    } catch (err) {
      console.error('[orglife.tick] failed:', err)
      return { ok: false, code: 'INTERNAL', message: '定时任务失败' }
    }
  }
  return handle(event, context)
}
