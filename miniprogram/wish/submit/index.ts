// 提交微心愿, built for an elderly resident: three short fields, the category as three big buttons, and who
// will call whom: the claimer calls the registered phone (shown masked) or the 联系电话 given here (a child's).
import type { WishCategory } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { type ElderData, elder } from '../../behaviors/elder'
import type { PhotosChange } from '../../components/photo-picker/index'
import { definePage } from '../../utils/define'
import { runAction } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'

type Field = 'title' | 'description' | 'address' | 'contactPhone'
export type Data = ElderData & {
  title: string
  description: string
  address: string
  /** Optional: called instead of the registered phone (a son or daughter's). */
  contactPhone: string
  /** The registered phone masked (`158****0701`), '' until known (a member's resident phone is not sent). */
  registeredPhone: string
  /** Who will contact the resident, and on which number. */
  contactHint: string
  category: WishCategory | ''
  categories: { value: WishCategory; hint: string }[]
  /** The one optional photo's file id, '' for none. */
  photo: string
  uploading: boolean
  error: string
  /** Why 提交心愿 is disabled ('' when it is not): what is still missing. */
  why: string
  submitting: boolean
}

const MOBILE = /^1[3-9]\d{9}$/
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`

function contactHintOf(contactPhone: string, registeredPhone: string): string {
  if (MOBILE.test(contactPhone))
    return `认领的党员会打您填写的联系电话 ${masked(contactPhone)} 联系您`
  return registeredPhone
    ? `认领的党员会打您登记的电话 ${registeredPhone} 联系您`
    : '认领的党员会打您登记的电话联系您'
}

/** The common slips, caught before a round trip (the server checks everything again). */
const whyDisabled = (
  d: Pick<Data, 'category' | 'title' | 'description' | 'uploading' | 'contactPhone'>,
) =>
  !d.category
    ? '请选择心愿类别'
    : d.title.trim().length < 2
      ? '请用几个字写下您的心愿'
      : !d.description.trim()
        ? '请说说具体需要什么'
        : d.contactPhone && !MOBILE.test(d.contactPhone)
          ? '联系电话请填 11 位手机号'
          : d.uploading
            ? '照片正在上传，请稍候'
            : ''

definePage<Data>()({
  behaviors: [elder],
  data: {
    title: '',
    description: '',
    address: '',
    contactPhone: '',
    registeredPhone: '',
    contactHint: contactHintOf('', ''),
    category: '',
    categories: [
      { value: '物质', hint: '缺少的东西' },
      { value: '精神', hint: '陪伴、学习' },
      { value: '服务', hint: '上门帮忙' },
    ],
    photo: '',
    uploading: false,
    error: '',
    why: whyDisabled({
      category: '',
      title: '',
      description: '',
      uploading: false,
      contactPhone: '',
    }),
    submitting: false,
  },

  observers: {
    'category, title, description, uploading, contactPhone'() {
      this.setData({ why: whyDisabled(this.data) })
    },
    'contactPhone, registeredPhone'() {
      const { contactPhone, registeredPhone } = this.data
      this.setData({ contactHint: contactHintOf(contactPhone, registeredPhone) })
    },
  },

  methods: {
    async onLoad(): Promise<void> {
      // Only the hint needs it: without it the hint names no number and the form works the same.
      const me = await api.member
        .me()
        .then((r) => r.me)
        .catch(() => null)
      if (me?.kind === 'resident' && MOBILE.test(me.phone))
        this.setData({ registeredPhone: masked(me.phone) })
    },

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
      const { title, description, address, contactPhone, category, photo, why } = this.data
      if (this.data.submitting) return
      if (why || !category) return this.setData({ error: why })
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
            ...(contactPhone ? { contactPhone } : {}),
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
