// 我的心愿: a resident's own wishes, and the wishes a member has claimed.
import type { WishCard } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { reloadHandlers } from '../../utils/refresh'

type LoadStatus = 'loading' | 'ready' | 'error'
type Row = Pick<WishCard, 'id' | 'title' | 'status' | 'claimOverdue'>

type Data = {
  status: LoadStatus
  errorMessage: string
  asResident: Row[]
  asClaimer: Row[]
}

type Custom = {
  load(): Promise<void>
  onRetry(): void
  onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void
  onWall(): void
}

const toRow = (c: WishCard): Row => ({
  id: c.id,
  title: c.title,
  status: c.status,
  claimOverdue: c.claimOverdue,
})

Page<Data, Custom>({
  data: { status: 'loading', errorMessage: '', asResident: [], asClaimer: [] },

  ...reloadHandlers,

  async load() {
    try {
      const mine = await api.wish.mine()
      this.setData({
        status: 'ready',
        asResident: mine.asResident.map(toRow),
        asClaimer: mine.asClaimer.map(toRow),
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  onRetry() {
    this.setData({ status: 'loading' })
    this.load()
  },

  onOpen(e) {
    wx.navigateTo({ url: `/pages/wish-detail/index?id=${e.currentTarget.dataset.id}` })
  },

  onWall() {
    wx.navigateTo({ url: '/pages/wish-wall/index' })
  },
})
