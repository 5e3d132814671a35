// 组织关系接转 for the branch's officers: members asking to leave (同意转出 / 不同意) and members released by
// another branch to join (接收 / 不同意, with the reason asked in a dialog). A branch with no secretary is
// handled by its community's admin or the district (?branchId=).
import type { Transfer } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import { branchScoped } from '../../behaviors/scoped'
import type { ElderData } from '../../behaviors/elder'
import { formatDay, periodLabel } from '../../utils/date'
import { type IdTap, definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto, runAction } from '../../utils/page'

type Line = { id: string; name: string; route: string; letter: string; reason: string }

export type Data = ElderData &
  LoadData & {
    branchId: string
    branchName: string
    toRelease: Line[]
    toAccept: Line[]
    /** The caller oversees the branch: the link to 办理党员离开 shows. */
    officer: boolean
    busyId: string
  }

const FOR_OFFICERS = '这里是支部书记办理组织关系转出、转入的页面。' + OFFICERS_GO

const lineOf = (t: Transfer): Line => ({
  id: t.id,
  name: t.name,
  route: `${t.from.branchName} → ${t.to.branchName}`,
  letter: `${t.standingText} · 党费交至${periodLabel(t.duesPaidUntil)} · ${formatDay(t.createdAt)}申请`,
  reason: t.reason,
})

definePage<Data>()({
  behaviors: [loaded, shown, pulled, branchScoped],
  data: { branchId: '', branchName: '', toRelease: [], toAccept: [], officer: false, busyId: '' },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.member.transferQueue(this.branchScope()),
        (q) => ({
          status: q.toRelease.length || q.toAccept.length ? 'ready' : 'empty',
          message: `${q.branchName}没有待办理的组织关系接转`,
          branchName: q.branchName,
          officer: true,
          toRelease: q.toRelease.map(lineOf),
          toAccept: q.toAccept.map(lineOf),
        }),
        { failed: (err) => finalRefusal(err, FOR_OFFICERS) },
      )
    },

    async onRelease(e: IdTap): Promise<void> {
      const transferId = e.currentTarget.dataset.id
      const { confirm } = await wx.showModal({
        title: '同意转出？',
        content: '同意后由接收支部书记接收，接收后该党员转入新支部。',
        confirmText: '同意转出',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busyId',
        busyId: transferId,
        work: () => api.member.releaseTransfer({ transferId }),
        done: '已同意转出',
        after: () => this.load(),
      })
    },

    async onAccept(e: IdTap): Promise<void> {
      const transferId = e.currentTarget.dataset.id
      const { confirm } = await wx.showModal({
        title: '接收转入？',
        content: '接收后该党员即属于本支部，本月此后的积分计入本支部。',
        confirmText: '接收',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busyId',
        busyId: transferId,
        work: () => api.member.acceptTransfer({ transferId }),
        done: '已接收',
        after: () => this.load(),
      })
    },

    async onRefuse(e: IdTap): Promise<void> {
      const transferId = e.currentTarget.dataset.id
      const { confirm, content } = await wx.showModal({
        title: '不同意这份转接申请？',
        editable: true,
        placeholderText: '请填写原因（申请人会看到）',
        confirmText: '不同意',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busyId',
        busyId: transferId,
        work: () => api.member.refuseTransfer({ transferId, reason: (content ?? '').trim() }),
        done: '已处理',
        after: () => this.load(),
      })
    },

    onLeave() {
      const { branchId } = this.data
      wx.navigateTo({ url: `/officer/leave/index${branchId ? `?branchId=${branchId}` : ''}` })
    },
  },
})
