// 诉求处理: the secretary's (or community admin's) inbox: accept, answer within 7 days, or hand to the community;
// 通过 / 不通过 on photos awaiting their review. With ?review=1 (the 待办's line) it lists only those, at any level.
import type { AppealView } from '../../../typings/index'
import { api } from '../../services/api'
import { type PagingData, firstPage, loadNextPage, paged } from '../../behaviors/paging'
import { type ReviewData, mediaReview } from '../../behaviors/media-review'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { type AppealCard, toAppealCard } from '../../utils/appeal-card'
import { type IdTap, definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto, runAction, setRow } from '../../utils/page'

export type Data = ElderData &
  LoadData &
  PagingData &
  ReviewData & {
    /** Only appeals whose photos await the caller's review. */
    review: boolean
    handlerName: string
    overdueCount: number
    items: AppealCard[]
    busyId: string
  }

definePage<Data>()({
  behaviors: [loaded, shown, paged, mediaReview],
  data: {
    review: false,
    handlerName: '',
    overdueCount: 0,
    items: [],
    busyId: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ review: query.review === '1' })
    },

    filter(): { awaitingReview?: true } {
      return this.data.review ? { awaitingReview: true } : {}
    },

    load(): Promise<void> {
      return loadInto(
        this,
        () => api.interact.appealInbox(this.filter()),
        (page) => ({
          status: page.items.length ? 'ready' : 'empty',
          message: this.data.review ? '没有等待审核图片的诉求' : '暂时没有诉求',
          handlerName: page.handlerName,
          overdueCount: page.overdueCount,
          ...firstPage('items', page, toAppealCard),
        }),
        {
          failed: (err) => finalRefusal(err, `诉求由支部书记和社区党委在这里受理。${OFFICERS_GO}`),
        },
      )
    },

    loadMore(): Promise<void> {
      return loadNextPage(
        this,
        'items',
        (cursor) => api.interact.appealInbox({ cursor, ...this.filter() }),
        toAppealCard,
      )
    },

    async ask(title: string, placeholder: string): Promise<string> {
      const answer = await wx.showModal({ title, editable: true, placeholderText: placeholder })
      return answer.confirm ? (answer.content ?? '').trim() : ''
    },

    /** One appeal at a time; the changed appeal replaces its card. */
    act(id: string, work: () => Promise<{ appeal: AppealView }>, done: string): Promise<boolean> {
      return runAction(this, {
        busyKey: 'busyId',
        busyId: id,
        work,
        done,
        after: ({ appeal }) => {
          const index = this.data.items.findIndex((a) => a.id === id)
          setRow(this, 'items', index, toAppealCard(appeal))
        },
      })
    },

    onAccept(e: IdTap): Promise<boolean> {
      const { id } = e.currentTarget.dataset
      return this.act(id, () => api.interact.acceptAppeal({ appealId: id }), '已受理')
    },

    async onAnswer(e: IdTap): Promise<void> {
      const { id } = e.currentTarget.dataset
      const answer = await this.ask('答复诉求', '写下处理结果，提出人会收到通知')
      if (answer)
        await this.act(id, () => api.interact.answerAppeal({ appealId: id, answer }), '已答复')
    },

    async onEscalate(e: IdTap): Promise<void> {
      const { id } = e.currentTarget.dataset
      const note = await this.ask('转交社区综合党委', '说明需要社区协调的原因')
      if (note)
        await this.act(id, () => api.interact.escalateAppeal({ appealId: id, note }), '已转交')
    },
  },
})
