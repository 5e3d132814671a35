// 微心愿墙: the community's published wishes, filtered by category, paged as the user scrolls.
import type { WishCard, WishCategory } from '../../../typings/index'
import { api } from '../../services/api'
import { type Paged, type PagingData, firstPage, loadNextPage, paged } from '../../behaviors/paging'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { type IdTap, definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'

/** statusText and claimerText come worded for the viewer (待您确认, 已有党员认领: the privacy guide). */
type Card = Pick<
  WishCard,
  'id' | 'title' | 'category' | 'status' | 'statusText' | 'claimerText' | 'residentLabel'
>

export type Data = ElderData &
  LoadData &
  PagingData & {
    isResident: boolean
    category: WishCategory | ''
    categories: WishCategory[]
    cards: Card[]
  }

const toCard = (c: WishCard): Card => ({
  id: c.id,
  title: c.title,
  category: c.category,
  status: c.status,
  statusText: c.statusText,
  claimerText: c.claimerText,
  residentLabel: c.residentLabel,
})

/** The wall in one category, 20 cards a page. */
const wallPage = (category: WishCategory | '', cursor?: string): Promise<Paged<WishCard>> =>
  api.wish
    .list({ category: category || undefined, cursor, limit: 20 })
    .then((page) => ({ items: page.wishes, nextCursor: page.nextCursor }))

definePage<Data>()({
  behaviors: [loaded, shown, paged],
  data: {
    isResident: false,
    category: '',
    categories: ['物质', '精神', '服务'],
    cards: [],
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => Promise.all([api.member.me(), wallPage(this.data.category)]),
        ([{ me }, page]) => ({
          isResident: me.kind === 'resident' || (me.kind === 'member' && !!me.resident),
          ...firstPage('cards', page, toCard),
        }),
      )
    },

    loadMore(): Promise<void> {
      const { category } = this.data
      return loadNextPage(this, 'cards', (cursor) => wallPage(category, cursor), toCard)
    },

    onCategory(e: WechatMiniprogram.TouchEvent<object, object, { category: WishCategory | '' }>) {
      this.setData({ category: e.currentTarget.dataset.category, status: 'loading' })
      this.load()
    },

    onOpen(e: IdTap) {
      wx.navigateTo({ url: `/wish/detail/index?id=${e.currentTarget.dataset.id}` })
    },

    onSubmitWish() {
      wx.navigateTo({ url: '/wish/submit/index' })
    },

    onServices() {
      wx.navigateTo({ url: '/community/services/index' })
    },

    onMine() {
      wx.navigateTo({ url: '/wish/mine/index' })
    },
  },
})
