// 党费交纳登记: the secretary's register of the branch for a month — collected, owed, each member's month and
// arrears — where declared bases are confirmed, second payments of a paid month are given back (待退款, recorded
// through dues.correct) and the fixed amount for members without salary is set.
// Community and district admins open a branch's with ?branchId= and read it: the edit controls are the
// branch secretary's only (their actions refuse anyone else). 全部 / 未交 / 待确认 filter the loaded list (the
// register holds every member of the branch, unpaged).
import type { DuesOutputs } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import { branchScoped } from '../../behaviors/scoped'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { newDraftId } from '../../utils/interact'
import { finalRefusal, loadInto, runAction } from '../../utils/page'
import { monthLabel } from '../../utils/date'
import { holds } from '../../utils/viewer'
import { fenOf, yuanText } from '../money'

type Row = {
  id: string
  name: string
  statusText: string
  owed: boolean
  paid: boolean
  /** Counted under 待确认: no base in effect, or a declaration waiting. */
  waiting: boolean
  amount: string
  arrears: string
  declared: string
}

export type Data = ElderData &
  LoadData & {
    branchId: string
    month: string
    thisMonth: string
    branchName: string
    collected: string
    owedTotal: string
    counts: string
    fixedYuan: string
    rows: Row[]
    /** The viewer is this branch's secretary: confirm, correct, refund and set the fixed amount. */
    editable: boolean
    filter: Filter
    chips: { key: Filter; label: string }[]
    /** Rows the filter leaves, for its empty line. */
    filteredCount: number
    /** Second payments of paid months to give back. */
    refunds: Refund[]
    /** The member whose base is being confirmed, '' when none. */
    confirming: string
    saving: boolean
    /** The paid month being corrected (退还 or 补交), or a duplicate order given back, with the form's fields. */
    correcting: Correcting | null
    refund: boolean
    correctionYuan: string
    correctionReason: string
    draftId: string
  }

type Register = DuesOutputs['register']
type Filter = 'all' | 'owed' | 'waiting'
type Refund = {
  orderId: string
  memberId: string
  name: string
  month: string
  amountFen: number
  text: string
}
/** orderId: a duplicate order's refund, whose month and amount are the order's ('' for a correction). */
type Correcting = {
  id: string
  name: string
  orderId: string
  month: string
  refundFen: number
  refundYuan: string
}
const STATUS_TEXT = { paid: '已交', owed: '未交', unconfirmed: '未确认基数' }
const NOT_HERE =
  '这里是支部书记的党费交纳登记：确认党员申报的基数、查看每月收缴和欠交。党员请在「我的 → 我的党费」交纳。'

function rowOf(m: Register['members'][number]): Row {
  const d = m.declared
  return {
    id: m.id,
    name: m.name,
    statusText: STATUS_TEXT[m.status],
    owed: m.status === 'owed',
    paid: m.status === 'paid',
    waiting: m.status === 'unconfirmed' || !!d,
    amount: m.status === 'unconfirmed' ? '' : `${yuanText(m.amountFen)} 元`,
    arrears: m.arrearsMonths ? `另欠 ${m.arrearsMonths} 个月 ${yuanText(m.arrearsFen)} 元` : '',
    declared: d
      ? `${d.kind === 'salary' ? `申报税后月收入 ${yuanText(d.baseFen ?? 0)} 元` : '申报无工资收入'}，每月 ${yuanText(d.amountFen)} 元`
      : '',
  }
}

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }>
type CorrectionField = WechatMiniprogram.CustomEvent<
  { value: string },
  object,
  { field: 'correctionYuan' | 'correctionReason' }
>
type RowEvent = WechatMiniprogram.CustomEvent<object, object, { id: string }>

/** How many rows `filter` shows (the list hides the others in place: switching sends one field). */
const countIn = (rows: Row[], filter: Filter) =>
  rows.filter((row) => filter === 'all' || row[filter]).length

