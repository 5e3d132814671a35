// 提交诉求: members and residents raise a need with the party organisation (the seeds' 需求通道 and 六个便利).
import type { AppealCategory } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { newDraftId } from '../../utils/interact'
import { pageStyle } from '../../utils/elder'
import { askToNotify } from '../../utils/subscribe'
import type { PhotosChange } from '../../components/photo-picker/index'

type Data = {
  categories: AppealCategory[]
  category: AppealCategory | ''
  text: string
  images: string[]
  uploading: boolean
  draftId: string
  saving: boolean
}

type Custom = {
  onCategory(e: WechatMiniprogram.TouchEvent<object, object, { value: AppealCategory }>): void
  onText(e: WechatMiniprogram.Input): void
  onPhotos(e: WechatMiniprogram.CustomEvent<PhotosChange>): void
  onSubmit(): Promise<void>
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

Page<Data, Custom>({
  data: {
    categories,
    category: '',
    text: '',
    images: [],
    uploading: false,
    draftId: newDraftId(),
    saving: false,
  },

  onLoad() {
    this.setData({ pageStyle: pageStyle() })
  },

  onCategory(e) {
    this.setData({ category: e.currentTarget.dataset.value })
  },

  onText(e) {
    this.setData({ text: e.detail.value })
  },

  onPhotos(e) {
    this.setData({ images: e.detail.ids, uploading: e.detail.uploading })
  },

  async onSubmit() {
    const { category, text, images, draftId, saving, uploading } = this.data
    if (saving || uploading) return
    if (!category) {
      wx.showToast({ title: '请选择诉求类别', icon: 'none' })
      return
    }
    this.setData({ saving: true })
    // Each step the handler takes (受理, 答复 …) is sent to the requester.
    await askToNotify(['appealUpdate'])
    try {
      await api.interact.submitAppeal({ draftId, category, text, images })
      wx.showToast({ title: '已提交', icon: 'success' })
      wx.redirectTo({ url: '/pages/my-appeals/index' })
    } catch (err) {
      wx.showModal({ title: '未能提交', content: errorMessage(err), showCancel: false })
    } finally {
      this.setData({ saving: false })
    }
  },
})
