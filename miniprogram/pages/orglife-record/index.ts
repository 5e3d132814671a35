// The frozen record of a closed session: materials, minutes, attendance (attended / on leave / absent) and
// every statement; readable by every member of the branch, absentees included. A reviewer of the materials'
// images WeChat's check was unsure of decides them here with 通过 / 不通过; from outside the branch they see
// the session and its materials only.
import type { SessionRecord, SessionWithMaterials, Statement } from '../../../typings/index'
import { ApiError, api, errorMessage } from '../../services/api'
import { formatTime, typeLabels } from '../orglife/labels'
import { type DecisionEvent, mediaReviewHandlers } from '../../utils/media-review'
import { showHandlers } from '../../utils/refresh'

type Data = {
  status: 'loading' | 'ready' | 'error' | 'empty'
  message: string
  id: string
  /** Without the meeting's own parts (attendance, minutes, statements) when `inBranch` is false. */
  record: SessionRecord | SessionWithMaterials | null
  inBranch: boolean
  isSecretary: boolean
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
    inBranch: true,
    isSecretary: false,
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
      const reply = await api.orglife.record({ sessionId: this.data.id })
      const head = {
        status: 'ready' as const,
        record: reply.record,
        inBranch: reply.inBranch,
        typeLabel: typeLabels[reply.record.type],
        timeText: `${formatTime(reply.record.opensAt)} 至 ${formatTime(reply.record.closesAt)}`,
      }
      if (!reply.inBranch) {
        this.setData(head)
        return
      }
      const { record } = reply
      this.setData({
        ...head,
        isSecretary: reply.isSecretary,
        closedText: `${formatTime(record.closedAt)} ${record.closedBy === 'auto' ? '到时自动结束' : '由支部书记结束'}`,
        attendedNames: namesOf(record.attended),
        absentNames: namesOf(record.absent),
        statements: record.statements.map((s) => ({ ...s, timeText: formatTime(s.at) })),
      })
    } catch (err) {
      // A refusal (a reviewer from outside the branch once the images are decided) or a session that is not
      // there for the caller (another branch's) stays: no 重试.
      const final =
        err instanceof ApiError && (err.code === 'PERMISSION_DENIED' || err.code === 'NOT_FOUND')
      this.setData({ status: final ? 'empty' : 'error', message: errorMessage(err) })
    }
  },

  onRetry() {
    this.load()
  },
})
