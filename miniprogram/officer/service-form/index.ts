// The community admin's form for a service post: publish one, or (?id=) change or cancel one before its day is
// over. Cancelling keeps the post, marked cancelled, and tells the members who signed up.
import type { ServiceKind, ServicePost, Willingness } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDay, todayKey } from '../../utils/date'
import { definePage } from '../../utils/define'
import { loadInto, runAction, showFailure } from '../../utils/page'
import { NOT_FOR_YOU, forCommunityAdmin } from '../community/admin-only'

const KINDS: ServiceKind[] = ['公益岗位', '志愿活动']
const CATEGORIES: Willingness[] = ['便民服务', '爱心帮扶', '文体艺术']

/** The fields the inputs and pickers write (their `data-field`). */
type Field = 'title' | 'description' | 'date' | 'time' | 'place' | 'slotsText'

export type Data = ElderData &
  LoadData & { [F in Field]: string } & {
    id: string
    today: string
    kindIndex: number
    categoryIndex: number
    kinds: ServiceKind[]
    categories: Willingness[]
    signedUp: number
    busy: boolean
    /** The picked day as people read it (明天, 12月1日). */
    dateDay: string
    /** Why 发布 is disabled ('' when it is not). */
    why: string
  }

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, object, { field: Field }>
type IndexEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  object,
  { field: 'kindIndex' | 'categoryIndex' }
>

const whyDisabled = (d: Pick<Data, 'title' | 'place' | 'slotsText'>) =>
  !d.title.trim()
    ? '请先填写标题'
    : !d.place.trim()
      ? '请先填写地点'
      : !(Number(d.slotsText) > 0)
        ? '请先填写名额'
        : ''

const payloadOf = (d: Data) => ({
  title: d.title.trim(),
  description: d.description.trim(),
  kind: KINDS[d.kindIndex],
  category: CATEGORIES[d.categoryIndex],
  date: d.date,
  time: d.time.trim(),
  place: d.place.trim(),
  slots: Number(d.slotsText),
})

const fieldsOf = (s: ServicePost) => ({
  title: s.title,
  description: s.description,
  kindIndex: KINDS.indexOf(s.kind),
  categoryIndex: CATEGORIES.indexOf(s.category),
  date: s.date,
  time: s.time,
  place: s.place,
  slotsText: String(s.slots),
  signedUp: s.signedUp,
})

const NONE: { services: ServicePost[] } = { services: [] }

const GONE = '该服务岗位已结束、已取消或已确认服务时长，不能再修改'

definePage<Data>()({
  behaviors: [loaded],
  data: {
    status: 'loading',
    id: '',
    today: '',
    title: '',
    description: '',
    kindIndex: 1,
    categoryIndex: 0,
    kinds: KINDS,
    categories: CATEGORIES,
    date: '',
    time: '',
    place: '',
    slotsText: '10',
    signedUp: 0,
    busy: false,
    dateDay: '',
    why: whyDisabled({ title: '', place: '', slotsText: '10' }),
  },

  observers: {
    'title, place, slotsText'() {
      this.setData({ why: whyDisabled(this.data) })
    },
    date(date: string) {
      this.setData({ dateDay: date ? formatDay(date) : '' })
    },
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const today = todayKey()
      this.setData({ id: decodeURIComponent(query.id ?? ''), today, date: today })
      this.load()
    },

    /** A new post needs only the check that the caller is a community admin; a change, the post itself. */
    load(): Promise<void> {
      const { id } = this.data
      return loadInto(
        this,
        () => forCommunityAdmin(() => (id ? api.community.services({}) : Promise.resolve(NONE))),
        (result) => {
          if (!result) return NOT_FOR_YOU
          if (!id) return {}
          const post = result.services.find((s) => s.id === id)
          const confirmed = post?.signups?.some((s) => s.status === 'confirmed')
          if (!post || post.cancelled || confirmed) return { status: 'empty', message: GONE }
          return fieldsOf(post)
        },
        { fresh: true },
      )
    },

    onField(e: FieldEvent) {
      this.setData({ [e.currentTarget.dataset.field]: e.detail.value } as Pick<Data, Field>)
    },

    onIndex(e: IndexEvent) {
      const { field } = e.currentTarget.dataset
      this.setData({ [field]: Number(e.detail.value) } as Pick<Data, typeof field>)
    },

    async onSubmit(): Promise<void> {
      const { id } = this.data
      await runAction(this, {
        busyKey: 'busy',
        work: () => {
          const payload = payloadOf(this.data)
          return id
            ? api.community.editService({ serviceId: id, ...payload })
            : api.community.postService(payload)
        },
        done: id ? '已保存' : '已发布',
        after: () => void wx.redirectTo({ url: '/officer/services/index' }),
        failed: (err) => void showFailure(err, '未能保存'),
      })
    },

    /** Asks for the reason (members who signed up are told it), then cancels. */
    async onCancel(): Promise<void> {
      const { confirm, content } = await wx.showModal({
        title: '取消这个服务岗位？',
        editable: true,
        placeholderText: '取消原因（会通知已报名的党员）',
        confirmText: '确认取消',
        cancelText: '不取消',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: () =>
          api.community.cancelService({ serviceId: this.data.id, reason: (content ?? '').trim() }),
        done: ({ notified }) => (notified ? `已取消，已通知 ${notified} 人` : '已取消'),
        after: () => void wx.redirectTo({ url: '/officer/services/index' }),
        failed: (err) => void showFailure(err, '未能取消'),
      })
    },
  },
})
