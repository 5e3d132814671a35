// 提交微心愿, built for an elderly resident: three short fields, the category as three big buttons.
import type { WishCategory } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { type ElderData, elder } from '../../behaviors/elder'
import type { PhotosChange } from '../../components/photo-picker/index'
import { definePage } from '../../utils/define'
import { runAction } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'

type Field = 'title' | 'description' | 'address'
export type Data = ElderData & {
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

definePage<Data>()({
  behaviors: [elder],
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

  methods: {
    onInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field: Field } } }) {
      const field = e.currentTarget.dataset.field
      this.setData({ [field]: e.detail.value, error: '' } as Pick<Data, Field | 'error'>)
    },

    onCategory(e: WechatMiniprogram.TouchEvent<object, object, { category: WishCategory }>) {
      this.setData({ category: e.currentTarget.dataset.category, error: '' })
    },

    onPhoto(e: WechatMiniprogram.CustomEvent<PhotosChange>) {
      this.setData({ photo: e.detail.ids[0] ?? '', uploading: e.detail.uploading })
    },

    async onSubmit(): Promise<void> {
      if (this.data.submitting || this.data.uploading) return
      const { title, description, address, category, photo } = this.data
      // The server checks everything again; these catch the common slips before a round trip.
      if (!category) return this.setData({ error: '请选择心愿类别' })
      if (title.trim().length < 2) return this.setData({ error: '请用几个字写下您的心愿' })
      if (!description.trim()) return this.setData({ error: '请说说具体需要什么' })
      this.setData({ error: '' })
      await runAction(this, {
        busyKey: 'submitting',
        work: async () => {
          // The resident hears when a member claims the wish and when it is done.
          await askToNotify(['wishClaimed', 'wishFulfilled'])
          return api.wish.submit({
            title: title.trim(),
            description: description.trim(),
            category,
            ...(address.trim() ? { address: address.trim() } : {}),
            ...(photo ? { photo } : {}),
          })
        },
        done: '已提交，等社区审核',
        after: ({ wish }) => void wx.redirectTo({ url: `/wish/detail/index?id=${wish.id}` }),
        failed: (err) => this.setData({ error: errorMessage(err) }),
      })
    },
  },
})
