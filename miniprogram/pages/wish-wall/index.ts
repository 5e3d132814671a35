// 微心愿墙: the community's published wishes, filtered by category, paged as the user scrolls.
import type { WishCard, WishCategory } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { type Paged, firstPage, loadNextPage, pagingHandlers } from '../../utils/paging'
import { showHandlers } from '../../utils/refresh'

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
  nextCursor: string | null
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

/** The wall in one category, 20 cards a page. */
const wallPage = (category: WishCategory | '', cursor?: string): Promise<Paged<WishCard>> =>
  api.wish
    .list({ category: category || undefined, cursor, limit: 20 })
    .then((page) => ({ items: page.wishes, nextCursor: page.nextCursor }))

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    isResident: false,
    category: '',
    categories: ['物质', '精神', '服务'],
    cards: [],
    nextCursor: null,
    loadingMore: false,
  },

  ...showHandlers,

  ...pagingHandlers,

  async load() {
    if (this.data.status !== 'ready') this.setData({ status: 'loading' })
    try {
      const [{ me }, page] = await Promise.all([api.member.me(), wallPage(this.data.category)])
      this.setData({
        status: 'ready',
        isResident: me.kind === 'resident',
        ...firstPage('cards', page, toCard),
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  loadMore() {
    const { category } = this.data
    return loadNextPage(this, 'cards', (cursor) => wallPage(category, cursor), toCard)
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
