// 我的服务记录: my report, the services I signed up for, confirmed hours and the community's feedback cards.
import type { CommunityOutputs, ReportState } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDay } from '../../utils/date'
import { definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'

type Record = CommunityOutputs['myRecord']

export type Data = ElderData &
  LoadData & {
    report: Record['report']
    stateText: string
    history: Record['history']
    services: Record['services']
    totalHours: number
  }

const STATE_TEXT: { [S in ReportState]: string } = {
  none: '尚未报到',
  current: '已报到',
  dueSoon: '即将到期',
  overdue: '需重新报到',
}

definePage<Data>()({
  behaviors: [loaded, shown],
  data: {
    report: null,
    stateText: '',
    history: [],
    services: [],
    totalHours: 0,
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.community.myRecord(),
        (record) => ({
          report: record.report,
          stateText: STATE_TEXT[record.report?.state ?? 'none'],
          history: record.history.map((h) => ({
            ...h,
            reportedAt: formatDay(h.reportedAt),
            endedAt: h.endedAt ? formatDay(h.endedAt) : null,
          })),
          services: record.services.map((s) => ({ ...s, date: formatDay(s.date) })),
          totalHours: record.totalHours,
        }),
      )
    },

    onReport() {
      wx.navigateTo({ url: '/community/report/index' })
    },
  },
})
