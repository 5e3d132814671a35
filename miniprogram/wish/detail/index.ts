// 心愿详情: the wish, its timeline (for those involved), and the buttons this viewer's role allows now; for a
// reviewer, photos WeChat's check was unsure of with 通过 / 不通过.
import type { WishDetail, WishEvent } from '../../../typings/index'
import { api } from '../../services/api'
import { type ReviewData, decidedSince, mediaReview } from '../../behaviors/media-review'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import type { PhotosChange } from '../../components/photo-picker/index'
import { formatDayTime } from '../../utils/date'
import { definePage } from '../../utils/define'
import { loadInto, runAction, showFailure } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'
import { photoSrc } from '../../utils/upload'

type Action = { event: WishEvent; label: string; primary: boolean }
type Line = { key: string; text: string; when: string; note: string }

export type Data = ElderData &
  LoadData &
  ReviewData & {
    id: string
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

definePage<Data>()({
  behaviors: [loaded, shown, mediaReview],
  data: {
    id: '',
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
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' })
    },

    async load(): Promise<void> {
      if (!this.data.id) return this.setData({ status: 'error', message: '没有找到这个心愿' })
      await loadInto(
        this,
        () => api.wish.detail({ wishId: this.data.id }),
        ({ wish }) => ({
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
            when: formatDayTime(t.at),
            note: t.note ?? '',
          })),
        }),
        {
          failed: (err) => {
            const { wish } = this.data
            const awaited = !!wish && (wish.photoAwaitingReview || wish.fulfilPhotosAwaitingReview)
            return decidedSince(err, awaited)
              ? { status: 'empty', message: '图片已审核完毕，这个心愿暂不对您公开' }
              : undefined
          },
        },
      )
    },

    onRate(e: WechatMiniprogram.TouchEvent<object, object, { value: number }>) {
      this.setData({ rating: e.currentTarget.dataset.value })
    },

    onFulfilPhotos(e: WechatMiniprogram.CustomEvent<PhotosChange>) {
      this.setData({ fulfilPhotos: e.detail.ids, uploading: e.detail.uploading })
    },

    async ask(title: string, placeholder: string): Promise<string | null> {
      const answer = await wx.showModal({ title, editable: true, placeholderText: placeholder })
      if (!answer.confirm) return null
      return (answer.content ?? '').trim()
    },

    /** Sends `event`, asking first for what it needs; null when the user cancelled. */
    async run(event: WishEvent): Promise<WishDetail | null> {
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

    async onAct(
      e: WechatMiniprogram.TouchEvent<object, object, { event: WishEvent }>,
    ): Promise<void> {
      if (this.data.uploading) return
      const event = e.currentTarget.dataset.event
      await runAction(this, {
        busyKey: 'busy',
        work: async () => {
          // The claimer hears when the resident confirms the wish fulfilled.
          if (event === 'claim') await askToNotify(['wishConfirmed'])
          return this.run(event)
        },
        done: (changed) => (changed ? '已完成' : ''),
        after: (changed) => changed && this.load(),
        failed: async (err) => {
          await showFailure(err)
          await this.load()
        },
      })
    },
  },
})
