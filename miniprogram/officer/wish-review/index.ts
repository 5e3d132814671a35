// 微心愿审核: the community's wishes waiting for review, newest first, each with the first lines of what the
// resident wrote and its photo once that passed review. 通过 publishes one here; 不通过 asks for the reason the
// resident will read; 查看 opens the whole wish.
import type { WishCard } from '../../../typings/index'
import { api } from '../../services/api'
import { type Paged, type PagingData, firstPage, loadNextPage, paged } from '../../behaviors/paging'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatWhen } from '../../utils/date'
import { type IdTap, definePage } from '../../utils/define'
import { loadInto, runAction } from '../../utils/page'
import { photoSrc } from '../../utils/upload'
import { NOT_FOR_YOU, forCommunityAdmin } from '../community/admin-only'

type Card = Pick<WishCard, 'id' | 'title' | 'category' | 'residentLabel' | 'description'> & {
  timeText: string
  /** What `<image>` shows for a photo that passed review; '' for none. */
  thumbSrc: string
}

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
  description: w.description,
  timeText: formatWhen(w.createdAt),
  thumbSrc: w.thumb ? photoSrc(w.thumb) : '',
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
      return this.decide(
        wishId,
        () => api.wish.review({ wishId, decision: 'publish' }),
        '已发布到心愿墙',
      )
    },

    /** Turns the wish down with the reason the resident will read, asked for in a dialog. */
    async onReject(e: IdTap): Promise<boolean> {
      const wishId = e.currentTarget.dataset.id
      const answer = await wx.showModal({
        title: '不通过的原因',
        editable: true,
        placeholderText: '居民会看到这个原因',
        confirmText: '不通过',
      })
      const reason = (answer.content ?? '').trim()
      if (!answer.confirm) return false
      return this.decide(
        wishId,
        () => api.wish.review({ wishId, decision: 'reject', reason }),
        '已告知居民',
      )
    },

    /** Sends one decision; the decided card leaves the queue. */
    decide(wishId: string, work: () => Promise<unknown>, done: string): Promise<boolean> {
      return runAction(this, {
        busyKey: 'busyId',
        busyId: wishId,
        work,
        done,
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
