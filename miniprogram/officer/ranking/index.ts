// 月度排行 for community and district staff: the branch ranking of a community or of the district for any
// month (the current month live, past months as settled), 末位, and each branch's detail and trend.
import type { RankedBranch, RankingScope, StatsOutputs } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { monthLabel, thisMonthKey } from '../../utils/date'
import { definePage } from '../../utils/define'
import { finalRefusal, loadInto } from '../../utils/page'
import { openBranchPage } from '../branch-links'

type BranchRow = {
  key: string
  rank: number
  name: string
  perMember: number
  ratePercent: number
  activeMembers: number
  bottom: boolean
  detail: string
}
type Community = { id: string; name: string }

export type Data = ElderData &
  LoadData & {
    scope: RankingScope
    communityId: string
    month: string
    monthTitle: string
    /** The picker's last month: the current one (the phone's calendar). */
    lastMonth: string
    settled: boolean
    /** How the month's figures were read: settled, live, or a past month not settled (yet). */
    note: string
    branches: BranchRow[]
    bottomNames: string
    /** A district ranks its branches in pages of 1,000 (page from 1); pageNote says which page of how many. */
    page: number
    pages: number
    pageNote: string
    /** District admins pick 全区 (id '') or a community; empty for everyone else. */
    communities: Community[]
    communityIndex: number
    exportUrl: string
    trendUrl: string
  }

function noteOf(r: StatsOutputs['branchRanking']): string {
  const title = monthLabel(r.month)
  if (r.settled) return `${title}已结算，排行固定不变`
  return r.month < thisMonthKey()
    ? `${title}尚未结算，按现有计数排行`
    : `${title}实时排行，计分后立即更新`
}

const query = (params: Record<string, string>) =>
  Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')

function rowsOf(r: StatsOutputs['branchRanking']): BranchRow[] {
  const bottomIds = new Set(r.bottom.map((b) => b.branchId))
  return r.branches.map((b: RankedBranch) => ({
    key: b.branchId,
    rank: b.rank,
    name: b.name,
    perMember: b.perMember,
    ratePercent: Math.round(b.activeRate * 100),
    activeMembers: b.activeMembers,
    bottom: bottomIds.has(b.branchId),
    detail: `/officer/trend/index?${query({ scope: 'branch', branchId: b.branchId, month: r.month })}`,
  }))
}

/** A refusal is this page's answer: the server's reason and what the page is for. */
function refused(err: unknown) {
  const answer = finalRefusal(err)
  return (
    answer && {
      ...answer,
      message: `${answer.message}。月度排行供社区党委和区委组织部查看各支部的人均积分、达标率和末位`,
    }
  )
}

definePage<Data>()({
  behaviors: [loaded, pulled],
  data: {
    scope: 'community',
    communityId: '',
    month: '',
    monthTitle: '',
    lastMonth: '',
    settled: false,
    note: '',
    branches: [],
    bottomNames: '',
    page: 1,
    pages: 1,
    pageNote: '',
    communities: [],
    communityIndex: 0,
    exportUrl: '',
    trendUrl: '',
  },

  methods: {
    onBranchLink: openBranchPage,

    onLoad(q: Record<string, string | undefined>) {
      this.setData({
        scope: q.scope === 'district' ? 'district' : 'community',
        communityId: q.communityId ?? '',
        month: q.month ?? '',
        page: 1,
        lastMonth: thisMonthKey(),
      })
      this.load()
    },

    load(): Promise<void> {
      const { scope, communityId, month, page } = this.data
      const district = scope === 'district' && !communityId
      return loadInto(
        this,
        async () => {
          const ranking = await api.stats.branchRanking({
            ...(district ? { scope: 'district' as const } : {}),
            ...(communityId ? { communityId } : {}),
            ...(month ? { month } : {}),
            page,
          })
          // The district's communities, for the picker: only a district admin is given the district.
          const tree =
            ranking.scope === 'district' && !this.data.communities.length
              ? await api.org.tree()
              : null
          return { ranking, tree }
        },
        ({ ranking: r, tree }) => {
          const communities = tree
            ? [
                { id: '', name: '全区' },
                ...tree.root.children.map((c) => ({ id: c.id, name: c.name })),
              ]
            : this.data.communities
          const scopeId = r.scope === 'district' ? '' : r.scopeId
          return {
            status: r.branches.length ? 'ready' : 'empty',
            message: '该月没有可排名的支部',
            scope: r.scope,
            communityId: scopeId,
            month: r.month,
            monthTitle: monthLabel(r.month),
            settled: r.settled,
            note: noteOf(r),
            branches: rowsOf(r),
            bottomNames: r.bottom.map((b) => b.name).join('、'),
            page: r.page,
            pages: r.pages,
            pageNote: r.pages > 1 ? `第 ${r.page} / ${r.pages} 页，共 ${r.total} 个支部` : '',
            communities,
            communityIndex: Math.max(
              0,
              communities.findIndex((c) => c.id === scopeId),
            ),
            exportUrl: `/officer/export/index?${query({ month: r.month, scope: r.scope, communityId: scopeId })}`,
            trendUrl: scopeId
              ? `/officer/trend/index?${query({ scope: 'community', communityId: scopeId, month: r.month })}`
              : '',
          }
        },
        { fresh: true, failed: refused },
      )
    },

    onMonth(e: WechatMiniprogram.PickerChange) {
      this.setData({ month: String(e.detail.value), page: 1 })
      return this.load()
    },

    /** 上一页 / 下一页 (data-by: -1 / 1). */
    onPage(e: WechatMiniprogram.TouchEvent<object, object, { by: number }>) {
      this.setData({ page: this.data.page + Number(e.currentTarget.dataset.by) })
      return this.load()
    },

    /** The first entry is 全区, then the communities. */
    onCommunity(e: WechatMiniprogram.PickerChange) {
      const { id } = this.data.communities[Number(e.detail.value)]
      this.setData({ scope: id ? 'community' : 'district', communityId: id, page: 1 })
      return this.load()
    },
  },
})
