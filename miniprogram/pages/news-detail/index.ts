// 动态详情: the news item, its comments (one level of replies, newest threads first) and a reply box; for a
// reviewer, images WeChat's check was unsure of with 通过 / 不通过.
import type { CommentView, NewsDetail } from '../../../typings/index'
import { api } from '../../services/api'
import { type PagingData, firstPage, loadNextPage, paged } from '../../behaviors/paging'
import { type DraftData, drafted, sendDraft } from '../../behaviors/draft'
import { type ReviewData, decidedSince, mediaReview } from '../../behaviors/media-review'
import { shown } from '../../behaviors/load'
import { type ByIdData, byId } from '../../behaviors/scoped'
import { type ShareCard, shared } from '../../behaviors/share'
import type { ElderData } from '../../behaviors/elder'
import { formatWhen } from '../../utils/date'
import { definePage } from '../../utils/define'
import { visibilityLabels } from '../../utils/interact'
import { finalRefusal, loadInto, runAction } from '../../utils/page'

type Comment = CommentView & { timeText: string; replies: Comment[] }
type IdEvent = WechatMiniprogram.TouchEvent<object, object, { id: string; name?: string }>

export type Data = ElderData &
  ByIdData &
  PagingData &
  DraftData &
  ReviewData & {
    news: (NewsDetail & { timeText: string; visibilityText: string }) | null
    comments: Comment[]
    replyTo: string
    replyToName: string
  }

const toComment = (c: CommentView): Comment => ({
  ...c,
  timeText: formatWhen(c.createdAt),
  replies: c.replies.map(toComment),
})

definePage<Data>()({
  behaviors: [byId('这条动态', { onShow: true }), shown, paged, drafted, mediaReview, shared],
  data: {
    news: null,
    comments: [],
    replyTo: '',
    replyToName: '',
  },

  methods: {
    async loadItem(newsId: string): Promise<void> {
      await loadInto(
        this,
        () =>
          Promise.all([api.interact.newsDetail({ newsId }), api.interact.listComments({ newsId })]),
        ([{ news }, page]) => ({
          news: {
            ...news,
            timeText: formatWhen(news.createdAt),
            visibilityText: visibilityLabels[news.visibility],
          },
          ...firstPage('comments', page, toComment),
        }),
        {
          failed: (err) =>
            decidedSince(err, !!this.data.news?.awaitingReview)
              ? { status: 'empty', message: '图片已审核完毕，这条动态不在您的阅读范围内' }
              : finalRefusal(err),
        },
      )
      this.offerShare()
    },

    /**
     * 转发 the post into a chat: its title and its link. Posts 仅本支部 / 本社区 are forwarded too, since the
     * branch's WeChat group is where its members read; whoever opens the link is authorised as in the feed.
     * Not while the viewer is deciding images WeChat was unsure of (the card's picture would show them).
     */
    shareCard(): ShareCard | null {
      const { status, news, id } = this.data
      if (status !== 'ready' || !news || news.awaitingReview) return null
      return { title: news.title, path: `/pages/news-detail/index?id=${encodeURIComponent(id)}` }
    },

    loadMore(): Promise<void> {
      return loadNextPage(
        this,
        'comments',
        (cursor) => api.interact.listComments({ newsId: this.data.id, cursor }),
        toComment,
      )
    },

    onReply(e: IdEvent) {
      const { id, name } = e.currentTarget.dataset
      this.setData({ replyTo: id, replyToName: name ?? '' })
    },

    onCancelReply() {
      this.setData({ replyTo: '', replyToName: '' })
    },

    onSend(): Promise<void> {
      const { replyTo, id: newsId } = this.data
      return sendDraft(this, {
        blankHint: '请填写评论',
        sentText: '已发表',
        post: (draftId, text) =>
          api.interact.comment({ draftId, newsId, text, ...(replyTo ? { replyTo } : {}) }),
        clear: { replyTo: '', replyToName: '' },
        // A reply to this comment is sent to its author.
        ask: ['commentReply'],
      })
    },

    async onDeleteComment(e: IdEvent): Promise<void> {
      const answer = await wx.showModal({ title: '删除这条评论？', content: '回复会一并删除' })
      if (!answer.confirm) return
      await runAction(this, {
        work: () => api.interact.deleteComment({ commentId: e.currentTarget.dataset.id }),
        after: () => this.load(),
      })
    },

    onEdit() {
      wx.navigateTo({ url: `/branch/news-editor/index?id=${this.data.id}` })
    },

    async onDeleteNews(): Promise<void> {
      const answer = await wx.showModal({
        title: '删除这条动态？',
        content: '删除后支部成员将看不到它',
      })
      if (!answer.confirm) return
      await runAction(this, {
        work: () => api.interact.deleteNews({ newsId: this.data.id }),
        done: '已删除',
        after: () => void wx.navigateBack(),
      })
    },
  },
})
