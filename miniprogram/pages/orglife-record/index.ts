// The frozen record of a closed session: materials, minutes, attendance (attended / on leave / absent) and
// every statement; readable by every member of the branch, absentees included. A reviewer of the materials'
// images WeChat's check was unsure of decides them here with 通过 / 不通过; from outside the branch they see
// the session and its materials only.
import type { SessionRecord, SessionWithMaterials, Statement } from '../../../typings/index'
import { api } from '../../services/api'
import { type ReviewData, mediaReview } from '../../behaviors/media-review'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDayTime } from '../../utils/date'
import { definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'
import { typeLabels, windowText } from '../orglife/labels'
import { finalRefusal } from '../orglife/refusal'

export type Data = ElderData &
  LoadData &
  ReviewData & {
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
  }

const namesOf = (people: { name: string }[]) => people.map((p) => p.name).join('、')

definePage<Data>()({
  behaviors: [loaded, shown, mediaReview],
  data: {
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
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: decodeURIComponent(query.id ?? '') })
    },

    async load(): Promise<void> {
      if (!this.data.id)
        return this.setData({ status: 'error', message: '没有找到这份会议记录，请从列表进入' })
      await loadInto(
        this,
        () => api.orglife.record({ sessionId: this.data.id }),
        (reply) => {
          const head = {
            record: reply.record,
            inBranch: reply.inBranch,
            typeLabel: typeLabels[reply.record.type],
            timeText: windowText(reply.record),
          }
          if (!reply.inBranch) return head
          const { record } = reply
          return {
            ...head,
            isSecretary: reply.isSecretary,
            closedText: `${formatDayTime(record.closedAt)} ${record.closedBy === 'auto' ? '到时自动结束' : '由支部书记结束'}`,
            attendedNames: namesOf(record.attended),
            absentNames: namesOf(record.absent),
            statements: record.statements.map((s) => ({ ...s, timeText: formatDayTime(s.at) })),
          }
        },
        { fresh: true, failed: finalRefusal },
      )
    },
  },
})
