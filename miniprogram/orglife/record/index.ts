// The frozen record of a closed session: materials, minutes, attendance (attended / on leave / absent) and
// every statement; readable by every member of the branch, absentees included, and by the community and district
// admins who oversee it. They decide the materials' images WeChat's check was unsure of with 通过 / 不通过.
import type { SessionRecord, Statement } from '../../../typings/index'
import { api } from '../../services/api'
import { type ReviewData, mediaReview } from '../../behaviors/media-review'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDayTime } from '../../utils/date'
import { definePage } from '../../utils/define'
import { finalRefusal, loadInto } from '../../utils/page'
import { typeLabels, windowText } from '../../pages/orglife/labels'

export type Data = ElderData &
  LoadData &
  ReviewData & {
    id: string
    record: SessionRecord | null
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
        ({ record, isSecretary }) => ({
          record,
          typeLabel: typeLabels[record.type],
          timeText: windowText(record),
          isSecretary,
          closedText: `${formatDayTime(record.closedAt)} ${record.closedBy === 'auto' ? '到时自动结束' : '由支部书记结束'}`,
          attendedNames: namesOf(record.attended),
          absentNames: namesOf(record.absent),
          statements: record.statements.map((s) => ({ ...s, timeText: formatDayTime(s.at) })),
        }),
        { fresh: true, failed: finalRefusal },
      )
    },
  },
})
