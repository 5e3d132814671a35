// 报到: one large check-in button, this month's calendar, and progress towards each of the branch's minimums.
import type { CheckinOutputs, Progress } from '../../../typings/index'
import { ApiError, api, errorMessage } from '../../services/api'
import { type CalendarCell, monthCells, monthLabel } from '../../utils/calendar'
import { reloadHandlers } from '../../utils/refresh'

type ProgressRow = Progress['items'][number] & { percent: number; met: boolean }

type Data = {
  status: 'loading' | 'ready' | 'error' | 'denied'
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

type Custom = {
  load(): Promise<void>
  show(month: CheckinOutputs['myMonth']): void
  onCheckIn(): Promise<void>
  onRetry(): void
  onRegister(): void
  onBranchMonth(): void
}

const rowsOf = (progress: Progress): ProgressRow[] =>
  progress.items.map((item) => ({
    ...item,
    met: item.missing === 0,
    percent:
      item.minimum === 0 ? 100 : Math.min(100, Math.round((item.count / item.minimum) * 100)),
  }))

Page<Data, Custom>({
  data: {
    status: 'loading',
    message: '',
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

  ...reloadHandlers,

  async load() {
    if (this.data.status !== 'ready') this.setData({ status: 'loading' })
    try {
      this.show(await api.checkin.myMonth())
    } catch (err) {
      const denied = err instanceof ApiError && err.code === 'PERMISSION_DENIED'
      this.setData({ status: denied ? 'denied' : 'error', message: errorMessage(err) })
    }
  },

  show(month) {
    this.setData({
      status: 'ready',
      monthTitle: monthLabel(month.month),
      cells: monthCells(month.month, month.checkedInDays, month.today),
      checkedToday: month.checkedInDays.includes(month.today),
      monthCount: month.progress.counts.checkin ?? 0,
      score: month.score,
      metAll: month.progress.metAll,
      rows: rowsOf(month.progress),
      isSecretary: month.isSecretary,
    })
  },

  async onCheckIn() {
    if (this.data.checking || this.data.checkedToday) return
    this.setData({ checking: true })
    try {
      const result = await api.checkin.checkIn()
      wx.showToast({ title: result.already ? '今天已报到' : '报到成功', icon: 'success' })
      await this.load()
    } catch (err) {
      wx.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      this.setData({ checking: false })
    }
  },

  onRetry() {
    this.load()
  },

  onRegister() {
    wx.navigateTo({ url: '/pages/register/index' })
  },

  onBranchMonth() {
    wx.navigateTo({ url: '/pages/branch-month/index' })
  },
})