definePage<Data>()({
  behaviors: [loaded, shown, pulled, branchScoped],
  data: {
    branchId: '',
    month: '',
    thisMonth: '',
    branchName: '',
    collected: '',
    owedTotal: '',
    counts: '',
    fixedYuan: '',
    rows: [],
    editable: false,
    filter: 'all',
    chips: [],
    filteredCount: 0,
    refunds: [],
    confirming: '',
    saving: false,
    correcting: null,
    refund: true,
    correctionYuan: '',
    correctionReason: '',
    draftId: '',
  },

  methods: {
    load(): Promise<void> {
      const { month } = this.data
      return loadInto(
        this,
        () =>
          Promise.all([
            api.member.me(),
            api.dues.register({
              ...this.branchScope(),
              ...(month ? { month } : {}),
            }),
          ]),
        ([{ me }, r]) => {
          const rows = r.members.map(rowOf)
          return {
            rows,
            filteredCount: countIn(rows, this.data.filter),
            editable: holds(me, 'secretary') && me.kind === 'member' && me.branchId === r.branchId,
            chips: [
              { key: 'all' as const, label: `全部 ${r.members.length}` },
              { key: 'owed' as const, label: `未交 ${r.owedCount}` },
              { key: 'waiting' as const, label: `待确认 ${r.unconfirmedCount}` },
            ],
            status: r.members.length ? 'ready' : 'empty',
            message: '支部还没有在册党员',
            month: r.month,
            thisMonth: this.data.thisMonth || r.month,
            branchName: `${r.branchName} · ${monthLabel(r.month)}`,
            collected: yuanText(r.collectedFen),
            owedTotal: yuanText(r.owedFen),
            counts: `已交 ${r.paidCount} 人，未交 ${r.owedCount} 人，待确认 ${r.unconfirmedCount} 人`,
            fixedYuan: yuanText(r.fixedFen),
            refunds: r.refunds.map((d) => ({
              orderId: d.orderId,
              memberId: d.memberId,
              name: d.name,
              month: d.month,
              amountFen: d.amountFen,
              text: `${monthLabel(d.month)}重复交纳 ${yuanText(d.amountFen)} 元`,
            })),
          }
        },
        { failed: (err) => finalRefusal(err, NOT_HERE) },
      )
    },

    onFilter(e: WechatMiniprogram.CustomEvent<object, object, { key: Filter }>) {
      const { key } = e.currentTarget.dataset
      this.setData({ filter: key, filteredCount: countIn(this.data.rows, key) })
    },

    onMonth(e: FieldEvent) {
      this.setData({ month: e.detail.value, status: 'loading' })
      this.load()
    },

    onFixed(e: FieldEvent) {
      this.setData({ fixedYuan: e.detail.value })
    },

    async onConfirm(e: RowEvent): Promise<void> {
      const { id } = e.currentTarget.dataset
      await runAction(this, {
        busyKey: 'confirming',
        busyId: id,
        work: () => api.dues.confirmBase({ memberId: id }),
        done: (r) => `已确认，${monthLabel(r.from)}起执行`,
        after: () => this.load(),
      })
    },

    onCorrect(e: RowEvent) {
      const row = this.data.rows.find((r) => r.id === e.currentTarget.dataset.id)
      if (!row) return
      this.openCorrection({
        id: row.id,
        name: row.name,
        orderId: '',
        month: '',
        refundFen: 0,
        refundYuan: '',
      })
    },

    onRefund(e: WechatMiniprogram.CustomEvent<object, object, { orderId: string }>) {
      const { orderId } = e.currentTarget.dataset
      const found = this.data.refunds.find((d) => d.orderId === orderId)
      if (!found) return
      this.openCorrection({
        id: found.memberId,
        name: found.name,
        orderId,
        month: found.month,
        refundFen: found.amountFen,
        refundYuan: yuanText(found.amountFen),
      })
    },

    openCorrection(correcting: Correcting) {
      this.setData({
        correcting,
        refund: true,
        correctionYuan: '',
        correctionReason: '',
        draftId: newDraftId(),
      })
    },

    onCorrectionKind(e: FieldEvent) {
      this.setData({ refund: e.detail.value === 'refund' })
    },

    onCorrectionField(e: CorrectionField) {
      const { field } = e.currentTarget.dataset
      this.setData({ [field]: e.detail.value } as Pick<Data, typeof field>)
    },

    onCancelCorrection() {
      this.setData({ correcting: null })
    },

    async onSubmitCorrection(): Promise<void> {
      const { correcting, refund, correctionYuan, correctionReason, draftId, month } = this.data
      if (!correcting) return
      // A duplicate's refund gives back the whole order; a correction's amount is the form's.
      const fen = correcting.orderId ? correcting.refundFen : fenOf(correctionYuan)
      if (!fen) {
        wx.showToast({ title: '请填写更正金额（元，最多两位小数）', icon: 'none' })
        return
      }
      const { orderId } = correcting
      await runAction(this, {
        busyKey: 'saving',
        work: () =>
          api.dues.correct({
            memberId: correcting.id,
            month: orderId ? correcting.month : month,
            amountFen: refund || orderId ? -fen : fen,
            reason: correctionReason,
            draftId,
            ...(orderId ? { orderId } : {}),
          }),
        done: (r) => (orderId ? '已记录退款' : `已记录，该月实交 ${yuanText(r.netFen)} 元`),
        after: async () => {
          await this.load()
          this.setData({ correcting: null })
        },
      })
    },

    async onSaveFixed(): Promise<void> {
      const fixedFen = fenOf(this.data.fixedYuan)
      if (!fixedFen) {
        wx.showToast({ title: '请填写固定金额（元，最多两位小数）', icon: 'none' })
        return
      }
      await runAction(this, {
        busyKey: 'saving',
        work: () => api.dues.setFixedAmount({ fixedFen }),
        done: '已保存',
        after: () => this.load(),
      })
    },
  },
})
