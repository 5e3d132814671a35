// 组织生活: my branch's sessions (open / upcoming / records); the secretary's 三会一课 progress and the button to
// schedule one; a community admin's list of branches behind on 三会一课, each opening its sessions; a district
// admin, who takes part in no branch's, is sent to 组织概况, where each branch's sessions open.
import type { CadenceItem, Me } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { type IdTap, type Patch, definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'
import { type SessionRow, openSession, sessionRow, typeLabels } from './labels'

type CadenceRow = {
  type: string
  label: string
  periodText: string
  stateText: string
  overdue: boolean
}
type BranchRow = { branchId: string; branchName: string; overdueText: string; dueText: string }

export type Data = ElderData &
  LoadData & {
    view: 'member' | 'community' | 'district' | 'none'
    branchName: string
    isSecretary: boolean
    open: SessionRow[]
    upcoming: SessionRow[]
    closed: SessionRow[]
    cadence: CadenceRow[]
    communityName: string
    branches: BranchRow[]
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
  return me.kind === 'admin' && me.roles.includes('districtAdmin') ? 'district' : 'none'
}

/** A member's branch: its sessions and, for the secretary, the 三会一课 progress. */
async function memberView(): Promise<Patch<Data>> {
  const list = await api.orglife.listSessions()
  const cadence = list.isSecretary ? (await api.orglife.cadence()).items.map(cadenceRow) : []
  return {
    branchName: list.branchName,
    isSecretary: list.isSecretary,
    open: list.open.map(sessionRow),
    upcoming: list.upcoming.map(sessionRow),
    closed: list.closed.map(sessionRow),
    cadence,
  }
}

/** A community admin's branches behind on 三会一课. */
async function communityView(): Promise<Patch<Data>> {
  const overview = await api.orglife.communityCadence()
  return {
    communityName: overview.communityName,
    branches: overview.branches.map((b) => ({
      branchId: b.branchId,
      branchName: b.branchName,
      overdueText: names(b.overdue),
      dueText: names(b.due),
    })),
  }
}

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: {
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

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        async (): Promise<Patch<Data>> => {
          const view = viewOf((await api.member.me()).me)
          if (view === 'member') return { view, ...(await memberView()) }
          if (view === 'community') return { view, ...(await communityView()) }
          if (view === 'district') return { view }
          return { view, status: 'empty', message: '认证为党员后，可以参加本支部的网上组织生活' }
        },
        (patch) => patch,
      )
    },

    onOpen: openSession,

    /** A community admin's branch: its sessions, read-only. */
    onOpenBranch(e: IdTap) {
      const { id } = e.currentTarget.dataset
      wx.navigateTo({ url: `/officer/sessions/index?branchId=${encodeURIComponent(id)}` })
    },

    onOverview() {
      wx.navigateTo({ url: '/officer/overview/index' })
    },

    onCreate() {
      wx.navigateTo({ url: '/branch/orglife-form/index' })
    },
  },
})
