// 心愿详情: the wish, its timeline (for those involved, in plain words: 您 to the resident), and the buttons this
// viewer's role allows now — the main step full width, giving up (撤销, 放弃认领) small below it after a confirm.
// Once claimed the resident sees who claimed it, by when they will call and a call button; the claimer calls the
// resident or copies the address. For a reviewer, photos WeChat's check was unsure of with 通过 / 不通过.
import type { WishDetail, WishEvent, WishTimelineEntry } from '../../../typings/index'
import { api } from '../../services/api'
import { type ReviewData, decidedSince, mediaReview } from '../../behaviors/media-review'
import { shown } from '../../behaviors/load'
import { type ByIdData, byId } from '../../behaviors/scoped'
import { type ShareCard, shared } from '../../behaviors/share'
import type { ElderData } from '../../behaviors/elder'
import type { PhotosChange } from '../../components/photo-picker/index'
import { formatDay, formatWhen, pickerParts } from '../../utils/date'
import { definePage } from '../../utils/define'
import { finalRefusal, forbidden, loadInto, runAction, showFailure } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'
import { photoSrc } from '../../utils/upload'

type Action = { event: WishEvent; label: string; primary: boolean }
type Line = { key: string; text: string; when: string; note: string }
/** The member who claimed the wish, as the resident sees them. */
type Claimer = { name: string; phone: string; promise: string }

export type Data = ElderData &
  ByIdData &
  ReviewData & {
    wish: WishDetail | null
    actions: Action[]
    /** Giving up (撤销, 放弃认领): small, below the main step, each after a confirm. */
    secondary: Action[]
    timeline: Line[]
    claimer: Claimer | null
    /** To the claimer and the admin: the day the claimer said they would call by. */
    promiseText: string
    /** To the admin while the resident has not confirmed: since when, and when 代为确认 opens. */
    waitText: string
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
  confirmForResident: '电话回访后代为确认',
  reopen: '还没办好',
  cancel: '撤销心愿',
}
const PRIMARY: WishEvent[] = ['publish', 'claim', 'fulfil', 'confirm', 'confirmForResident']
const SECONDARY: WishEvent[] = ['release', 'cancel']
const CONFIRMS: Partial<Record<WishEvent, { title: string; content: string }>> = {
  release: {
    title: '放弃认领',
    content: '放弃后心愿回到心愿墙，由其他党员认领，居民会看到您放弃了认领。',
  },
  cancel: {
    title: '撤销心愿',
    content: '撤销后心愿不再显示在心愿墙上，也不能恢复。',
  },
  confirmForResident: {
    title: '代居民确认完成',
    content: '请先打电话给居民，问清心愿确实办好了再确认。确认后心愿完成，认领党员记参与积分。',
  },
}
/** The card's picture when a wish is forwarded (5:4, as WeChat shows it): the app's, nobody's photo. */
const SHARE_PICTURE = '/wish/detail/share.png'
/** Who may read a wish, for a shared link opened by anyone else. */
const WHO_READS =
  '微心愿只有本区在册党员和登记过的居民可以查看。党员请先注册并等支部书记审核，居民请先登记，再打开这个心愿。'
/** The days a claimer may promise to call by: today and the next two (the server allows up to 3). */
const CONTACT_CHOICES = ['今天内联系居民', '明天内联系居民', '后天内联系居民']

const today = () => pickerParts(new Date().toISOString()).date

/** One timeline line in plain words: 您 to the resident (您提交了心愿, 赵娟认领了您的心愿). */
function lineText(t: WishTimelineEntry, wish: WishDetail): string {
  const you = wish.viewer.isResident
  switch (t.event) {
    case 'submit':
      return you ? '您提交了心愿' : '居民提交了心愿'
    case 'publish':
      return you ? '社区已审核通过' : '社区审核通过'
    case 'reject':
      return '社区审核未通过'
    case 'claim':
      return you
        ? `${t.by}认领了您的心愿`
        : wish.viewer.isClaimer && t.by === wish.claimerName
          ? '您认领了心愿'
          : `${t.by}认领了心愿`
    case 'release':
      return `${t.by}放弃了认领，心愿回到心愿墙`
    case 'fulfil':
      return you && wish.status === '已实现' ? `${t.by}已完成，请您确认` : `${t.by}已完成心愿`
    case 'confirm':
      return you ? '您确认了心愿已完成' : '居民确认了心愿已完成'
    case 'confirmForResident':
      return wish.viewer.isAdmin ? `社区代为确认（${t.by}电话回访）` : '社区代为确认'
    case 'reopen':
      return you ? '您说还没办好，心愿回到认领党员' : '居民说还没办好，心愿回到认领党员'
    case 'cancel':
      return you ? '您撤销了心愿' : '居民撤销了心愿'
  }
}

/** By when the claimer will call, said plainly and honestly (a promise passed says so). */
function claimerOf(wish: WishDetail): Claimer | null {
  const c = wish.claimerContact
  if (!c) return null
  const day = c.contactBy ? formatDay(c.contactBy) : ''
  const promise =
    wish.status === '已实现'
      ? `${c.name}已完成心愿，请您确认`
      : wish.status !== '已认领'
        ? ''
        : !c.contactBy
          ? `${c.name}于${formatWhen(wish.claimedAt ?? '')}认领了您的心愿`
          : c.contactBy < today()
            ? `${c.name}约定最晚${day}联系您；如果还没有接到电话，您可以直接打给${c.name}`
            : `${c.name}最晚${day}联系您`
  return { name: c.name, phone: c.phone ?? '', promise }
}

