// 互动: the news feed (my branch, my community, public, and monthly bulletins) with the entries to the
// 留言板, the 诉求 channel and, for secretaries and 信息员, the news editor.
import type { NewsCard } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { firstPage, loadNextPage, pagingHandlers } from '../../utils/paging'
import { formatTime } from '../../utils/interact'
import { showHandlers } from '../../utils/refresh'
import { photoSrc } from '../../utils/upload'

type LoadStatus = 'loading' | 'ready' | 'error' | 'empty'
type Card = Omit<NewsCard, 'cover'> & { coverSrc: string; timeText: string }

type Data = {
  status: LoadStatus
  errorMessage: string
  items: Card[]
  nextCursor: string | null
  loadingMore: boolean
  isMember: boolean
  canPost: boolean
  canHandleAppeals: boolean
}

type Custom = {
  load(): Promise<void>
  loadMore(): Promise<void>
  onRetry(): void
  onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void
  onGo(e: WechatMiniprogram.TouchEvent<object, object, { url: string }>): void
}

// The card is one tap target (it opens the detail), so the cover is a plain image, not a previewing picker.
const toCard = ({ cover, ...n }: NewsCard): Card => ({
  ...n,
  coverSrc: cover ? photoSrc(cover) : '',
  timeText: formatTime(n.createdAt),
})

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    items: [],
    nextCursor: null,
    loadingMore: false,
    isMember: false,
    canPost: false,
    canHandleAppeals: false,
  },

  ...showHandlers,

  ...pagingHandlers,

  async load() {
    if (this.data.status !== 'ready') this.setData({ status: 'loading' })
    try {
      const [{ me }, page] = await Promise.all([api.member.me(), api.interact.listNews()])
      const roles = me.kind === 'member' || me.kind === 'admin' ? me.roles : []
      this.setData({
        status: page.items.length ? 'ready' : 'empty',
        errorMessage: page.items.length ? '' : '还没有动态，支部书记和信息员发布后会显示在这里',
        ...firstPage('items', page, toCard),
        isMember: me.kind === 'member' && me.status === 'active',
        canPost: roles.includes('secretary') || roles.includes('infoOfficer'),
        canHandleAppeals: roles.includes('secretary') || roles.includes('communityAdmin'),
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  loadMore() {
    return loadNextPage(this, 'items', (cursor) => api.interact.listNews({ cursor }), toCard)
  },

  onOpen(e) {
    wx.navigateTo({ url: `/pages/news-detail/index?id=${e.currentTarget.dataset.id}` })
  },

  onGo(e) {
    wx.navigateTo({ url: e.currentTarget.dataset.url })
  },
})
