// 首页: greets the user with their branch and community, and summarises the district's party organisation.
import type { Me, OrgNode } from '../../../typings/index'
import { api } from '../../services/api'
import { pulled, retried, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { rolesText } from '../../utils/format'
import { type LoadStatus, loadInto } from '../../utils/page'
import { type TodoScope, todoScopeOf, workbenchOf } from '../../utils/todo'

type BranchRow = { id: string; name: string; branchType: string; memberCount: number }
type CommunityRow = { id: string; name: string; memberCount: number; branches: BranchRow[] }

/** Who I am and the district's tree load (and fail) apart. */
export type Data = ElderData & {
  meStatus: LoadStatus
  meError: string
  me: Me | null
  rolesText: string
  myBranchId: string
  todoScope: TodoScope
  /** An officer's workbench page ('' for everyone else). */
  workbench: string
  treeStatus: LoadStatus
  treeError: string
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
  behaviors: [retried, shown, pulled],
  data: {
    meStatus: 'loading',
    meError: '',
    me: null,
    rolesText: '',
    myBranchId: '',
    todoScope: '',
    workbench: '',
    treeStatus: 'loading',
    treeError: '',
    districtName: '',
    memberCount: 0,
    branchCount: 0,
    communities: [],
  },

  methods: {
    async load(): Promise<void> {
      await Promise.all([this.loadMe(), this.loadTree()])
    },

    loadMe(): Promise<void> {
      return loadInto(
        this,
        () => api.member.me(),
        ({ me }) => ({
          me,
          rolesText: me.kind === 'member' || me.kind === 'admin' ? rolesText(me.roles) : '',
          myBranchId: me.kind === 'member' ? me.branchId : '',
          todoScope: todoScopeOf(me),
          workbench: workbenchOf(me),
        }),
        { slot: { status: 'meStatus', message: 'meError' } },
      )
    },

    loadTree(): Promise<void> {
      return loadInto(
        this,
        () => api.org.tree(),
        ({ root }) => {
          const communities = communitiesOf(root)
          return {
            districtName: root.name,
            memberCount: root.memberCount,
            branchCount: communities.reduce((sum, c) => sum + c.branches.length, 0),
            communities,
          }
        },
        { slot: { status: 'treeStatus', message: 'treeError' } },
      )
    },

    onRegister() {
      wx.navigateTo({ url: '/pages/register/index' })
    },
  },
})
