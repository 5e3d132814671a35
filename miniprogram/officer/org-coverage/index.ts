// 覆盖情况: the 两新 organisations of a community admin's community or a district admin's district (?communityId=
// one community) by party coverage — their own party organisation, covered by a joint one, not covered — per
// community and in all, with those that have 3 or more party members but no organisation of their own (they
// should form one) and how many are due for this quarter's update (五清). Under a community, its 联合党总支 (where
// the district uses them) with their branches and the organisations those cover.
import type { CoverageFigures, GeneralCoverage, Organization } from '../../../typings/index'
import { api } from '../../services/api'
import { communityScoped } from '../../behaviors/scoped'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { periodLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'
import { refusedWith } from '../district/officers-only'
import { REGISTER_ONLY } from '../register/only'

type Figures = Omit<CoverageFigures, 'rate'> & { rateText: string }
type CommunityRow = Figures & {
  communityId: string
  name: string
  generalBranches: GeneralCoverage[]
}
type Flagged = Pick<Organization, 'id' | 'name' | 'partyMembers' | 'coverageText' | 'branchName'>

export type Data = ElderData &
  LoadData & {
    communityId: string
    quarter: string
    total: Figures | null
    communities: CommunityRow[]
    flagged: Flagged[]
  }

const figures = <T extends CoverageFigures>({ rate, ...f }: T) => ({
  ...f,
  rateText: `${Math.round(rate * 1000) / 10}%`,
})

definePage<Data>()({
  behaviors: [loaded, shown, pulled, communityScoped],
  data: { communityId: '', quarter: '', total: null, communities: [], flagged: [] },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.org.coverage(this.communityScope()),
        (c) => ({
          status: c.total.total ? 'ready' : 'empty',
          message: '还没有登记两新组织',
          quarter: periodLabel(c.quarter),
          total: figures(c.total),
          communities: c.communities.map(figures),
          flagged: c.flagged.map((o) => ({
            id: o.id,
            name: o.name,
            partyMembers: o.partyMembers,
            coverageText: o.coverageText,
            branchName: o.branchName,
          })),
        }),
        { failed: refusedWith(REGISTER_ONLY) },
      )
    },
  },
})
