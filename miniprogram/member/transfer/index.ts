// 组织关系接转, the member's page: the transfer in flight and its steps (with 撤回), or the form to ask for one
// (the branch to join, 党员身份, 党费交至, reason); earlier transfers below, and a link to the history.
import type { OrgNode, PartyStanding, Transfer } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDay, periodLabel, thisMonthKey } from '../../utils/date'
import { definePage } from '../../utils/define'
import { OFFICERS_GO, loadInto, runAction } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'

type Line = {
  id: string
  route: string
  stateText: string
  pending: boolean
  steps: string[]
  refusal: string
}
type Option = { id: string; name: string }

export type Data = ElderData &
  LoadData & {
    memberId: string
    current: Line | null
    past: Line[]
    /** An active member without a transfer in flight may ask for one. */
    canRequest: boolean
    note: string
    branches: Option[]
    branchNames: string[]
    branchIndex: number
    standingNames: string[]
    standingIndex: number
    duesPaidUntil: string
    /** The picked month as people read it (2026年11月). */
    duesPaidText: string
    thisMonth: string
    reason: string
    busy: boolean
  }

type FieldEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  object,
  { field: 'reason' | 'duesPaidUntil' }
>
type IndexEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  object,
  { field: 'branchIndex' | 'standingIndex' }
>

const NOT_A_MEMBER =
  '组织关系接转由党员本人在这里申请，转出和接收的支部书记在「待办」中办理。' + OFFICERS_GO

// The contract's PARTY_STANDING_LABELS is a value and cannot ship in the package; `Record<…>` keeps this complete.
const STANDING_LABELS: Record<PartyStanding, string> = {
  full: '正式党员',
  probationary: '预备党员',
}
const STANDINGS = Object.keys(STANDING_LABELS) as PartyStanding[]

/** Why a member who is not active cannot ask for a transfer. */
const NOTES = {
  active: '',
  pending: '注册通过支部书记审核后，才能申请组织关系接转。',
  rejected: '注册通过支部书记审核后，才能申请组织关系接转。',
  left: '您已不是本区在册党员，可以查看过去的接转记录。',
}

function lineOf(t: Transfer): Line {
  const steps = [`${formatDay(t.createdAt)} 提交申请`]
  if (t.released) steps.push(`${formatDay(t.released.at)} ${t.released.name} 同意转出`)
  if (t.accepted) steps.push(`${formatDay(t.accepted.at)} ${t.accepted.name} 接收转入`)
  return {
    id: t.id,
    route: `${t.from.branchName} → ${t.to.branchName}`,
    stateText: t.stateText,
    pending: t.state === 'requested' || t.state === 'released',
    steps,
    refusal: t.refused ? `${t.refused.name}：${t.refused.reason}` : '',
  }
}

/** Every branch of the district but the member's own, as 社区 · 支部. */
function branchesOf(root: OrgNode, own: string): Option[] {
  return root.children.flatMap((community) =>
    community.children
      .filter((b) => b.level === 'branch' && b.id !== own)
      .map((b) => ({ id: b.id, name: `${community.name} · ${b.name}` })),
  )
}

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: {
    memberId: '',
    current: null,
    past: [],
    canRequest: false,
    note: '',
    branches: [],
    branchNames: [],
    branchIndex: 0,
    standingNames: STANDINGS.map((s) => STANDING_LABELS[s]),
    standingIndex: 0,
    duesPaidUntil: '',
    duesPaidText: '',
    thisMonth: '',
    reason: '',
    busy: false,
  },

  methods: {
    onLoad() {
      const thisMonth = thisMonthKey()
      this.setData({ thisMonth, duesPaidUntil: thisMonth, duesPaidText: periodLabel(thisMonth) })
    },

    load(): Promise<void> {
      return loadInto(
        this,
        () => Promise.all([api.member.me(), api.member.myTransfers(), api.org.tree()]),
        ([{ me }, mine, { root }]) => {
          if (me.kind !== 'member') return { status: 'empty', message: NOT_A_MEMBER }
          const branches = branchesOf(root, me.branchId)
          const active = me.status === 'active'
          return {
            memberId: me.id,
            current: mine.current && lineOf(mine.current),
            past: mine.past.map(lineOf),
            canRequest: active && !mine.current,
            note: NOTES[me.status],
            branches,
            branchNames: branches.map((b) => b.name),
          }
        },
      )
    },

    onField(e: FieldEvent) {
      const { field } = e.currentTarget.dataset
      this.setData({ [field]: e.detail.value } as Pick<Data, 'reason'>)
      if (field === 'duesPaidUntil') this.setData({ duesPaidText: periodLabel(e.detail.value) })
    },

    onIndex(e: IndexEvent) {
      const { field } = e.currentTarget.dataset
      this.setData({ [field]: Number(e.detail.value) } as Pick<Data, typeof field>)
    },

    async onSubmit(): Promise<void> {
      const d = this.data
      const branch = d.branches[d.branchIndex]
      if (!branch) return
      // Within the tap, before any await: each step (转出, 接收, 不同意) is told by 审核结果通知.
      void askToNotify(['memberReviewed'])
      const { confirm } = await wx.showModal({
        title: '提交转接申请？',
        content: `转入：${branch.name}。提交后由本支部书记同意转出，再由接收支部书记接收。`,
        confirmText: '提交',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: () =>
          api.member.requestTransfer({
            toBranchId: branch.id,
            standing: STANDINGS[d.standingIndex],
            duesPaidUntil: d.duesPaidUntil,
            reason: d.reason.trim(),
          }),
        done: '已提交',
        after: () => this.load(),
      })
    },

    async onWithdraw(): Promise<void> {
      const current = this.data.current
      if (!current) return
      const { confirm } = await wx.showModal({
        title: '撤回这份转接申请？',
        content: '撤回后可以重新申请。',
        confirmText: '撤回',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: () => api.member.withdrawTransfer({ transferId: current.id }),
        done: '已撤回',
        after: () => this.load(),
      })
    },

    onHistory() {
      wx.navigateTo({ url: `/member/history/index?memberId=${this.data.memberId}` })
    },
  },
})
