// 我的诉求: each request with its status and timeline; an answered one can be rated, which closes it.
import { api } from '../../services/api'
import { type PagingData, firstPage, loadNextPage, paged } from '../../behaviors/paging'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { type AppealCard, toAppealCard } from '../../utils/appeal-card'
import { definePage } from '../../utils/define'
import { loadInto, runAction, setRow } from '../../utils/page'

type RateEvent = WechatMiniprogram.TouchEvent<object, object, { id: string; rating: number }>

export type Data = ElderData &
  LoadData &
  PagingData & {
    items: AppealCard[]
    stars: number[]
  }

definePage<Data>()({
  behaviors: [loaded, shown, paged],
  data: {
    items: [],
    stars: [1, 2, 3, 4, 5],
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.interact.myAppeals(),
        (page) => ({
          status: page.items.length ? 'ready' : 'empty',
          message: '还没有提交过诉求',
          ...firstPage('items', page, toAppealCard),
        }),
      )
    },

    loadMore(): Promise<void> {
      return loadNextPage(
        this,
        'items',
        (cursor) => api.interact.myAppeals({ cursor }),
        toAppealCard,
      )
    },

    onNew() {
      wx.navigateTo({ url: '/appeal/new/index' })
    },

    onRate(e: RateEvent): Promise<boolean> {
      const { id, rating } = e.currentTarget.dataset
      return runAction(this, {
        work: () => api.interact.rateAppeal({ appealId: id, rating: Number(rating) }),
        done: '感谢评价',
        after: ({ appeal }) => {
          const index = this.data.items.findIndex((a) => a.id === id)
          setRow(this, 'items', index, toAppealCard(appeal))
        },
      })
    },
  },
})
