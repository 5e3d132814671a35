// 排行: this month's member ranking of my branch and the branch ranking of my community, my row highlighted.
import type { RankedBranch, RankedMember } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { pageStyle } from '../../utils/elder'
import { pullHandlers } from '../../utils/refresh'

type Tab = 'members' | 'branches'
type Status = 'loading' | 'ready' | 'empty' | 'error'
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

type Data = {
  tab: Tab
  status: Status
  message: string
  month: string
  members: MemberRow[]
  /** My row when it falls outside the top list. */
  myRow: MemberRow | null
  branches: BranchRow[]
}

type Custom = {
  load(): Promise<void>
  onTab(e: WechatMiniprogram.BaseEvent<Record<string, never>, { tab: Tab }>): void
  onRetry(): void
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

Page<Data, Custom>({
  data: {
    tab: 'members',
    status: 'loading',
    message: '',
    month: '',
    members: [],
    myRow: null,
    branches: [],
  },

  onLoad() {
    this.setData({ pageStyle: pageStyle() })
    this.load()
  },

  ...pullHandlers,

  async load() {
    this.setData({ status: 'loading' })
    try {
      if (this.data.tab === 'members') {
        const r = await api.stats.memberRanking()
        const max = r.top[0]?.score ?? 0
        const inTop = r.top.some((row) => row.mine)
        this.setData({
          status: r.top.length ? 'ready' : 'empty',
          message: '本月支部还没有人获得积分，去报到吧',
          month: r.month,
          members: memberRows(r.top, max),
          myRow: r.mine && !inTop ? memberRows([r.mine], max)[0] : null,
        })
      } else {
        const r = await api.stats.branchRanking()
        this.setData({
          status: r.branches.length ? 'ready' : 'empty',
          message: '本社区还没有支部排名',
          month: r.month,
          branches: branchRows(r.branches, r.bottom),
        })
      }
    } catch (err) {
      this.setData({ status: 'error', message: errorMessage(err) })
    }
  },

  onTab(e) {
    const { tab } = e.currentTarget.dataset
    if (tab === this.data.tab) return
    this.setData({ tab })
    this.load()
  },

  onRetry() {
    this.load()
  },
})
