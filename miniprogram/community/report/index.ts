// 社区报到: a member reports to the community where they live — area, skills, willingness — every half-year;
// a report in force opens prefilled and is edited (修改报到信息); 更换社区 (moving home) ends the old report
// after a confirmation.
import type { ReportState, ReportView, Willingness } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { type LoadData, loaded, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDay } from '../../utils/date'
import { type IdTap, definePage } from '../../utils/define'
import { loadInto, runAction } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'

type Field = 'area' | 'skills'

export type Data = ElderData &
  LoadData & {
    communities: { id: string; name: string }[]
    report: ReportView | null
    stateText: string
    dueText: string
    communityId: string
    area: string
    skills: string
    options: { value: Willingness; on: boolean }[]
    error: string
    /** Why 报到 is disabled ('' when it is not): what to fill in first. */
    why: string
    submitting: boolean
    /** Choosing another community to report to (moving home). */
    changing: boolean
  }

const STATE_TEXT: Record<ReportState, string> = {
  none: '尚未报到',
  current: '已报到',
  dueSoon: '即将到期，请重新报到',
  overdue: '已超过半年，请重新报到',
}
const WILLINGNESS: Willingness[] = ['便民服务', '爱心帮扶', '文体艺术']

const whyDisabled = (communityId: string, area: string) =>
  !communityId ? '请先选择居住的社区' : area.trim().length < 2 ? '请先填写小区或网格' : ''

/** The report's part of the page. */
const reportPatch = (report: ReportView | null) => ({
  report,
  stateText: STATE_TEXT[report?.state ?? 'none'],
  dueText: report ? formatDay(report.dueAt) : '',
})

definePage<Data>()({
  behaviors: [loaded, shown],
  data: {
    communities: [],
    report: null,
    stateText: '',
    dueText: '',
    communityId: '',
    area: '',
    skills: '',
    options: WILLINGNESS.map((value) => ({ value, on: false })),
    error: '',
    why: whyDisabled('', ''),
    submitting: false,
    changing: false,
  },

  observers: {
    'communityId, area'(communityId: string, area: string) {
      this.setData({ why: whyDisabled(communityId, area) })
    },
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => Promise.all([api.org.tree(), api.community.myRecord()]),
        ([{ root }, { report }]) => ({
          communities: root.children
            .filter((c) => c.level === 'community')
            .map((c) => ({ id: c.id, name: c.name })),
          communityId: report?.communityId ?? '',
          area: report?.area ?? '',
          skills: report?.skills ?? '',
          options: WILLINGNESS.map((value) => ({
            value,
            on: !!report?.willingness.includes(value),
          })),
          ...reportPatch(report),
          changing: false,
        }),
      )
    },

    onChange() {
      this.setData({ changing: true })
    },

    onCommunity(e: IdTap) {
      this.setData({ communityId: e.currentTarget.dataset.id, error: '' })
    },

    onInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field: Field } } }) {
      const field = e.currentTarget.dataset.field
      this.setData({ [field]: e.detail.value, error: '' } as Pick<Data, Field | 'error'>)
    },

    onToggle(e: WechatMiniprogram.TouchEvent<object, object, { value: Willingness }>) {
      const value = e.currentTarget.dataset.value
      this.setData({
        options: this.data.options.map((o) => (o.value === value ? { ...o, on: !o.on } : o)),
      })
    },

    async onSubmit(): Promise<void> {
      const { communityId, area, skills, options, report, why } = this.data
      if (this.data.submitting) return
      if (why) return this.setData({ error: why })
      this.setData({ error: '' })
      const move = !!report && report.communityId !== communityId
      if (move) {
        const to = this.data.communities.find((c) => c.id === communityId)?.name ?? ''
        const answer = await wx.showModal({
          title: `改到${to}报到？`,
          content: `${report.communityName}的报到将结束（记录保留，已确认的服务时长不变），您在那里尚未开始的服务报名会自动取消。`,
          confirmText: '确认更换',
        })
        if (!answer.confirm) return
      }
      await runAction(this, {
        busyKey: 'submitting',
        work: async () => {
          // The community may remind the member when the half-year report falls due.
          await askToNotify(['reportDue'])
          return api.community.report({
            communityId,
            area: area.trim(),
            skills: skills.trim(),
            willingness: options.filter((o) => o.on).map((o) => o.value),
            ...(move ? { move } : {}),
          })
        },
        done: move ? '已更换社区' : report?.state === 'current' ? '已保存修改' : '报到成功',
        after: ({ report, withdrawn }) => {
          this.setData({ ...reportPatch(report), changing: false })
          if (withdrawn.length)
            wx.showModal({
              title: '已取消原社区的服务报名',
              content: withdrawn.map((w) => `${w.date} ${w.title}`).join('\n'),
              showCancel: false,
            })
        },
        failed: (err) => this.setData({ error: errorMessage(err) }),
      })
    },
  },
})
