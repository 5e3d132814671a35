// The district admin's manual runs of the monthly jobs the timers run (index.ts): settling an ended month,
// the 20th's reminders, and opening this or next month's counters; and how far a month's slices have got.
import { defineAction } from '../../../_shared/dispatcher'
import { invalid } from '../../../_shared/errors'
import { nextMonth, previousMonth } from '../../../_shared/participation'
import { DRIVE_LIMIT_MS, progressOf } from '../month-work'
import { monthWasOpened, openMonth as openCounters } from '../open'
import { remindMonth } from '../remind'
import { settleMonth } from '../settle'
import { currentMonth } from './ranking'

export const settle = defineAction('stats', 'settle', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['public'],
  async run(_ctx, input) {
    const month = input.month ?? previousMonth(currentMonth())
    if (month >= currentMonth()) throw invalid('只能结算已经结束的月份')
    // A month whose counters were never opened predates the district's use of the system.
    if (!(await monthWasOpened(month))) throw invalid('该月份还没有使用本系统，无需结算')
    return settleMonth(month, DRIVE_LIMIT_MS)
  },
})

export const remind = defineAction('stats', 'remind', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['public'],
  run: () => remindMonth(currentMonth()),
})

export const openMonth = defineAction('stats', 'openMonth', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['public'],
  async run(_ctx, input) {
    const month = input.month ?? currentMonth()
    if (month !== currentMonth() && month !== nextMonth(currentMonth()))
      throw invalid('只能准备本月或下月的积分表')
    return openCounters(month, DRIVE_LIMIT_MS)
  },
})

export const monthProgress = defineAction('stats', 'monthProgress', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['public'],
  async run(_ctx, input) {
    const month = input.month ?? currentMonth()
    const [settle, open] = await Promise.all([
      progressOf('settle', month),
      progressOf('open', month),
    ])
    return { month, settle, open }
  },
})
