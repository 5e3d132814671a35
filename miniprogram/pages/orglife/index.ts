// 组织生活: my branch's sessions (open / upcoming / records); the secretary's 三会一课 progress and the button to
// schedule one; a community admin's list of branches behind on 三会一课.
import type { CadenceItem, Me } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { type SessionRow, sessionRow, typeLabels } from './labels'
import { reloadHandlers } from '../../utils/refresh'

type LoadStatus = 'loading' | 'ready' | 'error' | 'empty'
type CadenceRow = {
  type: string
  label: string
  periodText: string
  stateText: string
  overdue: boolean
}
type BranchRow = { branchId: string; branchName: string; overdueText: string; dueText: string }

type Data = {
  status: LoadStatus
  message: string
  view: 'member' | 'community' | 'none'
  branchName: string
  isSecretary: boolean
  open: SessionRow[]
  upcoming: SessionRow[]
  closed: SessionRow[]
  cadence: CadenceRow[]
  communityName: string
  branches: BranchRow[]
}

type Custom = {
  load(): Promise<void>
  loadMember(): Promise<void>
  loadCommunity(): Promise<void>
  onRetry(): void
  onOpen(e: WechatMiniprogram.TouchEvent<object, object, { id: string; phase: string }>): void
  onCreate(): void
}

const STATE_TEXT: Record<CadenceItem['state'], string> = {
  held: '已召开',
  scheduled: '已安排',
  due: '待召开',
}

const cadenceRow = (item: CadenceItem): CadenceRow => ({
  type: item.type,
  label: typeLabels[item.type],
  periodText: item.period === 'month' ? '每月' : '每季度',
  stateText: STATE_TEXT[item.state],
  overdue: item.overdue,
})

const names = (types: (keyof typeof typeLabels)[]) => types.map((t) => typeLabels[t]).join('、')

const viewOf = (me: Me): Data['view'] => {
  if (me.kind === 'member' && me.status === 'active') return 'member'
  if (me.kind === 'admin' && me.roles.includes('communityAdmin')) return 'community'
  return 'none'
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    message: '',
    view: 'none',
    branchName: '',
    isSecretary: false,
    open: [],
    upcoming: [],
    closed: [],
    cadence: [],
    communityName: '',
    branches: [],
  },

  ...reloadHandlers,

  async load() {
    if (this.data.status !== 'ready') this.setData({ status: 'loading' })
    try {
      const { me } = await api.member.me()
      const view = viewOf(me)
      this.setData({ view })
      if (view === 'member') await this.loadMember()
      else if (view === 'community') await this.loadCommunity()
      else
        this.setData({
          status: 'empty',
          message: '认证为党员后，可以参加本支部的网上组织生活',
        })
    } catch (err) {
      this.setData({ status: 'error', message: errorMessage(err) })
    }
  },

  async loadMember() {
    const list = await api.orglife.listSessions()
    const cadence = list.isSecretary ? (await api.orglife.cadence()).items.map(cadenceRow) : []
    this.setData({
      status: 'ready',
      branchName: list.branchName,
      isSecretary: list.isSecretary,
      open: list.open.map(sessionRow),
      upcoming: list.upcoming.map(sessionRow),
      closed: list.closed.map(sessionRow),
      cadence,
    })
  },

  async loadCommunity() {
    const overview = await api.orglife.communityCadence()
    this.setData({
      status: 'ready',
      communityName: overview.communityName,
      branches: overview.branches.map((b) => ({
        branchId: b.branchId,
        branchName: b.branchName,
        overdueText: names(b.overdue),
        dueText: names(b.due),
      })),
    })
  },

  onRetry() {
    this.load()
  },

  onOpen(e) {
    const { id, phase } = e.currentTarget.dataset
    const page = phase === 'closed' ? 'orglife-record' : 'orglife-room'
    wx.navigateTo({ url: `/pages/${page}/index?id=${encodeURIComponent(id)}` })
  },

  onCreate() {
    wx.navigateTo({ url: '/pages/orglife-form/index' })
  },
})
