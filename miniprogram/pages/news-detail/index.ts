// 动态详情: the news item, its comments (one level of replies, newest threads first) and a reply box; for a
// reviewer, images WeChat's check was unsure of with 通过 / 不通过.
import type { CommentView, NewsDetail } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { firstPage, loadNextPage, pagingHandlers } from '../../utils/paging'
import { formatTime, newDraftId, visibilityLabels } from '../../utils/interact'
import { draftHandlers, sendDraft, showFailure } from '../../utils/compose'
import { type DecisionEvent, decidedSince, mediaReviewHandlers } from '../../utils/media-review'
import { showHandlers } from '../../utils/refresh'

type LoadStatus = 'loading' | 'ready' | 'error' | 'empty'
type Comment = CommentView & { timeText: string; replies: Comment[] }
type IdEvent = WechatMiniprogram.TouchEvent<object, object, { id: string; name?: string }>

type Data = {
  status: LoadStatus
  errorMessage: string
  newsId: string
  news: (NewsDetail & { timeText: string; visibilityText: string }) | null
  comments: Comment[]
  nextCursor: string | null
  loadingMore: boolean
  draft: string
  draftId: string
  replyTo: string
  replyToName: string
  sending: boolean
  reviewing: boolean
}

type Custom = {
  load(): Promise<void>
  loadMore(): Promise<void>
  onRetry(): void
  onInput(e: WechatMiniprogram.Input): void
  onReply(e: IdEvent): void
  onCancelReply(): void
  onSend(): Promise<void>
  onDeleteComment(e: IdEvent): Promise<void>
  onEdit(): void
  onDeleteNews(): Promise<void>
  onReviewMedia(e: DecisionEvent): Promise<void>
}

const toComment = (c: CommentView): Comment => ({
  ...c,
  timeText: formatTime(c.createdAt),
  replies: c.replies.map(toComment),
})

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    newsId: '',
    news: null,
    comments: [],
    nextCursor: null,
    loadingMore: false,
    draft: '',
    draftId: newDraftId(),
    replyTo: '',
    replyToName: '',
    sending: false,
    reviewing: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ newsId: query.id ?? '' })
  },

  ...showHandlers,

  ...pagingHandlers,
  ...draftHandlers,
  ...mediaReviewHandlers,

  async load() {
    const newsId = this.data.newsId
    if (!newsId) {
      this.setData({ status: 'error', errorMessage: '该动态不存在' })
      return
    }
    try {
      const [{ news }, page] = await Promise.all([
        api.interact.newsDetail({ newsId }),
        api.interact.listComments({ newsId }),
      ])
      this.setData({
        status: 'ready',
        news: {
          ...news,
          timeText: formatTime(news.createdAt),
          visibilityText: visibilityLabels[news.visibility],
        },
        ...firstPage('comments', page, toComment),
      })
    } catch (err) {
      this.setData(
        decidedSince(err, !!this.data.news?.awaitingReview)
          ? { status: 'empty', errorMessage: '图片已审核完毕，这条动态不在您的阅读范围内' }
          : { status: 'error', errorMessage: errorMessage(err) },
      )
    }
  },

  loadMore() {
    const { newsId } = this.data
    return loadNextPage(
      this,
      'comments',
      (cursor) => api.interact.listComments({ newsId, cursor }),
      toComment,
    )
  },

  onReply(e) {
    const { id, name } = e.currentTarget.dataset
    this.setData({ replyTo: id, replyToName: name ?? '' })
  },

  onCancelReply() {
    this.setData({ replyTo: '', replyToName: '' })
  },

  onSend() {
    const { replyTo, newsId } = this.data
    return sendDraft(this, {
      blankHint: '请填写评论',
      sentText: '已发表',
      post: (draftId, text) =>
        api.interact.comment({ draftId, newsId, text, ...(replyTo ? { replyTo } : {}) }),
      clear: { replyTo: '', replyToName: '' },
    })
  },

  async onDeleteComment(e) {
    const answer = await wx.showModal({ title: '删除这条评论？', content: '回复会一并删除' })
    if (!answer.confirm) return
    try {
      await api.interact.deleteComment({ commentId: e.currentTarget.dataset.id })
      await this.load()
    } catch (err) {
      showFailure(err)
    }
  },

  onEdit() {
    wx.navigateTo({ url: `/pages/news-editor/index?id=${this.data.newsId}` })
  },

  async onDeleteNews() {
    const answer = await wx.showModal({
      title: '删除这条动态？',
      content: '删除后支部成员将看不到它',
    })
    if (!answer.confirm) return
    try {
      await api.interact.deleteNews({ newsId: this.data.newsId })
      wx.showToast({ title: '已删除', icon: 'success' })
      wx.navigateBack()
    } catch (err) {
      showFailure(err)
    }
  },
})
