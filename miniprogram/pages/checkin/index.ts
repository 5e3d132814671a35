// 报到: one large check-in button, this month's calendar, and progress towards each of the branch's minimums.
import type { Progress } from '../../../typings/index'
import { ApiError, api } from '../../services/api'
import { loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { type CalendarCell, monthCells, monthLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { type LoadStatus, loadInto, runAction, toastFailure } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'

type ProgressRow = Progress['items'][number] & { percent: number; met: boolean }

export type Data = ElderData & {
  /** `denied`: not a member yet (the page offers registering). */
  status: LoadStatus | 'denied'
  message: string
  monthTitle: string
  cells: CalendarCell[]
  checkedToday: boolean
  checking: boolean
  monthCount: number
  score: number
  metAll: boolean
  rows: ProgressRow[]
  isSecretary: boolean
}

const rowsOf = (progress: Progress): ProgressRow[] =>
  progress.items.map((item) => ({
    ...item,
    met: item.missing === 0,
    percent:
      item.minimum === 0 ? 100 : Math.min(100, Math.round((item.count / item.minimum) * 100)),
  }))

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: {
    monthTitle: '',
    cells: [],
    checkedToday: false,
    checking: false,
    monthCount: 0,
    score: 0,
    metAll: false,
    rows: [],
    isSecretary: false,
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.checkin.myMonth(),
        (month) => ({
          monthTitle: monthLabel(month.month),
          cells: monthCells(month.month, month.checkedInDays, month.today),
          checkedToday: month.checkedInDays.includes(month.today),
          monthCount: month.progress.counts.checkin ?? 0,
          score: month.score,
          metAll: month.progress.metAll,
          rows: rowsOf(month.progress),
          isSecretary: month.isSecretary,
        }),
        {
          failed: (err) =>
            err instanceof ApiError && err.code === 'PERMISSION_DENIED'
              ? { status: 'denied', message: err.message }
              : undefined,
        },
      )
    },

    async onCheckIn(): Promise<void> {
      if (this.data.checkedToday || this.data.checking) return
      // The tap is where WeChat lets us ask: the month's reminders and the branch's sessions reach a member
      // only by these consents, one message of each per accepted tap.
      await askToNotify(['monthlyMinimum', 'sessionOpened', 'closingReminder'])
      await runAction(this, {
        busyKey: 'checking',
        work: () => api.checkin.checkIn(),
        done: (result) => (result.already ? '今天已报到' : '报到成功'),
        after: () => this.load(),
        failed: toastFailure,
      })
    },

    onRegister() {
      wx.navigateTo({ url: '/pages/register/index' })
    },

    onBranchMonth() {
      wx.navigateTo({ url: '/branch/branch-month/index' })
    },

    /** 积分规则: 排行 opens with its rules sheet up. */
    onRules() {
      wx.navigateTo({ url: '/pages/ranking/index?rules=1' })
    },
  },
})
