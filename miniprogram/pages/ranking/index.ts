// 排行: the member ranking of my branch and the branch ranking of my community, this month's (live) or last
// month's (its settled snapshot), my row highlighted; 积分规则 explains the points (?rules=1 opens it).
import type { RankedBranch, RankedMember } from '../../../typings/index'
import { ApiError, api } from '../../services/api'
import { type LoadData, loaded, pulled } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { periodLabel, shiftMonth, thisMonthKey } from '../../utils/date'
import { type Patch, definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'
import { type RuleLine, ruleLines } from '../../utils/rules'

type Tab = 'members' | 'branches'
/** 本月 (live) or 上月 (settled). */
type Period = 'this' | 'last'
type MemberRow = {
  key: string
  rank: number
  name: string
  score: number
  mine: boolean
  percent: number
}
type BranchRow = {
  key: string
  rank: number
  name: string
  perMember: number
  ratePercent: number
  score: number
  activeMembers: number
  mine: boolean
  bottom: boolean
  percent: number
}

export type Data = ElderData &
  LoadData & {
    tab: Tab
    period: Period
    month: string
    members: MemberRow[]
    /** My row when it falls outside the top list. */
    myRow: MemberRow | null
    branches: BranchRow[]
    /** Community and district staff, who have no branch: the branch ranking and a way to the officers' views. */
    officer: boolean
    rulesOpen: boolean
    rules: RuleLine[]
  }

const percentOf = (value: number, max: number) =>
  max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0

function memberRows(top: RankedMember[], max: number): MemberRow[] {
  return top.map((r) => ({
    key: r.memberId,
    rank: r.rank,
    name: r.name,
    score: r.score,
    mine: r.mine,
    percent: percentOf(r.score, max),
  }))
}

function branchRows(branches: RankedBranch[], bottom: RankedBranch[]): BranchRow[] {
  const max = branches[0]?.perMember ?? 0
  const bottomIds = new Set(bottom.map((b) => b.branchId))
  return branches.map((b) => ({
    key: b.branchId,
    rank: b.rank,
    name: b.name,
    perMember: b.perMember,
    ratePercent: Math.round(b.activeRate * 100),
    score: b.score,
    activeMembers: b.activeMembers,
    mine: b.mine,
    bottom: bottomIds.has(b.branchId),
    percent: percentOf(b.perMember, max),
  }))
}

/** Last month before its settlement: a note instead of live figures that may still move. */
function unsettled(period: Period, r: { month: string; settled: boolean }): Patch<Data> | null {
  if (period === 'this' || r.settled) return null
  const next = Number(shiftMonth(r.month, 1).slice(5))
  return {
    status: 'empty',
    message: `上月排行将在 ${next} 月 1 日结算后公布，请稍后再看`,
    month: periodLabel(r.month),
  }
}

const monthOf = (period: Period) =>
  period === 'last' ? { month: shiftMonth(thisMonthKey(), -1) } : {}

/** The member ranking of my branch, my row apart when it is not in the top list. */
async function membersTab(period: Period): Promise<Patch<Data>> {
  const r = await api.stats.memberRanking(monthOf(period)).catch((err: unknown) => {
    if (err instanceof ApiError && err.code === 'INVALID_ARGUMENT') return null
    throw err
  })
  if (!r) return { ...(await branchesTab(period)), tab: 'branches', officer: true }
  const note = unsettled(period, r)
  if (note) return note
  const max = r.top[0]?.score ?? 0
  const inTop = r.top.some((row) => row.mine)
  return {
    status: r.top.length ? 'ready' : 'empty',
    message: period === 'this' ? '本月支部还没有人获得积分，去报到吧' : '上月支部没有人获得积分',
    month: periodLabel(r.month),
    members: memberRows(r.top, max),
    myRow: r.mine && !inTop ? memberRows([r.mine], max)[0] : null,
  }
}

/** The branch ranking of my community. */
async function branchesTab(period: Period): Promise<Patch<Data>> {
  const r = await api.stats.branchRanking(monthOf(period))
  const note = unsettled(period, r)
  if (note) return note
  return {
    status: r.branches.length ? 'ready' : 'empty',
    message: '本社区还没有支部排名',
    month: periodLabel(r.month),
    branches: branchRows(r.branches, r.bottom),
  }
}

definePage<Data>()({
  behaviors: [loaded, pulled],
  data: {
    tab: 'members',
    period: 'this',
    month: '',
    members: [],
    myRow: null,
    branches: [],
    officer: false,
    rulesOpen: false,
    rules: ruleLines(),
  },

  methods: {
    /** Loads once; 报到's month view opens it with ?rules=1 to explain the points. */
    onLoad(query: { rules?: string }) {
      if (query.rules) this.setData({ rulesOpen: true })
      this.load()
    },

    load(): Promise<void> {
      const { tab, period } = this.data
      const read = () => (tab === 'members' ? membersTab(period) : branchesTab(period))
      return loadInto(this, read, (patch) => patch, { fresh: true })
    },

    onTab(e: WechatMiniprogram.BaseEvent<Record<string, never>, { tab: Tab }>) {
      const { tab } = e.currentTarget.dataset
      if (tab === this.data.tab) return
      this.setData({ tab })
      this.load()
    },

    onPeriod(e: WechatMiniprogram.BaseEvent<Record<string, never>, { period: Period }>) {
      const { period } = e.currentTarget.dataset
      if (period === this.data.period) return
      this.setData({ period })
      this.load()
    },

    onOpenRules() {
      this.setData({ rulesOpen: true })
    },

    onCloseRules() {
      this.setData({ rulesOpen: false })
    },
  },
})