/** The admin's view of a wish waiting for its resident: how long, and whether 代为确认 is open yet. */
function waitTextOf(wish: WishDetail): string {
  const waiting = wish.awaitingConfirmation
  if (!waiting) return ''
  const since = `党员${formatDay(waiting.since)}完成，居民尚未确认`
  return waiting.mayConfirmForResident
    ? `${since}。请电话回访居民，确认办好后可代为确认。`
    : `${since}。满 7 天仍未确认的，社区可电话回访后代为确认。`
}

definePage<Data>()({
  behaviors: [byId('这个心愿', { onShow: true }), shown, mediaReview, shared],
  data: {
    wish: null,
    actions: [],
    secondary: [],
    timeline: [],
    claimer: null,
    promiseText: '',
    waitText: '',
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
    async loadItem(wishId: string): Promise<void> {
      await loadInto(
        this,
        () => api.wish.detail({ wishId }),
        ({ wish }) => ({
          wish,
          photoSrc: wish.photo ? photoSrc(wish.photo) : '',
          fulfilSrcs: wish.fulfilPhotos.map(photoSrc),
          canFulfil: wish.allowed.includes('fulfil'),
          actions: wish.allowed
            .filter((event) => !SECONDARY.includes(event))
            .map((event) => ({ event, label: LABELS[event], primary: PRIMARY.includes(event) })),
          secondary: wish.allowed
            .filter((event) => SECONDARY.includes(event))
            .map((event) => ({ event, label: LABELS[event], primary: false })),
          timeline: (wish.timeline ?? []).map((t, i) => ({
            key: `${i}`,
            text: lineText(t, wish),
            when: formatWhen(t.at),
            note: t.note ?? '',
          })),
          claimer: claimerOf(wish),
          promiseText:
            wish.status === '已认领' && wish.contact?.promisedBy
              ? `${wish.viewer.isClaimer ? '您' : '认领党员'}约定最晚${formatDay(wish.contact.promisedBy)}联系居民`
              : '',
          waitText: waitTextOf(wish),
        }),
        {
          failed: (err) => {
            const { wish } = this.data
            const awaited = !!wish && (wish.photoAwaitingReview || wish.fulfilPhotosAwaitingReview)
            if (decidedSince(err, awaited))
              return { status: 'empty', message: '图片已审核完毕，这个心愿暂不对您公开' }
            // A shared link opened by someone not (yet) registered: no 重试, but who may read wishes.
            const refusal = finalRefusal(err)
            return refusal?.status === 'forbidden' ? forbidden(WHO_READS) : refusal
          },
        },
      )
      this.offerShare()
    },

    /**
     * 转发 a wish waiting for a claimer, to find one: its title and link under a fixed picture, never a
     * screenshot, so the card shows no resident's name, photo or description. Any other state forwards nothing.
     */
    shareCard(): ShareCard | null {
      const { status, wish, id } = this.data
      if (status !== 'ready' || wish?.status !== '待认领') return null
      return {
        title: `微心愿：${wish.title}`,
        path: `/wish/detail/index?id=${encodeURIComponent(id)}`,
        imageUrl: SHARE_PICTURE,
      }
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
        case 'claim': {
          // The resident is told by when to expect the call.
          const choice = await wx.showActionSheet({ itemList: CONTACT_CHOICES }).catch(() => null)
          if (!choice) return null
          const day = new Date(Date.now() + choice.tapIndex * 86_400_000).toISOString()
          return (await api.wish.claim({ wishId, contactBy: pickerParts(day).date })).wish
        }
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
        case 'confirmForResident':
          return (await api.wish.confirmForResident({ wishId })).wish
        case 'reopen': {
          const note = await this.ask('还差什么没办好', '例如：灯还是不亮，认领党员会看到')
          if (note === null) return null
          return (await api.wish.reopen({ wishId, note })).wish
        }
        case 'confirm': {
          const thanks = await this.ask('说一句感谢的话', '例如：谢谢您的帮助')
          if (thanks === null) return null
          return (await api.wish.confirm({ wishId, thanks, rating: this.data.rating })).wish
        }
        default:
          return null
      }
    },

    onCall(e: WechatMiniprogram.TouchEvent<object, object, { phone: string }>) {
      wx.makePhoneCall({ phoneNumber: e.currentTarget.dataset.phone })
    },

    onCopyAddress() {
      const address = this.data.wish?.contact?.address
      if (address) wx.setClipboardData({ data: address })
    },

    async onAct(
      e: WechatMiniprogram.TouchEvent<object, object, { event: WishEvent }>,
    ): Promise<void> {
      if (this.data.uploading) return
      const event = e.currentTarget.dataset.event
      const confirm = CONFIRMS[event]
      if (confirm) {
        const answer = await wx.showModal({ ...confirm, confirmText: LABELS[event] })
        if (!answer.confirm) return
      }
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
