// 各支部党费收缴: for a community admin (their community's branches) and the district admin (every branch, or
// ?communityId= one community): each branch's month — members owing it, paid, unpaid, 基数待确认 — lowest
// 收缴率 first; a branch opens its 党费交纳登记 (read-only for admins). Counts only, no names or amounts.
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import { communityScoped } from '../../behaviors/scoped'
import type { ElderData } from '../../behaviors/elder'
import { monthLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { finalRefusal, loadInto } from '../../utils/page'

type Row = { id: string; name: string; note: string; rate: string; low: boolean; url: string }

export type Data = ElderData &
  LoadData & {
    communityId: string
    month: string
    thisMonth: string
    summary: string
    rows: Row[]
  }

const FOR_OFFICERS =
  '这里是社区党委和区委组织部查看各支部党费收缴情况的页面；党员请在「我的 → 我的党费」交纳，支部书记在「党费交纳登记」查看本支部。'

/** Below this 收缴率 a branch's tag is marked. */
const LOW_PERCENT = 60

definePage<Data>()({
  behaviors: [loaded, shown, pulled, communityScoped],
  data: { month: '', thisMonth: '', summary: '', rows: [] },

  methods: {
    load(): Promise<void> {
      const { month } = this.data
      return loadInto(
        this,
        () => api.dues.byBranch({ ...this.communityScope(), ...(month ? { month } : {}) }),
        (r) => {
          const sum = (k: 'required' | 'paid') => r.branches.reduce((s, b) => s + b[k], 0)
          return {
            status: r.branches.length ? 'ready' : 'empty',
            message: '没有支部',
            month: r.month,
            thisMonth: this.data.thisMonth || r.month,
            summary: `${monthLabel(r.month)} · ${r.branches.length} 个支部 · 应交 ${sum('required')} 人，已交 ${sum('paid')} 人`,
            rows: r.branches.map((b) => ({
              id: b.branchId,
              name: b.branchName,
              note: `应交 ${b.required} 人 · 已交 ${b.paid} · 未交 ${b.unpaid} · 基数待确认 ${b.unconfirmed}`,
              rate: b.rate === null ? '无应交' : `${b.rate}%`,
              low: b.rate !== null && b.rate < LOW_PERCENT,
              url: `/dues/register/index?branchId=${b.branchId}`,
            })),
          }
        },
        { failed: (err) => finalRefusal(err, FOR_OFFICERS) },
      )
    },

    onMonth(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ month: e.detail.value, status: 'loading' })
      this.load()
    },
  },
})
