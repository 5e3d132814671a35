// 组织概况: every community and branch on one page — members, secretary, this month's score per member and
// 达标率, 三会一课 behind, 长期未更新 — with the 末位 list; a district admin sees every community (each
// folds; a large district comes a page of communities at a time), a community admin their own.
// Where a community has 联合党总支, its branches come grouped under them (a heading on each group's first).
// ?communityId= narrows a district admin's view to one community.
import type {
  OrgOutputs,
  OverviewBranch,
  OverviewCommunity,
  SessionType,
} from '../../../typings/index'
import { api } from '../../services/api'
import { communityScoped } from '../../behaviors/scoped'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { periodLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { loadInto, runAction } from '../../utils/page'
import { typeLabels } from '../../pages/orglife/labels'
import { OFFICERS_ONLY, refusedWith } from '../district/officers-only'
import { openBranchPage } from '../branch-links'

type BranchRow = {
  id: string
  name: string
  memberCount: number
  secretaryName: string
  perMember: number
  rateText: string
  cadenceText: string
  stale: boolean
  newsNote: string
  /** On the first branch of a 党总支's group (or of those under none, after groups): its heading. */
  groupHead: string
}
type CommunityRow = {
  id: string
  name: string
  memberCount: number
  staleCount: number
  cadenceCount: number
  branches: BranchRow[]
}
type Bottom = OrgOutputs['overview']['bottom'][number]

export type Data = ElderData &
  LoadData & {
    communityId: string
    month: string
    staleAfterDays: number
    communities: CommunityRow[]
    bottom: Bottom[]
    /** Communities folded shut, by id. */
    folded: Record<string, boolean>
    /** Where the next page of communities starts ('' when this is all). */
    nextCursor: string
    loadingMore: boolean
  }

const cadenceText = (types: SessionType[]) =>
  types.length ? `${types.map((t) => typeLabels[t]).join('、')}上期未召开` : ''

const toRow = (b: OverviewBranch, i: number, all: OverviewBranch[]): BranchRow => ({
  id: b.id,
  name: b.name,
  memberCount: b.memberCount,
  secretaryName: b.secretaryName,
  perMember: b.perMember,
  rateText: `${Math.round(b.activeRate * 100)}%`,
  cadenceText: cadenceText(b.cadenceOverdue),
  stale: b.stale,
  newsNote: b.newsNote,
  groupHead:
    i > 0 && all[i - 1].generalBranchName === b.generalBranchName
      ? ''
      : b.generalBranchName || (i > 0 ? '未归属党总支的支部' : ''),
})

const toCommunity = (c: OverviewCommunity): CommunityRow => ({
  ...c,
  branches: c.branches.map(toRow),
})

definePage<Data>()({
  behaviors: [loaded, shown, pulled, communityScoped],
  data: {
    communityId: '',
    month: '',
    staleAfterDays: 30,
    communities: [],
    bottom: [],
    folded: {},
    nextCursor: '',
    loadingMore: false,
  },

  methods: {
    onBranchLink: openBranchPage,

    load(): Promise<void> {
      return loadInto(
        this,
        () => api.org.overview(this.communityScope()),
        (o) => ({
          status: o.communities.length ? 'ready' : 'empty',
          message: '还没有社区和支部',
          month: periodLabel(o.month),
          staleAfterDays: o.staleAfterDays,
          communities: o.communities.map(toCommunity),
          bottom: o.bottom,
          nextCursor: o.nextCursor ?? '',
        }),
        { failed: refusedWith(OFFICERS_ONLY) },
      )
    },

    onMore(): Promise<boolean> {
      const { nextCursor } = this.data
      return runAction(this, {
        busyKey: 'loadingMore',
        work: () => api.org.overview({ ...this.communityScope(), cursor: nextCursor }),
        after: (o) =>
          this.setData({
            communities: [...this.data.communities, ...o.communities.map(toCommunity)],
            nextCursor: o.nextCursor ?? '',
          }),
      })
    },

    onToggle(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
      const { id } = e.currentTarget.dataset
      this.setData({ folded: { ...this.data.folded, [id]: !this.data.folded[id] } })
    },
  },
})
