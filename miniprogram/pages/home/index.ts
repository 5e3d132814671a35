// 首页: greets the user with their branch and community, and summarises the district's party organisation.
import type { Me, OrgNode } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { rolesText } from '../../utils/format'
import { type TodoScope, todoScopeOf } from '../../utils/todo'
import { reloadHandlers } from '../../utils/refresh'

type LoadStatus = 'loading' | 'ready' | 'error'
type BranchRow = { id: string; name: string; branchType: string; memberCount: number }
type CommunityRow = { id: string; name: string; memberCount: number; branches: BranchRow[] }

type Data = {
  meStatus: LoadStatus
  meError: string
  me: Me | null
  rolesText: string
  myBranchId: string
  todoScope: TodoScope
  treeStatus: LoadStatus
  treeError: string
  districtName: string
  memberCount: number
  branchCount: number
  communities: CommunityRow[]
}

type Custom = {
  load(): Promise<void>
  loadMe(): Promise<void>
  loadTree(): Promise<void>
  onRetry(): void
  onRegister(): void
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

Page<Data, Custom>({
  data: {
    meStatus: 'loading',
    meError: '',
    me: null,
    rolesText: '',
    myBranchId: '',
    todoScope: '',
    treeStatus: 'loading',
    treeError: '',
    districtName: '',
    memberCount: 0,
    branchCount: 0,
    communities: [],
  },

  ...reloadHandlers,

  async load() {
    await Promise.all([this.loadMe(), this.loadTree()])
  },

  async loadMe() {
    if (this.data.meStatus !== 'ready') this.setData({ meStatus: 'loading' })
    try {
      const { me } = await api.member.me()
      this.setData({
        meStatus: 'ready',
        me,
        rolesText: me.kind === 'member' || me.kind === 'admin' ? rolesText(me.roles) : '',
        myBranchId: me.kind === 'member' ? me.branchId : '',
        todoScope: todoScopeOf(me),
      })
    } catch (err) {
      this.setData({ meStatus: 'error', meError: errorMessage(err) })
    }
  },

  async loadTree() {
    if (this.data.treeStatus !== 'ready') this.setData({ treeStatus: 'loading' })
    try {
      const { root } = await api.org.tree()
      const communities = communitiesOf(root)
      this.setData({
        treeStatus: 'ready',
        districtName: root.name,
        memberCount: root.memberCount,
        branchCount: communities.reduce((sum, community) => sum + community.branches.length, 0),
        communities,
      })
    } catch (err) {
      this.setData({ treeStatus: 'error', treeError: errorMessage(err) })
    }
  },

  onRetry() {
    if (this.data.meStatus === 'error') this.loadMe()
    if (this.data.treeStatus === 'error') this.loadTree()
  },

  onRegister() {
    wx.navigateTo({ url: '/pages/register/index' })
  },
})
