// 互动: the news feed (my branch, my community, public, and monthly bulletins) with the entries to the
// 留言板, the 诉求 channel and, for secretaries and 信息员, the news editor.
import type { NewsCard } from '../../../typings/index'
import { api } from '../../services/api'
import { type PagingData, firstPage, loadNextPage, paged } from '../../behaviors/paging'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatWhen } from '../../utils/date'
import { type IdTap, definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'
import { photoSrc } from '../../utils/upload'

type Card = Omit<NewsCard, 'cover'> & { coverSrc: string; timeText: string }

export type Data = ElderData &
  LoadData &
  PagingData & {
    items: Card[]
    isMember: boolean
    canPost: boolean
    canHandleAppeals: boolean
  }

// The card is one tap target (it opens the detail), so the cover is a plain image, not a previewing picker.
const toCard = ({ cover, ...n }: NewsCard): Card => ({
  ...n,
  coverSrc: cover ? photoSrc(cover) : '',
  timeText: formatWhen(n.createdAt),
})

definePage<Data>()({
  behaviors: [loaded, shown, paged],
  data: {
    items: [],
    isMember: false,
    canPost: false,
    canHandleAppeals: false,
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => Promise.all([api.member.me(), api.interact.listNews()]),
        ([{ me }, page]) => {
          const roles = me.kind === 'member' || me.kind === 'admin' ? me.roles : []
          return {
            status: page.items.length ? 'ready' : 'empty',
            message: page.items.length ? '' : '还没有动态，支部书记和信息员发布后会显示在这里',
            ...firstPage('items', page, toCard),
            isMember: me.kind === 'member' && me.status === 'active',
            canPost: roles.includes('secretary') || roles.includes('infoOfficer'),
            canHandleAppeals: roles.includes('secretary') || roles.includes('communityAdmin'),
          }
        },
      )
    },

    loadMore(): Promise<void> {
      return loadNextPage(this, 'items', (cursor) => api.interact.listNews({ cursor }), toCard)
    },

    onOpen(e: IdTap) {
      wx.navigateTo({ url: `/pages/news-detail/index?id=${e.currentTarget.dataset.id}` })
    },

    onGo(e: WechatMiniprogram.TouchEvent<object, object, { url: string }>) {
      wx.navigateTo({ url: e.currentTarget.dataset.url })
    },
  },
})
