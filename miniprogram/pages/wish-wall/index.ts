// 微心愿墙: the community's published wishes, filtered by category, paged as the user scrolls.
import type { WishCard, WishCategory } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'

type LoadStatus = 'loading' | 'ready' | 'error'
type Card = Pick<WishCard, 'id' | 'title' | 'category' | 'status' | 'residentLabel'> & {
  claimerName: string
}

type Data = {
  status: LoadStatus
  errorMessage: string
  isResident: boolean
  category: WishCategory | ''
  categories: WishCategory[]
  cards: Card[]
  nextCursor: string
  loadingMore: boolean
}

type Custom = {
  load(): Promise<void>
  loadMore(): Promise<void>
  onRetry(): void
  onCategory(e: WechatMiniprogram.TouchEvent<object, object, { category: WishCategory | '' }>): void
  onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void
  onSubmitWish(): void
  onMine(): void
}

const toCard = (c: WishCard): Card => ({
  id: c.id,
  title: c.title,
  category: c.category,
  status: c.status,
  residentLabel: c.residentLabel,
  claimerName: c.claimerName ?? '',
})

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    isResident: false,
    category: '',
    categories: ['物质', '精神', '服务'],
    cards: [],
    nextCursor: '',
    loadingMore: false,
  },

  onShow() {
    this.load()
  },

  async onPullDownRefresh() {
    await this.load()
    wx.stopPullDownRefresh()
  },

  onReachBottom() {
    this.loadMore()
  },

  async load() {
    if (this.data.status !== 'ready') this.setData({ status: 'loading' })
    try {
      const category = this.data.category || undefined
      const [{ me }, page] = await Promise.all([
        api.member.me(),
        api.wish.list({ category, limit: 20 }),
      ])
      this.setData({
        status: 'ready',
        isResident: me.kind === 'resident',
        cards: page.wishes.map(toCard),
        nextCursor: page.nextCursor ?? '',
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  async loadMore() {
    if (!this.data.nextCursor || this.data.loadingMore) return
    this.setData({ loadingMore: true })
    try {
      const page = await api.wish.list({
        category: this.data.category || undefined,
        cursor: this.data.nextCursor,
        limit: 20,
      })
      this.setData({
        cards: [...this.data.cards, ...page.wishes.map(toCard)],
        nextCursor: page.nextCursor ?? '',
      })
    } catch (err) {
      wx.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      this.setData({ loadingMore: false })
    }
  },

  onRetry() {
    this.load()
  },

  onCategory(e) {
    this.setData({ category: e.currentTarget.dataset.category, status: 'loading' })
    this.load()
  },

  onOpen(e) {
    wx.navigateTo({ url: `/pages/wish-detail/index?id=${e.currentTarget.dataset.id}` })
  },

  onSubmitWish() {
    wx.navigateTo({ url: '/pages/wish-submit/index' })
  },

  onMine() {
    wx.navigateTo({ url: '/pages/wish-mine/index' })
  },
})
