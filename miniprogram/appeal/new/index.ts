// 提交诉求: members and residents raise a need with the party organisation (the seeds' 需求通道 and 六个便利).
import type { AppealCategory } from '../../../typings/index'
import { api } from '../../services/api'
import { type DraftIdData, freshDraft } from '../../behaviors/draft'
import { type ElderData, elder } from '../../behaviors/elder'
import type { PhotosChange } from '../../components/photo-picker/index'
import { definePage } from '../../utils/define'
import { runAction, showFailure } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'

export type Data = ElderData &
  DraftIdData & {
    categories: AppealCategory[]
    category: AppealCategory | ''
    text: string
    images: string[]
    uploading: boolean
    saving: boolean
  }

// The contract's APPEAL_CATEGORIES is a value and cannot ship in the package; the type keeps this list honest.
const categories: AppealCategory[] = [
  '融资',
  '午餐',
  '学习培训',
  '法律维权',
  '卫生保健',
  '沟通交流',
  '其他',
]

definePage<Data>()({
  behaviors: [elder, freshDraft],
  data: {
    categories,
    category: '',
    text: '',
    images: [],
    uploading: false,
    saving: false,
  },

  methods: {
    onCategory(e: WechatMiniprogram.TouchEvent<object, object, { value: AppealCategory }>) {
      this.setData({ category: e.currentTarget.dataset.value })
    },

    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value })
    },

    onPhotos(e: WechatMiniprogram.CustomEvent<PhotosChange>) {
      this.setData({ images: e.detail.ids, uploading: e.detail.uploading })
    },

    async onSubmit(): Promise<void> {
      const { category, text, images, draftId, saving, uploading } = this.data
      if (saving || uploading) return
      if (!category) {
        wx.showToast({ title: '请选择诉求类别', icon: 'none' })
        return
      }
      await runAction(this, {
        busyKey: 'saving',
        work: async () => {
          // Each step the handler takes (受理, 答复 …) is sent to the requester.
          await askToNotify(['appealUpdate'])
          return api.interact.submitAppeal({ draftId, category, text, images })
        },
        done: '已提交',
        after: () => void wx.redirectTo({ url: '/appeal/mine/index' }),
        failed: (err) => void showFailure(err, '未能提交'),
      })
    },
  },
})
