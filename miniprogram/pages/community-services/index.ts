// 服务岗位: the community's upcoming 公益岗位 and 志愿活动, with sign-up and withdrawal.
import type { ServicePost } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { reloadHandlers } from '../../utils/refresh'

type LoadStatus = 'loading' | 'ready' | 'error'
type Row = Pick<
  ServicePost,
  'id' | 'title' | 'kind' | 'category' | 'date' | 'time' | 'place' | 'slots' | 'signedUp' | 'mine'
> & { full: boolean }

type Data = {
  status: LoadStatus
  errorMessage: string
  needsReport: boolean
  services: Row[]
  busyId: string
}

type Custom = {
  load(): Promise<void>
  onRetry(): void
  onSignup(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): Promise<void>
  onWithdraw(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): Promise<void>
  act(id: string, call: () => Promise<{ service: ServicePost }>, done: string): Promise<void>
  onReport(): void
  onRecord(): void
}

const toRow = (s: ServicePost): Row => ({
  id: s.id,
  title: s.title,
  kind: s.kind,
  category: s.category,
  date: s.date,
  time: s.time,
  place: s.place,
  slots: s.slots,
  signedUp: s.signedUp,
  mine: s.mine,
  full: s.signedUp >= s.slots,
})

Page<Data, Custom>({
  data: { status: 'loading', errorMessage: '', needsReport: false, services: [], busyId: '' },

  ...reloadHandlers,

  async load() {
    try {
      const [{ services }, record] = await Promise.all([
        api.community.services(),
        api.community.myRecord(),
      ])
      const state = record.report?.state ?? 'none'
      this.setData({
        status: 'ready',
        needsReport: state === 'none' || state === 'overdue',
        services: services.map(toRow),
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  onRetry() {
    this.setData({ status: 'loading' })
    this.load()
  },

  onSignup(e) {
    const id = e.currentTarget.dataset.id
    return this.act(id, () => api.community.signup({ serviceId: id }), '报名成功')
  },

  onWithdraw(e) {
    const id = e.currentTarget.dataset.id
    return this.act(id, () => api.community.withdraw({ serviceId: id }), '已取消报名')
  },

  async act(id, call, done) {
    if (this.data.busyId) return
    this.setData({ busyId: id })
    try {
      const { service } = await call()
      const index = this.data.services.findIndex((s) => s.id === id)
      this.setData({ [`services[${index}]`]: toRow(service) })
      wx.showToast({ title: done, icon: 'success' })
    } catch (err) {
      wx.showModal({ title: '操作未完成', content: errorMessage(err), showCancel: false })
      await this.load()
    } finally {
      this.setData({ busyId: '' })
    }
  },

  onReport() {
    wx.navigateTo({ url: '/pages/community-report/index' })
  },

  onRecord() {
    wx.navigateTo({ url: '/pages/community-record/index' })
  },
})
