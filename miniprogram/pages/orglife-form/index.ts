// The secretary's form: schedule a session (type, topic, materials, window), or change one before it opens (?id=).
import type { Materials, SessionType } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { instantOf, pickerParts, typeLabels } from '../orglife/labels'
import { pageStyle } from '../../utils/elder'
import type { PhotosChange } from '../../components/photo-picker/index'

type Data = {
  status: 'loading' | 'ready' | 'error'
  message: string
  id: string
  typeIndex: number
  typeNames: string[]
  topic: string
  text: string
  linksText: string
  images: string[]
  uploading: boolean
  opensDate: string
  opensTime: string
  closesDate: string
  closesTime: string
  busy: boolean
}

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string }>

type Custom = {
  load(): Promise<void>
  onRetry(): void
  onField(e: FieldEvent): void
  onType(e: WechatMiniprogram.PickerChange): void
  onPhotos(e: WechatMiniprogram.CustomEvent<PhotosChange>): void
  payload(): {
    type: SessionType
    topic: string
    materials: Materials
    opensAt: string
    closesAt: string
  }
  onSubmit(): Promise<void>
}

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

Page<Data, Custom>({
  data: {
    status: 'ready',
    message: '',
    id: '',
    typeIndex: 0,
    typeNames: TYPES.map((t) => typeLabels[t]),
    topic: '',
    text: '',
    linksText: '',
    images: [],
    uploading: false,
    ...defaultWindow(),
    busy: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ pageStyle: pageStyle() })
    const id = decodeURIComponent(query.id ?? '')
    if (!id) return
    this.setData({ id })
    this.load()
  },

  async load() {
    this.setData({ status: 'loading' })
    try {
      const { session } = await api.orglife.sessionDetail({ sessionId: this.data.id })
      const opens = pickerParts(session.opensAt)
      const closes = pickerParts(session.closesAt)
      this.setData({
        status: 'ready',
        typeIndex: TYPES.indexOf(session.type),
        topic: session.topic,
        text: session.materials.text,
        linksText: session.materials.links.map((l) => `${l.title} ${l.url}`).join('\n'),
        images: session.materials.images,
        opensDate: opens.date,
        opensTime: opens.time,
        closesDate: closes.date,
        closesTime: closes.time,
      })
    } catch (err) {
      this.setData({ status: 'error', message: errorMessage(err) })
    }
  },

  onRetry() {
    this.load()
  },

  onField(e) {
    this.setData({ [e.currentTarget.dataset.field]: e.detail.value })
  },

  onType(e) {
    this.setData({ typeIndex: Number(e.detail.value) })
  },

  onPhotos(e) {
    this.setData({ images: e.detail.ids, uploading: e.detail.uploading })
  },

  payload() {
    const d = this.data
    return {
      type: TYPES[d.typeIndex],
      topic: d.topic.trim(),
      materials: { text: d.text.trim(), links: parseLinks(d.linksText), images: d.images },
      opensAt: instantOf(d.opensDate, d.opensTime),
      closesAt: instantOf(d.closesDate, d.closesTime),
    }
  },

  async onSubmit() {
    if (this.data.busy || this.data.uploading) return
    this.setData({ busy: true })
    try {
      const payload = this.payload()
      const { session } = this.data.id
        ? await api.orglife.updateSession({ sessionId: this.data.id, ...payload })
        : await api.orglife.createSession(payload)
      wx.showToast({ title: this.data.id ? '已修改' : '已发起', icon: 'success' })
      wx.redirectTo({ url: `/pages/orglife-room/index?id=${encodeURIComponent(session.id)}` })
    } catch (err) {
      wx.showModal({ title: '未能保存', content: errorMessage(err), showCancel: false })
    } finally {
      this.setData({ busy: false })
    }
  },
})
