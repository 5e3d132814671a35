// The secretary's form: schedule a session (type, topic, materials, window), or change one before it opens (?id=).
import type { Materials, SessionType } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import type { PhotosChange } from '../../components/photo-picker/index'
import { formatDay, instantOf, pickerParts } from '../../utils/date'
import { definePage } from '../../utils/define'
import { forRole, forbidden, loadInto, runAction, showFailure } from '../../utils/page'
import { holds } from '../../utils/viewer'
import { typeLabels } from '../../pages/orglife/labels'

/** The fields the form's inputs and pickers write (their `data-field`). */
type Field =
  'topic' | 'text' | 'linksText' | 'opensDate' | 'opensTime' | 'closesDate' | 'closesTime'

export type Data = ElderData &
  LoadData & { [F in Field]: string } & {
    id: string
    typeIndex: number
    typeNames: string[]
    images: string[]
    uploading: boolean
    busy: boolean
    /** The pickers' days as people read them (明天, 12月1日). */
    opensDay: string
    closesDay: string
    /** Why 发起 is disabled ('' when it is not). */
    why: string
  }

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, object, { field: Field }>

const TYPES = Object.keys(typeLabels) as SessionType[]

/** One link per line: `标题 https://…` (a bare address is titled 链接). */
function parseLinks(text: string): Materials['links'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.lastIndexOf(' ')
      return at < 0
        ? { title: '链接', url: line }
        : { title: line.slice(0, at).trim(), url: line.slice(at + 1) }
    })
}

/** Tomorrow 19:00 to the day after at 21:00: an evening meeting with a day for those travelling. */
function defaultWindow() {
  const day = 24 * 3600 * 1000
  const opens = pickerParts(new Date(Date.now() + day).toISOString())
  const closes = pickerParts(new Date(Date.now() + 2 * day).toISOString())
  return { opensDate: opens.date, opensTime: '19:00', closesDate: closes.date, closesTime: '21:00' }
}

const whyDisabled = (d: Pick<Data, 'topic' | 'uploading'>) =>
  !d.topic.trim() ? '请先填写主题' : d.uploading ? '图片正在上传，请稍候' : ''

const initialWindow = defaultWindow()

const FOR_SECRETARY = '组织生活由支部书记在这里安排。您可以在「组织生活」中参加本支部的会议。'

/** What the form sends, from what it holds. */
const payloadOf = (d: Data) => ({
  type: TYPES[d.typeIndex],
  topic: d.topic.trim(),
  materials: { text: d.text.trim(), links: parseLinks(d.linksText), images: d.images },
  opensAt: instantOf(d.opensDate, d.opensTime),
  closesAt: instantOf(d.closesDate, d.closesTime),
})

definePage<Data>()({
  behaviors: [loaded],
  data: {
    id: '',
    typeIndex: 0,
    typeNames: TYPES.map((t) => typeLabels[t]),
    topic: '',
    text: '',
    linksText: '',
    images: [],
    uploading: false,
    ...initialWindow,
    busy: false,
    opensDay: formatDay(initialWindow.opensDate),
    closesDay: formatDay(initialWindow.closesDate),
    why: whyDisabled({ topic: '', uploading: false }),
  },

  observers: {
    'topic, uploading'() {
      this.setData({ why: whyDisabled(this.data) })
    },
    'opensDate, closesDate'(opensDate: string, closesDate: string) {
      this.setData({ opensDay: formatDay(opensDate), closesDay: formatDay(closesDate) })
    },
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: decodeURIComponent(query.id ?? '') })
      this.load()
    },

    /** The form for the branch's secretary (with the session to change); anyone else is told whose it is. */
    load(): Promise<void> {
      const { id } = this.data
      return loadInto(
        this,
        () =>
          forRole(
            (me) => holds(me, 'secretary'),
            () => (id ? api.orglife.sessionDetail({ sessionId: id }) : Promise.resolve(null)),
          ),
        (allowed) => {
          if (!allowed) return forbidden(FOR_SECRETARY)
          if (!allowed.data) return {}
          const { session } = allowed.data
          const opens = pickerParts(session.opensAt)
          const closes = pickerParts(session.closesAt)
          return {
            typeIndex: TYPES.indexOf(session.type),
            topic: session.topic,
            text: session.materials.text,
            linksText: session.materials.links.map((l) => `${l.title} ${l.url}`).join('\n'),
            images: session.materials.images,
            opensDate: opens.date,
            opensTime: opens.time,
            closesDate: closes.date,
            closesTime: closes.time,
          }
        },
        { fresh: true },
      )
    },

    onField(e: FieldEvent) {
      this.setData({ [e.currentTarget.dataset.field]: e.detail.value } as Pick<Data, Field>)
    },

    onType(e: WechatMiniprogram.PickerChange) {
      this.setData({ typeIndex: Number(e.detail.value) })
    },

    onPhotos(e: WechatMiniprogram.CustomEvent<PhotosChange>) {
      this.setData({ images: e.detail.ids, uploading: e.detail.uploading })
    },

    async onSubmit(): Promise<void> {
      const { id, why } = this.data
      if (why) return
      await runAction(this, {
        busyKey: 'busy',
        work: () => {
          const payload = payloadOf(this.data)
          return id
            ? api.orglife.updateSession({ sessionId: id, ...payload })
            : api.orglife.createSession(payload)
        },
        done: id ? '已修改' : '已发起',
        after: ({ session }) =>
          void wx.redirectTo({
            url: `/orglife/room/index?id=${encodeURIComponent(session.id)}`,
          }),
        failed: (err) => void showFailure(err, '未能保存'),
      })
    },
  },
})
