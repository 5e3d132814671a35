// Cloud function `stats`: monthly counts, rankings, xlsx export, month settlement and reminders; its timer
// triggers (config.json) settle the month, send reminders on the 20th and open next month's counters, each
// month's work in slices that the trigger runs as invocations of this function (month-work.ts), and delete
// expired exports daily.
import { statsInputs } from '../../../typings/stats'
import { now } from '../../_shared/clock'
import { createMain } from '../../_shared/dispatcher'
import { previousMonth } from '../../_shared/participation'
import { exportMonth } from './actions/export'
import { monthProgress, openMonth, remind, settle } from './actions/monthly-jobs'
import { branchRanking, currentMonth, memberRanking, myMonth } from './actions/ranking'
import { reminders } from './actions/reminders'
import { trend } from './actions/trend'
import { expireExports } from './expire-exports'
import { DRIVE_LIMIT_MS, runSlice, sliceOf } from './month-work'
import { openMonthsDue, openingWork } from './open'
import { remindMonth } from './remind'
import { settleMonth, settlementWork } from './settle'

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
    monthProgress,
  },
  // settleMonth and openMonth drive their month's slices; an event naming a slice (sent by a driver) runs it.
  timers: {
    settleMonth: (event) => {
      const slice = sliceOf(event)
      if (slice) return runSlice(settlementWork, slice)
      return settleMonth(previousMonth(currentMonth()), DRIVE_LIMIT_MS)
    },
    remindMonth: () => remindMonth(currentMonth()),
    openMonth: (event) => {
      const slice = sliceOf(event)
      if (slice) return runSlice(openingWork, slice)
      return openMonthsDue({ month: currentMonth(), day: now().date() }, DRIVE_LIMIT_MS)
    },
    expireExports: () => expireExports(),
  },
})
