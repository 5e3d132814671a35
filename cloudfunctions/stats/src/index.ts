// Cloud function `stats`: monthly counts, rankings, xlsx export, month settlement and reminders; its timer
// triggers (config.json) settle the month, send reminders on the 20th and open next month's counters.
import { statsInputs } from '../../../typings/stats'
import { now } from '../../_shared/clock'
import { createMain } from '../../_shared/dispatcher'
import { previousMonth } from '../../_shared/participation'
import { exportMonth } from './actions/export'
import { openMonth, remind, settle } from './actions/monthly-jobs'
import { branchRanking, currentMonth, memberRanking, myMonth } from './actions/ranking'
import { reminders } from './actions/reminders'
import { trend } from './actions/trend'
import { OPEN_BUDGET_MS, openMonthsDue } from './open'
import { remindMonth } from './remind'
import { settleMonth } from './settle'

export const main = createMain('stats', statsInputs, {
  actions: {
    myMonth,
    memberRanking,
    branchRanking,
    trend,
    exportMonth,
    reminders,
    settle,
    remind,
    openMonth,
  },
  timers: {
    settleMonth: () => settleMonth(previousMonth(currentMonth())),
    remindMonth: () => remindMonth(currentMonth()),
    openMonth: () => openMonthsDue({ month: currentMonth(), day: now().date() }, OPEN_BUDGET_MS),
  },
})
