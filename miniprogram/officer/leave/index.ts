// 办理党员离开: the secretary picks a member of the branch, the kind (转出本区 / 停止党籍 / 出党 / 去世) and a
// reason, and confirms; the member keeps reading their own records but no longer takes part in the branch.
import type { LeaveKind, Role } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import { branchScoped } from '../../behaviors/scoped'
import type { ElderData } from '../../behaviors/elder'
import { type IdTap, definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, forbidden, loadInto, runAction } from '../../utils/page'

type Member = { id: string; name: string; phone: string }

export type Data = ElderData &
  LoadData & {
    branchId: string
    branchName: string
    members: Member[]
    selectedId: string
    selectedName: string
    kindNames: string[]
    kindIndex: number
    reason: string
    busy: boolean
  }

type ReasonEvent = WechatMiniprogram.CustomEvent<{ value: string }>
type IndexEvent = WechatMiniprogram.CustomEvent<{ value: string }>

// The contract's LEAVE_KIND_LABELS is a value and cannot ship in the package; `Record<…>` keeps this complete.
const KIND_LABELS: Record<LeaveKind, string> = {
  movedOut: '转出本区',
  suspended: '停止党籍',
  expelled: '出党',
  deceased: '去世',
}
const KINDS = Object.keys(KIND_LABELS) as LeaveKind[]

/** Who may mark a member as left (the server checks the branch too). */
const OFFICER_ROLES: Role[] = ['secretary', 'communityAdmin', 'districtAdmin']

const FOR_OFFICERS = '这里是支部书记为党员办理离开（转出本区、停止党籍等）的页面。' + OFFICERS_GO

definePage<Data>()({
  behaviors: [loaded, shown, pulled, branchScoped],
  data: {
    branchId: '',
    branchName: '',
    members: [],
    selectedId: '',
    selectedName: '',
    kindNames: KINDS.map((k) => KIND_LABELS[k]),
    kindIndex: 0,
    reason: '',
    busy: false,
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () =>
          Promise.all([
            api.member.me(),
            api.member.directory({ ...this.branchScope(), status: 'active' }),
          ]),
        ([{ me }, d]) => {
          const roles = me.kind === 'member' || me.kind === 'admin' ? me.roles : []
          if (!roles.some((r) => OFFICER_ROLES.includes(r))) return forbidden(FOR_OFFICERS)
          const own = me.kind === 'guest' ? '' : me.id
          const members = d.members
            .filter((m) => m.id !== own)
            .map((m) => ({ id: m.id, name: m.name, phone: m.phone }))
          return {
            status: members.length ? 'ready' : 'empty',
            message: `${d.branchName}没有可以办理离开的党员`,
            branchName: d.branchName,
            members,
          }
        },
        { failed: (err) => finalRefusal(err, FOR_OFFICERS) },
      )
    },

    onPick(e: IdTap) {
      const member = this.data.members.find((m) => m.id === e.currentTarget.dataset.id)
      if (member) this.setData({ selectedId: member.id, selectedName: member.name })
    },

    onKind(e: IndexEvent) {
      this.setData({ kindIndex: Number(e.detail.value) })
    },

    onReason(e: ReasonEvent) {
      this.setData({ reason: e.detail.value })
    },

    async onSubmit(): Promise<void> {
      const { selectedId, selectedName, kindIndex, kindNames, reason } = this.data
      if (!selectedId) return
      const { confirm } = await wx.showModal({
        title: `为${selectedName}办理「${kindNames[kindIndex]}」？`,
        content:
          '办理后该党员不再参加支部活动、排名和每月要求，仍可查看自己的记录。此操作不能撤销。',
        confirmText: '确认办理',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: () =>
          api.member.markLeft({
            memberId: selectedId,
            kind: KINDS[kindIndex],
            reason: reason.trim(),
          }),
        done: '已办理',
        after: () => {
          this.setData({ selectedId: '', selectedName: '', reason: '' })
          return this.load()
        },
      })
    },
  },
})
