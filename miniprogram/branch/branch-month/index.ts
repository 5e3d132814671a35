// The secretary's month view of the branch: who is below the minimums (first), and the minimums in force,
// changed in a bottom sheet (修改最低要求) that opens prefilled with the rules as the server has them now.
// With ?branchId= the community and district admins who oversee the branch read it (the minimums are the
// secretary's to set).
import type { CheckinOutputs, Minimums } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { monthLabel, shiftMonth } from '../../utils/date'
import { definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto, runAction, toastFailure } from '../../utils/page'

type MemberRow = { id: string; name: string; score: number; metAll: boolean; detail: string }

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
    /** The minimums in force, as one line: 报到 ≥ 4 次 · 评论留言 ≥ 10 条. */
    rulesText: string
    sheetOpen: boolean
    minCheckin: string
    minComment: string
    minStudy: string
    opening: boolean
    saving: boolean
  }

const rowOf = (m: CheckinOutputs['branchMonth']['members'][number]): MemberRow => ({
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
      return loadInto(
        this,
        () =>
          api.checkin.branchMonth({
            ...(month ? { month } : {}),
            ...(branchId ? { branchId } : {}),
          }),
        (view) => ({
          month: view.month,
          monthTitle: monthLabel(view.month),
          branchName: view.branchName,
          belowCount: view.belowCount,
          total: view.members.length,
          members: view.members.map(rowOf),
          rulesText: rulesTextOf(view.minimums),
        }),
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
