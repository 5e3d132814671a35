// Cloud function `checkin`: 党员报到 — one check-in per member per Shanghai day — the branch's minimums, and
// the secretary's list of members below them with 一键提醒.
import { checkinInputs } from '../../../typings/checkin'
import { createMain } from '../../_shared/dispatcher'
import { belowMinimum, remindBelow } from './actions/below-minimum'
import { branchMonth } from './actions/branch-month'
import { checkIn, myMonth } from './actions/check-in'
import { settings, updateSettings } from './actions/settings'
import { today } from './actions/today'

export const main = createMain('checkin', checkinInputs, {
  actions: {
    checkIn,
    today,
    myMonth,
    branchMonth,
    settings,
    updateSettings,
    belowMinimum,
    remindBelow,
  },
})
