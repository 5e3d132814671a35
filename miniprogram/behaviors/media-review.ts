// 通过 / 不通过 on images WeChat's check was unsure of (templates/media-review.wxml), for every kind of item:
// 不通过 asks first since it hides them for good; after a decision the page reloads. The decision names the
// images the page showed, so it never lands on others the uploader put in their place since.
import type { MediaItemKind } from '../../typings/index'
import { type ApiError, api } from '../services/api'
import { defineBehavior } from '../utils/define'
import { runAction } from '../utils/page'

export type DecisionEvent = WechatMiniprogram.TouchEvent<
  object,
  object,
  { kind: MediaItemKind; id: string; images: string[]; decision: 'pass' | 'risky' }
>

export type ReviewData = { reviewing: boolean }

export const mediaReview = defineBehavior<ReviewData, { load(): Promise<unknown> }>()({
  data: { reviewing: false },
  methods: {
    async onReviewMedia(e: DecisionEvent) {
      const { kind, id, images, decision } = e.currentTarget.dataset
      if (this.data.reviewing) return
      if (decision === 'risky') {
        const answer = await wx.showModal({
          title: '判定图片不通过？',
          content: '不通过后这些图片将不再向任何人显示，且不能撤回',
        })
        if (!answer.confirm) return
      }
      await runAction(this, {
        busyKey: 'reviewing',
        work: () => api.interact.reviewMedia({ kind, id, images, decision }),
        done: decision === 'pass' ? '已通过' : '已判定不通过',
        after: () => this.load(),
      })
    },
  },
})

/**
 * A reload that failed because the images it awaited a decision on were decided: a reviewer from outside the
 * item's readers may open it only until then (NOT_FOUND after their own 通过 / 不通过, or someone else's).
 */
export const decidedSince = (err: unknown, awaitedReview: boolean) =>
  awaitedReview && (err as ApiError).code === 'NOT_FOUND'
