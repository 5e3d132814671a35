// Cloud function `checkin`: 党员报到 — one check-in per member per Shanghai day — and the branch's minimums.
import { checkinInputs } from '../../../typings/checkin'
import { createMain } from '../../_shared/dispatcher'
import { branchMonth } from './actions/branch-month'
import { checkIn, myMonth } from './actions/check-in'
import { settings, updateSettings } from './actions/settings'

export const main = createMain('checkin', checkinInputs, {
  actions: { checkIn, myMonth, branchMonth, settings, updateSettings },
})
