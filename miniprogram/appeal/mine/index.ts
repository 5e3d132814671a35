// 我的诉求: each request with its status and timeline (in plain words to the one who raised it: 您提交了诉求); an
// answered one can be rated, which closes it.
import type { AppealEvent, AppealView } from '../../../typings/index'
import { api } from '../../services/api'
import { type PagingData, firstPage, loadNextPage, paged } from '../../behaviors/paging'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { type AppealCard, toAppealCard } from '../../utils/appeal-card'
import { definePage } from '../../utils/define'
import { loadInto, runAction, setRow } from '../../utils/page'

/** Each step as the one who raised the appeal reads it. */
const LINES: Record<AppealEvent['action'], (e: AppealEvent) => string> = {
  submit: () => '您提交了诉求',
  accept: (e) => `${e.byName}已受理`,
  answer: (e) => `${e.byName}已答复`,
  escalate: () => '已转交社区综合党委处理',
  rate: () => '您评价了答复',
}

const toMine = (a: AppealView): AppealCard => {
  const card = toAppealCard(a)
  return {
    ...card,
    events: card.events.map((e, i) => ({ ...e, text: LINES[a.timeline[i].action](a.timeline[i]) })),
  }
}

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
          message: '您还没有提交过诉求。遇到困难或有需求，可以点上面的“提交新的诉求”。',
          ...firstPage('items', page, toMine),
        }),
      )
    },

    loadMore(): Promise<void> {
      return loadNextPage(this, 'items', (cursor) => api.interact.myAppeals({ cursor }), toMine)
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
          setRow(this, 'items', index, toMine(appeal))
        },
      })
    },
  },
})
