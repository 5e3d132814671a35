// 诉求处理: the secretary's (or community admin's) inbox: accept, answer within 7 days, or hand to the community;
// 通过 / 不通过 on photos awaiting their review. With ?review=1 (the 待办's line) it lists only those, at any level.
import type { AppealView } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { firstPage, loadNextPage, pagingHandlers } from '../../utils/paging'
import { type AppealCard, toAppealCard } from '../../utils/appeal-card'
import { type DecisionEvent, mediaReviewHandlers } from '../../utils/media-review'
import { showHandlers } from '../../utils/refresh'

type IdEvent = WechatMiniprogram.TouchEvent<object, object, { id: string }>

type Data = {
  status: 'loading' | 'ready' | 'error' | 'empty'
  /** Only appeals whose photos await the caller's review. */
  review: boolean
  errorMessage: string
  handlerName: string
  overdueCount: number
  items: AppealCard[]
  nextCursor: string | null
  loadingMore: boolean
  busyId: string
  reviewing: boolean
}

type Custom = {
  load(): Promise<void>
  loadMore(): Promise<void>
  onRetry(): void
  onAccept(e: IdEvent): Promise<void>
  onAnswer(e: IdEvent): Promise<void>
  onEscalate(e: IdEvent): Promise<void>
  onReviewMedia(e: DecisionEvent): Promise<void>
  filter(): { awaitingReview?: true }
  ask(title: string, placeholder: string): Promise<string>
  act(id: string, run: () => Promise<{ appeal: AppealView }>, done: string): Promise<void>
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    review: false,
    errorMessage: '',
    handlerName: '',
    overdueCount: 0,
    items: [],
    nextCursor: null,
    loadingMore: false,
    busyId: '',
    reviewing: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ review: query.review === '1' })
  },

  ...showHandlers,

  ...pagingHandlers,
  ...mediaReviewHandlers,

  filter() {
    return this.data.review ? { awaitingReview: true } : {}
  },

  async load() {
    try {
      const page = await api.interact.appealInbox(this.filter())
      this.setData({
        status: page.items.length ? 'ready' : 'empty',
        errorMessage: this.data.review ? '没有等待审核图片的诉求' : '暂时没有诉求',
        handlerName: page.handlerName,
        overdueCount: page.overdueCount,
        ...firstPage('items', page, toAppealCard),
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  loadMore() {
    return loadNextPage(
      this,
      'items',
      (cursor) => api.interact.appealInbox({ cursor, ...this.filter() }),
      toAppealCard,
    )
  },

  async ask(title, placeholder) {
    const answer = await wx.showModal({ title, editable: true, placeholderText: placeholder })
    return answer.confirm ? (answer.content ?? '').trim() : ''
  },

  async act(id, run, done) {
    if (this.data.busyId) return
    this.setData({ busyId: id })
    try {
      const { appeal } = await run()
      const index = this.data.items.findIndex((a) => a.id === id)
      this.setData({ [`items[${index}]`]: toAppealCard(appeal) })
      wx.showToast({ title: done, icon: 'success' })
    } catch (err) {
      wx.showModal({ title: '操作未完成', content: errorMessage(err), showCancel: false })
    } finally {
      this.setData({ busyId: '' })
    }
  },

  onAccept(e) {
    const { id } = e.currentTarget.dataset
    return this.act(id, () => api.interact.acceptAppeal({ appealId: id }), '已受理')
  },

  async onAnswer(e) {
    const { id } = e.currentTarget.dataset
    const answer = await this.ask('答复诉求', '写下处理结果，提出人会收到通知')
    if (answer)
      await this.act(id, () => api.interact.answerAppeal({ appealId: id, answer }), '已答复')
  },

  async onEscalate(e) {
    const { id } = e.currentTarget.dataset
    const note = await this.ask('转交社区综合党委', '说明需要社区协调的原因')
    if (note)
      await this.act(id, () => api.interact.escalateAppeal({ appealId: id, note }), '已转交')
  },
})
