// 各支部学习完成情况: for the district admin (every branch) and a community admin (their community's): this
// month's due 网上党校 items per branch and how many of them the branch's members completed, lowest first.
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { periodLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { finalRefusal, loadInto } from '../../utils/page'

type Row = { id: string; name: string; note: string; percent: string }

export type Data = ElderData &
  LoadData & {
    month: string
    summary: string
    rows: Row[]
  }

const FOR_OFFICERS =
  '这里是区委组织部和社区党委查看各支部网上党校完成情况的页面；党员请在「网上党校」中学习。'

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: { month: '', summary: '', rows: [] },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.study.byBranch({}),
        (r) => ({
          status: r.branches.length ? 'ready' : 'empty',
          message: '没有支部',
          month: r.month,
          summary: `${periodLabel(r.month)} · 区委推送 ${r.districtItems} 项`,
          rows: r.branches.map((b) => ({
            id: b.branchId,
            name: b.branchName,
            note: `${b.members} 名党员 · 本月必学 ${b.items} 项 · 已完成 ${b.completions} 人次`,
            percent: b.percent === null ? '无' : `${b.percent}%`,
          })),
        }),
        { failed: (err) => finalRefusal(err, FOR_OFFICERS) },
      )
    },
  },
})
