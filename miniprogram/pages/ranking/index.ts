// 排行: this month's member ranking of my branch and the branch ranking of my community, my row highlighted.
import type { RankedBranch, RankedMember } from '../../../typings/index'
import { ApiError, api } from '../../services/api'
import { type LoadData, loaded, pulled, opened } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { periodLabel } from '../../utils/date'
import { type Patch, definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'

type Tab = 'members' | 'branches'
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
    month: string
    members: MemberRow[]
    /** My row when it falls outside the top list. */
    myRow: MemberRow | null
    branches: BranchRow[]
    /** Community and district staff, who have no branch: the branch ranking and a way to the officers' views. */
    officer: boolean
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

/** This month's member ranking of my branch, my row apart when it is not in the top list. */
async function membersTab(): Promise<Patch<Data>> {
  const r = await api.stats.memberRanking().catch((err: unknown) => {
    if (err instanceof ApiError && err.code === 'INVALID_ARGUMENT') return null
    throw err
  })
  if (!r) return { ...(await branchesTab()), tab: 'branches', officer: true }
  const max = r.top[0]?.score ?? 0
  const inTop = r.top.some((row) => row.mine)
  return {
    status: r.top.length ? 'ready' : 'empty',
    message: '本月支部还没有人获得积分，去报到吧',
    month: periodLabel(r.month),
    members: memberRows(r.top, max),
    myRow: r.mine && !inTop ? memberRows([r.mine], max)[0] : null,
  }
}

/** This month's branch ranking of my community. */
async function branchesTab(): Promise<Patch<Data>> {
  const r = await api.stats.branchRanking()
  return {
    status: r.branches.length ? 'ready' : 'empty',
    message: '本社区还没有支部排名',
    month: periodLabel(r.month),
    branches: branchRows(r.branches, r.bottom),
  }
}

definePage<Data>()({
  behaviors: [loaded, pulled, opened],
  data: {
    tab: 'members',
    month: '',
    members: [],
    myRow: null,
    branches: [],
    officer: false,
  },

  methods: {
    load(): Promise<void> {
      const tab = this.data.tab === 'members' ? membersTab : branchesTab
      return loadInto(this, tab, (patch) => patch, { fresh: true })
    },

    onTab(e: WechatMiniprogram.BaseEvent<Record<string, never>, { tab: Tab }>) {
      const { tab } = e.currentTarget.dataset
      if (tab === this.data.tab) return
      this.setData({ tab })
      this.load()
    },
  },
})
