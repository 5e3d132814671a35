// 社区报到: a member reports to the community where they live — area, skills, willingness — every half-year.
import type { ReportState, ReportView, Willingness } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { showHandlers } from '../../utils/refresh'

type LoadStatus = 'loading' | 'ready' | 'error'

type Data = {
  status: LoadStatus
  errorMessage: string
  communities: { id: string; name: string }[]
  report: ReportView | null
  stateText: string
  dueText: string
  communityId: string
  area: string
  skills: string
  options: { value: Willingness; on: boolean }[]
  error: string
  submitting: boolean
}

type Custom = {
  load(): Promise<void>
  onRetry(): void
  onCommunity(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>): void
  onInput(
    e: WechatMiniprogram.Input & { currentTarget: { dataset: { field: 'area' | 'skills' } } },
  ): void
  onToggle(e: WechatMiniprogram.TouchEvent<object, object, { value: Willingness }>): void
  onSubmit(): Promise<void>
  showReport(report: ReportView | null): void
}

const STATE_TEXT: Record<ReportState, string> = {
  none: '尚未报到',
  current: '已报到',
  dueSoon: '即将到期，请重新报到',
  overdue: '已超过半年，请重新报到',
}
const WILLINGNESS: Willingness[] = ['便民服务', '爱心帮扶', '文体艺术']

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    communities: [],
    report: null,
    stateText: '',
    dueText: '',
    communityId: '',
    area: '',
    skills: '',
    options: WILLINGNESS.map((value) => ({ value, on: false })),
    error: '',
    submitting: false,
  },

  ...showHandlers,

  async load() {
    try {
      const [{ root }, record] = await Promise.all([api.org.tree(), api.community.myRecord()])
      const communities = root.children
        .filter((c) => c.level === 'community')
        .map((c) => ({ id: c.id, name: c.name }))
      const report = record.report
      this.setData({
        status: 'ready',
        communities,
        communityId: report?.communityId ?? '',
        area: report?.area ?? '',
        skills: report?.skills ?? '',
        options: WILLINGNESS.map((value) => ({
          value,
          on: !!report?.willingness.includes(value),
        })),
      })
      this.showReport(report)
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  showReport(report) {
    this.setData({
      report,
      stateText: STATE_TEXT[report?.state ?? 'none'],
      dueText: report ? report.dueAt.slice(0, 10) : '',
    })
  },

  onRetry() {
    this.setData({ status: 'loading' })
    this.load()
  },

  onCommunity(e) {
    this.setData({ communityId: e.currentTarget.dataset.id, error: '' })
  },

  onInput(e) {
    const field = e.currentTarget.dataset.field
    this.setData({ [field]: e.detail.value, error: '' } as Pick<Data, 'area' | 'error'>)
  },

  onToggle(e) {
    const value = e.currentTarget.dataset.value
    this.setData({
      options: this.data.options.map((o) => (o.value === value ? { ...o, on: !o.on } : o)),
    })
  },

  async onSubmit() {
    if (this.data.submitting) return
    const willingness = this.data.options.filter((o) => o.on).map((o) => o.value)
    if (!this.data.communityId) return this.setData({ error: '请选择您居住的社区' })
    this.setData({ submitting: true, error: '' })
    try {
      const { report } = await api.community.report({
        communityId: this.data.communityId,
        area: this.data.area.trim(),
        skills: this.data.skills.trim(),
        willingness,
      })
      this.showReport(report)
      wx.showToast({ title: '报到成功', icon: 'success' })
    } catch (err) {
      this.setData({ error: errorMessage(err) })
    } finally {
      this.setData({ submitting: false })
    }
  },
})
