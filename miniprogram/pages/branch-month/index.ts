// The secretary's month view of the branch: who is below the minimums (first), and the minimums themselves.
import type { CheckinOutputs } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { monthLabel, shiftMonth } from '../../utils/calendar'
import { pageStyle } from '../../utils/elder'
import { pullHandlers } from '../../utils/refresh'

type MemberRow = { id: string; name: string; score: number; metAll: boolean; detail: string }

type Data = {
  status: 'loading' | 'ready' | 'error'
  message: string
  month: string
  monthTitle: string
  branchName: string
  belowCount: number
  total: number
  members: MemberRow[]
  minCheckin: string
  minComment: string
  saving: boolean
}

type Custom = {
  load(): Promise<void>
  onPrevMonth(): void
  onNextMonth(): void
  onMinCheckin(e: WechatMiniprogram.Input): void
  onMinComment(e: WechatMiniprogram.Input): void
  onSaveMinimums(): Promise<void>
  onRetry(): void
}

const rowOf = (m: CheckinOutputs['branchMonth']['members'][number]): MemberRow => ({
  id: m.id,
  name: m.name,
  score: m.score,
  metAll: m.metAll,
  detail: m.metAll
    ? `报到 ${m.counts.checkin ?? 0} 次，留言 ${m.counts.comment ?? 0} 条`
    : [
        m.shortfall.checkin ? `报到还差 ${m.shortfall.checkin} 次` : '',
        m.shortfall.comment ? `留言还差 ${m.shortfall.comment} 条` : '',
      ]
        .filter(Boolean)
        .join('，'),
})

Page<Data, Custom>({
  data: {
    status: 'loading',
    message: '',
    month: '',
    monthTitle: '',
    branchName: '',
    belowCount: 0,
    total: 0,
    members: [],
    minCheckin: '',
    minComment: '',
    saving: false,
  },

  onLoad() {
    this.setData({ pageStyle: pageStyle() })
    this.load()
  },

  ...pullHandlers,

  async load() {
    this.setData({ status: 'loading' })
    try {
      const view = await api.checkin.branchMonth(this.data.month ? { month: this.data.month } : {})
      this.setData({
        status: 'ready',
        month: view.month,
        monthTitle: monthLabel(view.month),
        branchName: view.branchName,
        belowCount: view.belowCount,
        total: view.members.length,
        members: view.members.map(rowOf),
        minCheckin: String(view.minimums.checkin),
        minComment: String(view.minimums.comment),
      })
    } catch (err) {
      this.setData({ status: 'error', message: errorMessage(err) })
    }
  },

  onPrevMonth() {
    this.setData({ month: shiftMonth(this.data.month, -1) })
    this.load()
  },

  onNextMonth() {
    this.setData({ month: shiftMonth(this.data.month, 1) })
    this.load()
  },

  onMinCheckin(e) {
    this.setData({ minCheckin: e.detail.value })
  },

  onMinComment(e) {
    this.setData({ minComment: e.detail.value })
  },

  async onSaveMinimums() {
    const checkin = Number(this.data.minCheckin)
    const comment = Number(this.data.minComment)
    if (!Number.isInteger(checkin) || !Number.isInteger(comment)) {
      wx.showToast({ title: '请填写整数，0 表示不作要求', icon: 'none' })
      return
    }
    this.setData({ saving: true })
    try {
      await api.checkin.updateSettings({ minimums: { checkin, comment } })
      wx.showToast({ title: '已保存', icon: 'success' })
      await this.load()
    } catch (err) {
      wx.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      this.setData({ saving: false })
    }
  },

  onRetry() {
    this.load()
  },
})
