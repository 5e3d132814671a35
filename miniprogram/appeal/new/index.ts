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
    /** Raised as a resident (not an active member): a neighbourhood's categories, handled by the community. */
    asResident: boolean
    categories: AppealCategory[]
    category: AppealCategory | ''
    text: string
    images: string[]
    uploading: boolean
    saving: boolean
    /** Why 提交 is disabled ('' when it is not): what is still missing. */
    why: string
  }

/** What to do before 提交 (the server checks the text's length again). */
const whyDisabled = (d: Pick<Data, 'category' | 'text' | 'uploading'>) =>
  !d.category
    ? '请选择诉求类别'
    : d.text.trim().length < 5
      ? '请把情况写清楚（至少 5 个字）'
      : d.uploading
        ? '图片正在上传，请稍候'
        : ''

// The contract's APPEAL_CATEGORIES is a value and cannot ship in the package; the type keeps these lists honest.
const MEMBER_CATEGORIES: AppealCategory[] = [
  '融资',
  '午餐',
  '学习培训',
  '法律维权',
  '卫生保健',
  '沟通交流',
  '其他',
]
const RESIDENT_CATEGORIES: AppealCategory[] = [
  '邻里纠纷',
  '环境卫生',
  '设施维修',
  '政策咨询',
  '其他',
]

definePage<Data>()({
  behaviors: [elder, freshDraft],
  data: {
    asResident: false,
    categories: MEMBER_CATEGORIES,
    category: '',
    text: '',
    images: [],
    uploading: false,
    saving: false,
    why: whyDisabled({ category: '', text: '', uploading: false }),
  },

  observers: {
    'category, text, uploading'() {
      this.setData({ why: whyDisabled(this.data) })
    },
  },

  methods: {
    async onLoad(): Promise<void> {
      // The server decides the same way (an active member raises it as a member); until known, members' list.
      const { me } = await api.member.me().catch(() => ({ me: null }))
      const asResident = !!me && !(me.kind === 'member' && me.status === 'active')
      if (!asResident) return
      const { category } = this.data
      this.setData({
        asResident,
        categories: RESIDENT_CATEGORIES,
        category: category && RESIDENT_CATEGORIES.includes(category) ? category : '',
      })
    },

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
      const { category, text, images, draftId, saving, why } = this.data
      if (saving) return
      if (why || !category) {
        wx.showToast({ title: why, icon: 'none' })
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
