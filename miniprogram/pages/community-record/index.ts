// 我的服务记录: my report, the services I signed up for, confirmed hours and the community's feedback cards.
import type { CommunityOutputs, ReportState } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { showHandlers } from '../../utils/refresh'

type LoadStatus = 'loading' | 'ready' | 'error'
type Record = CommunityOutputs['myRecord']

type Data = {
  status: LoadStatus
  errorMessage: string
  report: Record['report']
  stateText: string
  history: Record['history']
  services: Record['services']
  totalHours: number
}

type Custom = { load(): Promise<void>; onRetry(): void; onReport(): void }

const STATE_TEXT: { [S in ReportState]: string } = {
  none: '尚未报到',
  current: '已报到',
  dueSoon: '即将到期',
  overdue: '需重新报到',
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    report: null,
    stateText: '',
    history: [],
    services: [],
    totalHours: 0,
  },

  ...showHandlers,

  async load() {
    try {
      const record = await api.community.myRecord()
      this.setData({
        status: 'ready',
        report: record.report,
        stateText: STATE_TEXT[record.report?.state ?? 'none'],
        history: record.history.map((h) => ({ ...h, reportedAt: h.reportedAt.slice(0, 10) })),
        services: record.services,
        totalHours: record.totalHours,
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  onRetry() {
    this.setData({ status: 'loading' })
    this.load()
  },

  onReport() {
    wx.navigateTo({ url: '/pages/community-report/index' })
  },
})
