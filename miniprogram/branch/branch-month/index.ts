// The secretary's month view of the branch: who is below the minimums (first), and the minimums in force,
// changed in a bottom sheet (修改最低要求) that opens prefilled with the rules as the server has them now.
// With ?branchId= the community and district admins who oversee the branch read it (the minimums are the
// secretary's to set). Each member's row also says where they report in the community (社区报到) and the
// half-year's feedback cards, for the branch's 民主评议 (community.branchRecord, read alongside).
import type { CheckinOutputs, CommunityOutputs, Minimums } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { monthLabel, shiftMonth } from '../../utils/date'
import { definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto, runAction, toastFailure } from '../../utils/page'

type MemberRow = {
  id: string
  name: string
  score: number
  metAll: boolean
  detail: string
  /** 社区报到 in one line: 未报到, or the community, the half-year's hours and the latest card. */
  report: string
  reported: boolean
}
type ReportRow = CommunityOutputs['branchRecord']['members'][number]

export type Data = ElderData &
  LoadData & {
    /** The branch an overseeing admin opened ('' for the secretary's own). */
    branchId: string
    month: string
    monthTitle: string
    branchName: string
    belowCount: number
    total: number
    members: MemberRow[]
    /** The half-year the 社区报到 hours are counted over: 2026年下半年. */
    halfYear: string
    /** The minimums in force, as one line: 报到 ≥ 4 次 · 评论留言 ≥ 10 条. */
    rulesText: string
    sheetOpen: boolean
    minCheckin: string
    minComment: string
    minStudy: string
    opening: boolean
    saving: boolean
  }

/** A 评语 is shown as far as it fits the line. */
const COMMENT_CHARS = 20
const clip = (text: string) =>
  text.length > COMMENT_CHARS ? `${text.slice(0, COMMENT_CHARS)}…` : text

const REPORT_STATES: Record<ReportRow['state'], string> = {
  none: '未报到',
  overdue: '报到已过期',
  dueSoon: '已报到（即将到期）',
  current: '已报到',
}

function reportOf(r: ReportRow | undefined): string {
  if (!r || r.state === 'none') return REPORT_STATES.none
  return [
    `${REPORT_STATES[r.state]}：${r.communityName ?? ''}`,
    `服务 ${r.hours} 小时`,
    r.rating === null ? '' : `最近评价 ${r.rating} 分${r.comment ? `「${clip(r.comment)}」` : ''}`,
  ]
    .filter(Boolean)
    .join('，')
}

const halfYearOf = (months: string[]) =>
  `${months[0].slice(0, 4)}年${months[0].endsWith('-01') ? '上' : '下'}半年`

const rowOf = (
  m: CheckinOutputs['branchMonth']['members'][number],
  report: ReportRow | undefined,
): MemberRow => ({
  id: m.id,
  name: m.name,
  score: m.score,
  metAll: m.metAll,
  detail: m.metAll
    ? `报到 ${m.counts.checkin ?? 0} 次，留言 ${m.counts.comment ?? 0} 条`
    : [
        m.shortfall.checkin ? `报到还差 ${m.shortfall.checkin} 次` : '',
        m.shortfall.comment ? `留言还差 ${m.shortfall.comment} 条` : '',
        m.shortfall.study ? `学习还差 ${m.shortfall.study} 项` : '',
      ]
        .filter(Boolean)
        .join('，'),
  report: reportOf(report),
  reported: !!report && (report.state === 'current' || report.state === 'dueSoon'),
})

const rulesTextOf = (m: Minimums) =>
  [
    m.checkin ? `报到 ≥ ${m.checkin} 次` : '',
    m.comment ? `评论留言 ≥ ${m.comment} 条` : '',
    m.study ? `网上党校 ≥ ${m.study} 项` : '',
  ]
    .filter(Boolean)
    .join(' · ') || '不作要求'

definePage<Data>()({
  behaviors: [loaded, pulled],
  data: {
    branchId: '',
    month: '',
    monthTitle: '',
    branchName: '',
    belowCount: 0,
    total: 0,
    members: [],
    halfYear: '',
    rulesText: '',
    sheetOpen: false,
    minCheckin: '',
    minComment: '',
    minStudy: '',
    opening: false,
    saving: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ branchId: query.branchId ?? '' })
      this.load()
    },

    load(): Promise<void> {
      const { month, branchId } = this.data
      const input = { ...(month ? { month } : {}), ...(branchId ? { branchId } : {}) }
      return loadInto(
        this,
        // Both reads at once: the page waits for the slower, not for the two in turn.
        () => Promise.all([api.checkin.branchMonth(input), api.community.branchRecord(input)]),
        ([view, record]) => {
          const reports = new Map(record.members.map((r) => [r.memberId, r]))
          return {
            month: view.month,
            monthTitle: monthLabel(view.month),
            branchName: view.branchName,
            belowCount: view.belowCount,
            total: view.members.length,
            members: view.members.map((m) => rowOf(m, reports.get(m.id))),
            halfYear: halfYearOf(record.months),
            rulesText: rulesTextOf(view.minimums),
          }
        },
        {
          fresh: true,
          failed: (err) =>
            finalRefusal(err, `这里是支部书记查看本支部每月达标情况的页面。${OFFICERS_GO}`),
        },
      )
    },

    onPrevMonth() {
      this.setData({ month: shiftMonth(this.data.month, -1) })
      this.load()
    },

    onNextMonth() {
      this.setData({ month: shiftMonth(this.data.month, 1) })
      this.load()
    },

    /** 修改最低要求: the sheet opens with the rules in force read just now, so it never shows stale ones. */
    onOpenSheet(): Promise<boolean> {
      return runAction(this, {
        busyKey: 'opening',
        work: () => api.checkin.settings({}),
        after: ({ minimums }) =>
          this.setData({
            sheetOpen: true,
            minCheckin: String(minimums.checkin),
            minComment: String(minimums.comment),
            minStudy: String(minimums.study),
          }),
        failed: toastFailure,
      })
    },

    onCloseSheet() {
      this.setData({ sheetOpen: false })
    },

    onMinCheckin(e: WechatMiniprogram.Input) {
      this.setData({ minCheckin: e.detail.value })
    },

    onMinComment(e: WechatMiniprogram.Input) {
      this.setData({ minComment: e.detail.value })
    },

    onMinStudy(e: WechatMiniprogram.Input) {
      this.setData({ minStudy: e.detail.value })
    },

    async onSaveMinimums(): Promise<void> {
      const checkin = Number(this.data.minCheckin)
      const comment = Number(this.data.minComment)
      const study = Number(this.data.minStudy)
      if (![checkin, comment, study].every(Number.isInteger)) {
        wx.showToast({ title: '请填写整数，0 表示不作要求', icon: 'none' })
        return
      }
      await runAction(this, {
        busyKey: 'saving',
        work: () => api.checkin.updateSettings({ minimums: { checkin, comment, study } }),
        done: '已保存',
        after: () => {
          this.setData({ sheetOpen: false })
          return this.load()
        },
        failed: toastFailure,
      })
    },
  },
})
