// 心愿详情: the wish, its timeline (for those involved), and the buttons this viewer's role allows now; for a
// reviewer, photos WeChat's check was unsure of with 通过 / 不通过.
import type { WishDetail, WishEvent } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { photoSrc } from '../../utils/upload'
import type { PhotosChange } from '../../components/photo-picker/index'
import { type DecisionEvent, decidedSince, mediaReviewHandlers } from '../../utils/media-review'
import { showHandlers } from '../../utils/refresh'
import { askToNotify } from '../../utils/subscribe'

type LoadStatus = 'loading' | 'ready' | 'error' | 'empty'
type Action = { event: WishEvent; label: string; primary: boolean }
type Line = { key: string; text: string; when: string; note: string }

type Data = {
  id: string
  status: LoadStatus
  errorMessage: string
  wish: WishDetail | null
  actions: Action[]
  timeline: Line[]
  /** What `<image>` shows for the wish's photo and its fulfilment photos. */
  photoSrc: string
  fulfilSrcs: string[]
  rating: number
  stars: number[]
  /** The claimer's photos for the fulfil action, attached before tapping 心愿已完成. */
  fulfilPhotos: string[]
  canFulfil: boolean
  uploading: boolean
  busy: boolean
  reviewing: boolean
}

type Custom = {
  load(): Promise<void>
  onRetry(): void
  onRate(e: WechatMiniprogram.TouchEvent<object, object, { value: number }>): void
  onFulfilPhotos(e: WechatMiniprogram.CustomEvent<PhotosChange>): void
  onAct(e: WechatMiniprogram.TouchEvent<object, object, { event: WishEvent }>): Promise<void>
  ask(title: string, placeholder: string): Promise<string | null>
  run(event: WishEvent): Promise<WishDetail | null>
  onReviewMedia(e: DecisionEvent): Promise<void>
}

const LABELS: Record<WishEvent, string> = {
  submit: '提交',
  publish: '审核通过',
  reject: '不予发布',
  claim: '我来认领',
  release: '放弃认领',
  fulfil: '心愿已完成',
  confirm: '确认完成并感谢',
  cancel: '撤销心愿',
}
const PRIMARY: WishEvent[] = ['publish', 'claim', 'fulfil', 'confirm']

const pad = (n: number) => String(n).padStart(2, '0')
const when = (iso: string) => {
  const d = new Date(iso)
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

Page<Data, Custom>({
  data: {
    id: '',
    status: 'loading',
    errorMessage: '',
    wish: null,
    actions: [],
    timeline: [],
    photoSrc: '',
    fulfilSrcs: [],
    rating: 5,
    stars: [1, 2, 3, 4, 5],
    fulfilPhotos: [],
    canFulfil: false,
    uploading: false,
    busy: false,
    reviewing: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: query.id ?? '' })
  },

  ...showHandlers,
  ...mediaReviewHandlers,

  async load() {
    if (!this.data.id) {
      this.setData({ status: 'error', errorMessage: '没有找到这个心愿' })
      return
    }
    try {
      const { wish } = await api.wish.detail({ wishId: this.data.id })
      this.setData({
        status: 'ready',
        wish,
        photoSrc: wish.photo ? photoSrc(wish.photo) : '',
        fulfilSrcs: wish.fulfilPhotos.map(photoSrc),
        canFulfil: wish.allowed.includes('fulfil'),
        actions: wish.allowed.map((event) => ({
          event,
          label: LABELS[event],
          primary: PRIMARY.includes(event),
        })),
        timeline: (wish.timeline ?? []).map((t, i) => ({
          key: `${i}`,
          text: `${t.by} ${t.event === 'submit' ? '提交了心愿' : LABELS[t.event]}`,
          when: when(t.at),
          note: t.note ?? '',
        })),
      })
    } catch (err) {
      const { wish } = this.data
      const awaited = !!wish && (wish.photoAwaitingReview || wish.fulfilPhotosAwaitingReview)
      this.setData(
        decidedSince(err, awaited)
          ? { status: 'empty', errorMessage: '图片已审核完毕，这个心愿暂不对您公开' }
          : { status: 'error', errorMessage: errorMessage(err) },
      )
    }
  },

  onRetry() {
    this.setData({ status: 'loading' })
    this.load()
  },

  onRate(e) {
    this.setData({ rating: e.currentTarget.dataset.value })
  },

  onFulfilPhotos(e) {
    this.setData({ fulfilPhotos: e.detail.ids, uploading: e.detail.uploading })
  },

  async ask(title, placeholder) {
    const answer = await wx.showModal({ title, editable: true, placeholderText: placeholder })
    if (!answer.confirm) return null
    return (answer.content ?? '').trim()
  },

  async run(event) {
    const wishId = this.data.id
    switch (event) {
      case 'claim':
        return (await api.wish.claim({ wishId })).wish
      case 'release':
        return (await api.wish.release({ wishId })).wish
      case 'cancel':
        return (await api.wish.cancel({ wishId })).wish
      case 'publish':
        return (await api.wish.review({ wishId, decision: 'publish' })).wish
      case 'reject': {
        const reason = await this.ask('不予发布的原因', '居民会看到这个原因')
        return reason === null
          ? null
          : (await api.wish.review({ wishId, decision: 'reject', reason })).wish
      }
      case 'fulfil': {
        const note = await this.ask('说说完成情况', '例如：已上门修好')
        if (note === null) return null
        return (await api.wish.fulfil({ wishId, note, photos: this.data.fulfilPhotos })).wish
      }
      case 'confirm': {
        const thanks = await this.ask('说一句感谢的话', '例如：谢谢你')
        if (thanks === null) return null
        return (await api.wish.confirm({ wishId, thanks, rating: this.data.rating })).wish
      }
      default:
        return null
    }
  },

  async onAct(e) {
    if (this.data.busy || this.data.uploading) return
    const event = e.currentTarget.dataset.event
    this.setData({ busy: true })
    try {
      // The claimer hears when the resident confirms the wish fulfilled.
      if (event === 'claim') await askToNotify(['wishConfirmed'])
      const changed = await this.run(event)
      if (changed) {
        wx.showToast({ title: '已完成', icon: 'success' })
        await this.load()
      }
    } catch (err) {
      await wx.showModal({ title: '操作未完成', content: errorMessage(err), showCancel: false })
      await this.load()
    } finally {
      this.setData({ busy: false })
    }
  },
})
