// 通过 / 不通过 on images WeChat's check was unsure of (templates/media-review.wxml), for every kind of item:
// 不通过 asks first since it hides them for good; after a decision the page reloads.
import type { MediaItemKind } from '../../typings/index'
import { api } from '../services/api'
import { showFailure } from './compose'

export type DecisionEvent = WechatMiniprogram.TouchEvent<
  object,
  object,
  { kind: MediaItemKind; id: string; decision: 'pass' | 'risky' }
>

/** The part of a page that a decision reads and writes. */
type Reviewer = {
  data: { reviewing: boolean }
  setData(patch: Record<string, unknown>): void
  load(): Promise<void>
}

/** Spread into the page; `reviewing: false` goes in its data. */
export const mediaReviewHandlers = {
  async onReviewMedia(this: Reviewer, e: DecisionEvent) {
    const { kind, id, decision } = e.currentTarget.dataset
    if (this.data.reviewing) return
    if (decision === 'risky') {
      const answer = await wx.showModal({
        title: '判定图片不通过？',
        content: '不通过后这些图片将不再向任何人显示，且不能撤回',
      })
      if (!answer.confirm) return
    }
    this.setData({ reviewing: true })
    try {
      await api.interact.reviewMedia({ kind, id, decision })
      wx.showToast({ title: decision === 'pass' ? '已通过' : '已判定不通过', icon: 'success' })
      await this.load()
    } catch (err) {
      showFailure(err)
    } finally {
      this.setData({ reviewing: false })
    }
  },
}
