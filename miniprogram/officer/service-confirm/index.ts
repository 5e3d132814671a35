// 服务信息反馈卡: a service post's sign-ups (?id=), and for each member who came the hours served (half-hours),
// a rating of 1 to 5 and a comment. Confirming records the hours in the member's participation ledger.
import type { ServicePost } from '../../../typings/index'
import { api } from '../../services/api'
import type { ElderData } from '../../behaviors/elder'
import { type ByIdData, byId } from '../../behaviors/scoped'
import { formatDay, todayKey } from '../../utils/date'
import { definePage } from '../../utils/define'
import { loadInto, runAction, setRow } from '../../utils/page'
import { NOT_FOR_YOU, forCommunityAdmin } from '../community/admin-only'

type Card = {
  memberId: string
  name: string
  /** Confirmed before: shown, not sent again. */
  confirmed: boolean
  /** Came to serve: only they get a card. */
  present: boolean
  hours: number
  rating: number
  comment: string
}
type RowEvent<D extends object = object> = WechatMiniprogram.CustomEvent<
  D,
  object,
  { index: number }
>
type StepEvent = WechatMiniprogram.TouchEvent<object, object, { index: number; step: number }>
type RateEvent = WechatMiniprogram.TouchEvent<object, object, { index: number; rating: number }>

export type Data = ElderData &
  ByIdData & {
    title: string
    when: string
    place: string
    /** The service's day has begun: hours may be confirmed. */
    held: boolean
    cards: Card[]
    /** Cards that will be sent: present members not yet confirmed. */
    toSend: number
    busy: boolean
    stars: number[]
  }

const MIN_HOURS = 0.5
const MAX_HOURS = 12
const STARS = [1, 2, 3, 4, 5]

const cardOf = (s: NonNullable<ServicePost['signups']>[number]): Card => ({
  memberId: s.memberId,
  name: s.name,
  confirmed: s.status === 'confirmed',
  present: true,
  hours: s.hours ?? 2,
  rating: 5,
  comment: '',
})

const toSendOf = (cards: Card[]) => cards.filter((c) => c.present && !c.confirmed).length

/** The post among the community's upcoming and past ones (today's is upcoming). */
const findPost = (id: string) =>
  Promise.all([
    api.community.services({ when: 'upcoming' }),
    api.community.services({ when: 'past' }),
  ]).then(([up, past]) => [...up.services, ...past.services].find((s) => s.id === id) ?? null)

definePage<Data>()({
  behaviors: [byId('这个服务岗位')],
  data: {
    title: '',
    when: '',
    place: '',
    held: false,
    cards: [],
    toSend: 0,
    busy: false,
    stars: STARS,
  },

  methods: {
    loadItem(id: string): Promise<void> {
      return loadInto(
        this,
        () => forCommunityAdmin(() => findPost(id)),
        (post) => {
          if (post === null) return NOT_FOR_YOU
          if (!post) return { status: 'empty', message: '找不到这个服务岗位' }
          const cards = (post.signups ?? []).map(cardOf)
          return {
            status: cards.length ? 'ready' : 'empty',
            message: '这个服务岗位还没有人报名',
            title: post.title,
            when: `${formatDay(post.date)} ${post.time}`.trim(),
            place: post.place,
            held: post.date <= todayKey(),
            cards,
            toSend: toSendOf(cards),
          }
        },
      )
    },

    /** Puts one card back changed; only that row is sent to the view. */
    change(index: number, patch: Partial<Card>) {
      const card = { ...this.data.cards[index], ...patch }
      setRow(this, 'cards', index, card)
      this.setData({ toSend: toSendOf(this.data.cards) })
    },

    onStep(e: StepEvent) {
      const { index, step } = e.currentTarget.dataset
      const hours = this.data.cards[index].hours + Number(step)
      this.change(index, { hours: Math.min(MAX_HOURS, Math.max(MIN_HOURS, hours)) })
    },

    onRate(e: RateEvent) {
      const { index, rating } = e.currentTarget.dataset
      this.change(index, { rating: Number(rating) })
    },

    onComment(e: RowEvent<{ value: string }>) {
      this.change(e.currentTarget.dataset.index, { comment: e.detail.value })
    },

    onPresent(e: RowEvent) {
      const { index } = e.currentTarget.dataset
      this.change(index, { present: !this.data.cards[index].present })
    },

    async onSubmit(): Promise<void> {
      const cards = this.data.cards
        .filter((c) => c.present && !c.confirmed)
        .map((c) => ({
          memberId: c.memberId,
          hours: c.hours,
          rating: c.rating,
          comment: c.comment.trim(),
        }))
      if (!cards.length) return
      await runAction(this, {
        busyKey: 'busy',
        work: () => api.community.confirmService({ serviceId: this.data.id, cards }),
        done: ({ confirmed }) => `已确认 ${confirmed.length} 人的服务时长`,
        after: () => this.load(),
      })
    },
  },
})
