// 组织架构: the district's communities and branches with their member counts, the viewer's branch marked.
// Opened from 首页; anyone may read it (a guest choosing where to register, too).
import type { OrgNode } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, opened } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'

type BranchRow = { id: string; name: string; branchType: string; memberCount: number }
type CommunityRow = { id: string; name: string; memberCount: number; branches: BranchRow[] }

export type Data = ElderData &
  LoadData & {
    myBranchId: string
    districtName: string
    memberCount: number
    branchCount: number
    communities: CommunityRow[]
  }

const branchesOf = (node: OrgNode): BranchRow[] =>
  node.children
    .filter((child) => child.level === 'branch')
    .map((branch) => ({
      id: branch.id,
      name: branch.name,
      branchType: branch.branchType ?? '',
      memberCount: branch.memberCount,
    }))

const communitiesOf = (root: OrgNode): CommunityRow[] =>
  root.children
    .filter((child) => child.level === 'community')
    .map((community) => ({
      id: community.id,
      name: community.name,
      memberCount: community.memberCount,
      branches: branchesOf(community),
    }))

definePage<Data>()({
  behaviors: [loaded, pulled, opened],
  data: { myBranchId: '', districtName: '', memberCount: 0, branchCount: 0, communities: [] },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => Promise.all([api.member.me(), api.org.tree()]),
        ([{ me }, { root }]) => {
          const communities = communitiesOf(root)
          return {
            status: communities.length ? 'ready' : 'empty',
            message: '本区的组织架构尚未建立',
            myBranchId: me.kind === 'member' ? me.branchId : '',
            districtName: root.name,
            memberCount: root.memberCount,
            branchCount: communities.reduce((sum, c) => sum + c.branches.length, 0),
            communities,
          }
        },
      )
    },
  },
})
