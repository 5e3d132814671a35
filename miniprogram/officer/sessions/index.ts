// 组织生活 of one branch, read by an officer who oversees it (its community's admin, a district admin), opened
// from 组织概况 and the ranking with ?branchId=: its sessions open, upcoming and closed, each opening read-only.
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import { branchScoped } from '../../behaviors/scoped'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { finalRefusal, loadInto } from '../../utils/page'
import { type SessionRow, openSession, sessionRow } from '../../pages/orglife/labels'

export type Data = ElderData &
  LoadData & {
    branchId: string
    branchName: string
    open: SessionRow[]
    upcoming: SessionRow[]
    closed: SessionRow[]
  }

definePage<Data>()({
  behaviors: [loaded, shown, pulled, branchScoped],
  data: { branchId: '', branchName: '', open: [], upcoming: [], closed: [] },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        async () => {
          const { branchId } = this.data
          if (!branchId)
            return { status: 'empty' as const, message: '请从组织概况或支部排名中选择一个支部' }
          const list = await api.orglife.listSessions({ branchId })
          const rows = {
            branchName: list.branchName,
            open: list.open.map(sessionRow),
            upcoming: list.upcoming.map(sessionRow),
            closed: list.closed.map(sessionRow),
          }
          const none = !rows.open.length && !rows.upcoming.length && !rows.closed.length
          return none
            ? { ...rows, status: 'empty' as const, message: `${list.branchName}还没有组织生活记录` }
            : rows
        },
        (patch) => patch,
        // A branch the caller neither belongs to nor oversees answers as missing: say so, without 重试.
        { failed: (err) => finalRefusal(err) },
      )
    },

    onOpen: openSession,
  },
})
