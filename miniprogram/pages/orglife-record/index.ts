// The frozen record of a closed session: materials, minutes, attendance (attended / on leave / absent) and
// every statement; readable by every member of the branch, absentees included, and by a reviewer of the
// materials' images WeChat's check was unsure of, with 通过 / 不通过.
import type { SessionRecord, Statement } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { formatTime, typeLabels } from '../orglife/labels'
import { type DecisionEvent, mediaReviewHandlers } from '../../utils/media-review'
import { showHandlers } from '../../utils/refresh'

type Data = {
  status: 'loading' | 'ready' | 'error'
  message: string
  id: string
  record: SessionRecord | null
  typeLabel: string
  timeText: string
  closedText: string
  attendedNames: string
  absentNames: string
  statements: (Statement & { timeText: string })[]
  reviewing: boolean
}

type Custom = {
  load(): Promise<void>
  onRetry(): void
  onReviewMedia(e: DecisionEvent): Promise<void>
}

const namesOf = (people: { name: string }[]) => people.map((p) => p.name).join('、')

Page<Data, Custom>({
  data: {
    status: 'loading',
    message: '',
    id: '',
    record: null,
    typeLabel: '',
    timeText: '',
    closedText: '',
    attendedNames: '',
    absentNames: '',
    statements: [],
    reviewing: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: decodeURIComponent(query.id ?? '') })
  },

  ...showHandlers,
  ...mediaReviewHandlers,

  async load() {
    if (!this.data.id) {
      this.setData({ status: 'error', message: '没有找到这份会议记录，请从列表进入' })
      return
    }
    this.setData({ status: 'loading' })
    try {
      const { record } = await api.orglife.record({ sessionId: this.data.id })
      this.setData({
        status: 'ready',
        record,
        typeLabel: typeLabels[record.type],
        timeText: `${formatTime(record.opensAt)} 至 ${formatTime(record.closesAt)}`,
        closedText: `${formatTime(record.closedAt)} ${record.closedBy === 'auto' ? '到时自动结束' : '由支部书记结束'}`,
        attendedNames: namesOf(record.attended),
        absentNames: namesOf(record.absent),
        statements: record.statements.map((s) => ({ ...s, timeText: formatTime(s.at) })),
      })
    } catch (err) {
      this.setData({ status: 'error', message: errorMessage(err) })
    }
  },

  onRetry() {
    this.load()
  },
})
