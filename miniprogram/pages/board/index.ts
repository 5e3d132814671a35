// 留言板: members write a few lines (the seeds' "每天上班前在留言板写上几句最近心得"); the secretary or 信息员
// replies, and sees which 留言 have waited more than three days. With ?branchId= the community and district
// admins who oversee that branch read its board.
import type { MessageView } from '../../../typings/index'
import { api } from '../../services/api'
import { type PagingData, firstPage, loadNextPage, paged } from '../../behaviors/paging'
import { type DraftData, drafted, sendDraft } from '../../behaviors/draft'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import { branchScoped } from '../../behaviors/scoped'
import type { ElderData } from '../../behaviors/elder'
import { formatWhen } from '../../utils/date'
import { type IdTap, definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto, runAction } from '../../utils/page'

type Message = MessageView & { timeText: string }

export type Data = ElderData &
  LoadData &
  PagingData &
  DraftData & {
    /** Another branch's board, read by an admin who oversees it ('' for the caller's own). */
    branchId: string
    branchName: string
    items: Message[]
    canPost: boolean
    canReply: boolean
    overdueCount: number
    unansweredOnly: boolean
  }

const toMessage = (m: MessageView): Message => ({ ...m, timeText: formatWhen(m.createdAt) })

definePage<Data>()({
  behaviors: [loaded, shown, paged, drafted, branchScoped],
  data: {
    branchId: '',
    branchName: '',
    items: [],
    canPost: false,
    canReply: false,
    overdueCount: 0,
    unansweredOnly: false,
  },

  methods: {
    /** Which board: the caller's own, or the branch the page was opened for. */
    board(): { unansweredOnly: boolean; branchId?: string } {
      return { unansweredOnly: this.data.unansweredOnly, ...this.branchScope() }
    },

    load(): Promise<void> {
      return loadInto(
        this,
        () => api.interact.listMessages(this.board()),
        (page) => ({
          branchName: page.branchName,
          ...firstPage('items', page, toMessage),
          canPost: page.canPost,
          canReply: page.canReply,
          overdueCount: page.overdueCount ?? 0,
        }),
        { failed: (err) => finalRefusal(err, `留言板是各支部党员交流的地方。${OFFICERS_GO}`) },
      )
    },

    loadMore(): Promise<void> {
      return loadNextPage(
        this,
        'items',
        (cursor) => api.interact.listMessages({ cursor, ...this.board() }),
        toMessage,
      )
    },

    onSend(): Promise<void> {
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

    async onReply(e: IdTap): Promise<void> {
      const answer = await wx.showModal({
        title: '回复留言',
        editable: true,
        placeholderText: '写下回复，留言的党员会看到',
        confirmText: '回复',
      })
      const text = (answer.content ?? '').trim()
      if (!answer.confirm || !text) return
      await runAction(this, {
        work: () => api.interact.replyMessage({ messageId: e.currentTarget.dataset.id, text }),
        done: '已回复',
        after: () => this.load(),
      })
    },

    async onDelete(e: IdTap): Promise<void> {
      const answer = await wx.showModal({ title: '删除这条留言？', content: '删除后不能恢复' })
      if (!answer.confirm) return
      await runAction(this, {
        work: () => api.interact.deleteMessage({ messageId: e.currentTarget.dataset.id }),
        after: () => this.load(),
      })
    },
  },
})
