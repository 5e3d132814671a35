// 微心愿审核: the community's wishes waiting for review, newest first. 通过 publishes one here; 查看 opens the
// wish (its photo, the resident's contact, and 不通过 with a reason) on the wish page.
import type { WishCard } from '../../../typings/index'
import { api } from '../../services/api'
import { type Paged, type PagingData, firstPage, loadNextPage, paged } from '../../behaviors/paging'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatWhen } from '../../utils/date'
import { type IdTap, definePage } from '../../utils/define'
import { loadInto, runAction } from '../../utils/page'
import { NOT_FOR_YOU, forCommunityAdmin } from '../community/admin-only'

type Card = Pick<WishCard, 'id' | 'title' | 'category' | 'residentLabel'> & { timeText: string }

export type Data = ElderData &
  LoadData &
  PagingData & {
    cards: Card[]
    busyId: string
  }

const toCard = (w: WishCard): Card => ({
  id: w.id,
  title: w.title,
  category: w.category,
  residentLabel: w.residentLabel,
  timeText: formatWhen(w.createdAt),
})

const waiting = (cursor?: string): Promise<Paged<WishCard>> =>
  api.wish
    .list({ status: '待审核', cursor, limit: 20 })
    .then((page) => ({ items: page.wishes, nextCursor: page.nextCursor }))

definePage<Data>()({
  behaviors: [loaded, shown, paged],
  data: { cards: [], busyId: '' },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => forCommunityAdmin(() => waiting()),
        (page) => {
          if (!page) return NOT_FOR_YOU
          return {
            status: page.items.length ? 'ready' : 'empty',
            message: '没有等待审核的微心愿',
            ...firstPage('cards', page, toCard),
          }
        },
      )
    },

    loadMore(): Promise<void> {
      return loadNextPage(this, 'cards', waiting, toCard)
    },

    onOpen(e: IdTap) {
      wx.navigateTo({ url: `/wish/detail/index?id=${e.currentTarget.dataset.id}` })
    },

    /** Publishes the wish; its card leaves the queue. */
    onPublish(e: IdTap): Promise<boolean> {
      const wishId = e.currentTarget.dataset.id
      return runAction(this, {
        busyKey: 'busyId',
        busyId: wishId,
        work: () => api.wish.review({ wishId, decision: 'publish' }),
        done: '已发布到心愿墙',
        after: () => {
          const cards = this.data.cards.filter((c) => c.id !== wishId)
          this.setData(
            cards.length ? { cards } : { cards, status: 'empty', message: '没有等待审核的微心愿' },
          )
        },
      })
    },
  },
})
