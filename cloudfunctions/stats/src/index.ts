// Cloud function `stats`: monthly counts, rankings, CSV export, month settlement and reminders; its timer
// triggers (config.json) settle the month, send reminders on the 20th and open next month's counters.
import { statsInputs } from '../../../typings/stats'
import { createMain } from '../../_shared/dispatcher'
import { invalid } from '../../_shared/errors'
import { stopAfter } from '../../_shared/timer'
import { exportMonth } from './actions/export'
import { branchRanking, currentMonth, memberRanking, myMonth } from './actions/ranking'
import { nextMonth, previousMonth } from '../../_shared/participation'
import { remindMonth, reminders } from './remind'
import { settleMonth } from './settle'
import { OPEN_BUDGET_MS, monthWasOpened, openMonth, openMonthsDue } from './open'
import { now } from '../../_shared/clock'

export const main = createMain('stats', statsInputs, {
  actions: {
    myMonth: { audience: 'member', scope: ['ownBranch'], run: myMonth },
    memberRanking: {
      audience: 'member',
      scope: ['branch', 'communityAdmin', 'districtAdmin'],
      run: memberRanking,
    },
    branchRanking: {
      audience: 'member',
      scope: ['community', 'communityAdmin', 'districtAdmin'],
      run: branchRanking,
    },
    exportMonth: {
      audience: 'member',
      roles: ['communityAdmin', 'districtAdmin'],
      scope: ['communityAdmin', 'districtAdmin'],
      run: exportMonth,
    },
    reminders: {
      audience: 'member',
      scope: ['secretary', 'communityAdmin', 'districtAdmin'],
      run: reminders,
    },
    settle: {
      audience: 'member',
      roles: ['districtAdmin'],
      scope: ['public'],
      run: async (_ctx, input) => {
        const month = input.month ?? previousMonth(currentMonth())
        if (month >= currentMonth()) throw invalid('只能结算已经结束的月份')
        // A month whose counters were never opened predates the district's use of the system.
        if (!(await monthWasOpened(month))) throw invalid('该月份还没有使用本系统，无需结算')
        return settleMonth(month)
      },
    },
    remind: {
      audience: 'member',
      roles: ['districtAdmin'],
      scope: ['public'],
      run: () => remindMonth(currentMonth()),
    },
    openMonth: {
      audience: 'member',
      roles: ['districtAdmin'],
      scope: ['public'],
      run: async (_ctx, input) => {
        const month = input.month ?? currentMonth()
        if (month !== currentMonth() && month !== nextMonth(currentMonth()))
          throw invalid('只能开启本月或下月的计数')
        return openMonth(month, stopAfter(OPEN_BUDGET_MS))
      },
    },
  },
  timers: {
    settleMonth: () => settleMonth(previousMonth(currentMonth())),
    remindMonth: () => remindMonth(currentMonth()),
    openMonth: () => openMonthsDue({ month: currentMonth(), day: now().date() }, OPEN_BUDGET_MS),
  },
})
