// 我的诉求: each request with its status and timeline; an answered one can be rated, which closes it.
import type { AppealView } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { firstPage, loadNextPage, pagingHandlers } from '../../utils/paging'
import { type AppealCard, toAppealCard } from '../../utils/appeal-card'
import { showHandlers } from '../../utils/refresh'

type Data = {
  status: 'loading' | 'ready' | 'error' | 'empty'
  errorMessage: string
  items: AppealCard[]
  nextCursor: string | null
  loadingMore: boolean
  stars: number[]
}

type Custom = {
  load(): Promise<void>
  loadMore(): Promise<void>
  onRetry(): void
  onNew(): void
  onRate(
    e: WechatMiniprogram.TouchEvent<object, object, { id: string; rating: number }>,
  ): Promise<void>
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    items: [],
    nextCursor: null,
    loadingMore: false,
    stars: [1, 2, 3, 4, 5],
  },

  ...showHandlers,

  ...pagingHandlers,

  async load() {
    try {
      const page = await api.interact.myAppeals()
      this.setData({
        status: page.items.length ? 'ready' : 'empty',
        errorMessage: '还没有提交过诉求',
        ...firstPage('items', page, toAppealCard),
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  loadMore() {
    return loadNextPage(this, 'items', (cursor) => api.interact.myAppeals({ cursor }), toAppealCard)
  },

  onNew() {
    wx.navigateTo({ url: '/pages/appeal-new/index' })
  },

  async onRate(e) {
    const { id, rating } = e.currentTarget.dataset
    try {
      const { appeal } = await api.interact.rateAppeal({ appealId: id, rating: Number(rating) })
      const index = this.data.items.findIndex((a: AppealView) => a.id === id)
      this.setData({ [`items[${index}]`]: toAppealCard(appeal) })
      wx.showToast({ title: '感谢评价', icon: 'success' })
    } catch (err) {
      wx.showModal({ title: '操作未完成', content: errorMessage(err), showCancel: false })
    }
  },
})
