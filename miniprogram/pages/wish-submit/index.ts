// 提交微心愿, built for an elderly resident: three short fields, the category as three big buttons.
import type { WishCategory } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { pageStyle } from '../../utils/elder'
import { askToNotify } from '../../utils/subscribe'
import type { PhotosChange } from '../../components/photo-picker/index'

type Field = 'title' | 'description' | 'address'
type Data = {
  title: string
  description: string
  address: string
  category: WishCategory | ''
  categories: { value: WishCategory; hint: string }[]
  /** The one optional photo's file id, '' for none. */
  photo: string
  uploading: boolean
  error: string
  submitting: boolean
}

type Custom = {
  onInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field: Field } } }): void
  onCategory(e: WechatMiniprogram.TouchEvent<object, object, { category: WishCategory }>): void
  onPhoto(e: WechatMiniprogram.CustomEvent<PhotosChange>): void
  onSubmit(): Promise<void>
}

Page<Data, Custom>({
  data: {
    title: '',
    description: '',
    address: '',
    category: '',
    categories: [
      { value: '物质', hint: '缺少的东西' },
      { value: '精神', hint: '陪伴、学习' },
      { value: '服务', hint: '上门帮忙' },
    ],
    photo: '',
    uploading: false,
    error: '',
    submitting: false,
  },

  onLoad() {
    this.setData({ pageStyle: pageStyle() })
  },

  onInput(e) {
    const field = e.currentTarget.dataset.field
    this.setData({ [field]: e.detail.value, error: '' } as Pick<Data, Field | 'error'>)
  },

  onCategory(e) {
    this.setData({ category: e.currentTarget.dataset.category, error: '' })
  },

  onPhoto(e) {
    this.setData({ photo: e.detail.ids[0] ?? '', uploading: e.detail.uploading })
  },

  async onSubmit() {
    if (this.data.submitting || this.data.uploading) return
    const { title, description, address, category, photo } = this.data
    // The server checks everything again; these catch the common slips before a round trip.
    if (!category) return this.setData({ error: '请选择心愿类别' })
    if (title.trim().length < 2) return this.setData({ error: '请用几个字写下您的心愿' })
    if (!description.trim()) return this.setData({ error: '请说说具体需要什么' })
    this.setData({ submitting: true, error: '' })
    // The resident hears when a member claims the wish and when it is done.
    await askToNotify(['wishClaimed', 'wishFulfilled'])
    try {
      const { wish } = await api.wish.submit({
        title: title.trim(),
        description: description.trim(),
        category,
        ...(address.trim() ? { address: address.trim() } : {}),
        ...(photo ? { photo } : {}),
      })
      wx.showToast({ title: '已提交，等社区审核', icon: 'success' })
      wx.redirectTo({ url: `/pages/wish-detail/index?id=${wish.id}` })
    } catch (err) {
      this.setData({ error: errorMessage(err) })
    } finally {
      this.setData({ submitting: false })
    }
  },
})
