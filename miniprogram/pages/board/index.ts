// 留言板: members write a few lines (the seeds' "每天上班前在留言板写上几句最近心得"); the secretary or 信息员
// replies, and sees which 留言 have waited more than three days.
import type { MessageView } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { firstPage, loadNextPage, pagingHandlers } from '../../utils/paging'
import { formatTime, newDraftId } from '../../utils/interact'
import { draftHandlers, sendDraft, showFailure } from '../../utils/compose'
import { showHandlers } from '../../utils/refresh'

type Message = MessageView & { timeText: string }
type IdEvent = WechatMiniprogram.TouchEvent<object, object, { id: string }>

type Data = {
  status: 'loading' | 'ready' | 'error'
  errorMessage: string
  branchName: string
  items: Message[]
  nextCursor: string | null
  loadingMore: boolean
  canReply: boolean
  overdueCount: number
  unansweredOnly: boolean
  draft: string
  draftId: string
  sending: boolean
}

type Custom = {
  load(): Promise<void>
  loadMore(): Promise<void>
  onRetry(): void
  onInput(e: WechatMiniprogram.Input): void
  onSend(): Promise<void>
  onToggleUnanswered(): void
  onReply(e: IdEvent): Promise<void>
  onDelete(e: IdEvent): Promise<void>
}

const toMessage = (m: MessageView): Message => ({ ...m, timeText: formatTime(m.createdAt) })

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    branchName: '',
    items: [],
    nextCursor: null,
    loadingMore: false,
    canReply: false,
    overdueCount: 0,
    unansweredOnly: false,
    draft: '',
    draftId: newDraftId(),
    sending: false,
  },

  ...showHandlers,

  ...pagingHandlers,
  ...draftHandlers,

  async load() {
    try {
      const page = await api.interact.listMessages({ unansweredOnly: this.data.unansweredOnly })
      this.setData({
        status: 'ready',
        branchName: page.branchName,
        ...firstPage('items', page, toMessage),
        canReply: page.canReply,
        overdueCount: page.overdueCount ?? 0,
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  loadMore() {
    const { unansweredOnly } = this.data
    return loadNextPage(
      this,
      'items',
      (cursor) => api.interact.listMessages({ cursor, unansweredOnly }),
      toMessage,
    )
  },

  onSend() {
    return sendDraft(this, {
      blankHint: '请填写留言',
      sentText: '已留言',
      post: (draftId, text) => api.interact.postMessage({ draftId, text }),
    })
  },

  onToggleUnanswered() {
    this.setData({ unansweredOnly: !this.data.unansweredOnly, status: 'loading' })
    this.load()
  },

  async onReply(e) {
    const answer = await wx.showModal({
      title: '回复留言',
      editable: true,
      placeholderText: '写下回复，留言的党员会看到',
      confirmText: '回复',
    })
    const text = (answer.content ?? '').trim()
    if (!answer.confirm || !text) return
    try {
      await api.interact.replyMessage({ messageId: e.currentTarget.dataset.id, text })
      wx.showToast({ title: '已回复', icon: 'success' })
      await this.load()
    } catch (err) {
      showFailure(err)
    }
  },

  async onDelete(e) {
    const answer = await wx.showModal({ title: '删除这条留言？', content: '删除后不能恢复' })
    if (!answer.confirm) return
    try {
      await api.interact.deleteMessage({ messageId: e.currentTarget.dataset.id })
      await this.load()
    } catch (err) {
      showFailure(err)
    }
  },
})
