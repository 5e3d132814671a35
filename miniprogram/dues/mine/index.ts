// 我的党费: the months paid and owed since the base was confirmed (pay an owed one with WeChat Pay), what is
// confirmed and what waits for the secretary, and the form to declare the base. Secretaries link to the register.
import type { DuesBasis, DuesKind, DuesMonth } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto, runAction } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'
import { monthLabel } from '../../utils/date'
import { fenOf, yuanText } from '../money'

type MonthLine = {
  month: string
  label: string
  amount: string
  paid: boolean
  note: string
}

export type Data = ElderData &
  LoadData & {
    monthLabel: string
    /** Yuan owed, '' when nothing is. */
    owed: string
    confirmedText: string
    upcomingText: string
    declaredText: string
    months: MonthLine[]
    isSecretary: boolean
    kindIndex: number
    baseYuan: string
    declaring: boolean
    /** The month being paid, '' when none. */
    paying: string
  }

const KINDS: DuesKind[] = ['salary', 'fixed']
const NOT_A_MEMBER = '这里是党员本人申报收入基数、交纳党费的地方。' + OFFICERS_GO

const basisText = (b: DuesBasis, amountFen?: number) =>
  (b.kind === 'salary' ? `税后月收入 ${yuanText(b.baseFen ?? 0)} 元` : '无工资收入（固定金额）') +
  (amountFen === undefined ? '' : `，每月 ${yuanText(amountFen)} 元`)

function lineOf(m: DuesMonth): MonthLine {
  const paidDay = m.paidAt ? m.paidAt.slice(0, 10) : ''
  return {
    month: m.month,
    label: monthLabel(m.month),
    amount: `${yuanText(m.amountFen)} 元`,
    paid: m.status === 'paid',
    note: m.status === 'paid' ? `${paidDay} 已交${m.onTime ? '' : '（逾期）'}` : '未交',
  }
}

type KindEvent = WechatMiniprogram.CustomEvent<{ value: string }>
type PayEvent = WechatMiniprogram.CustomEvent<object, object, { month: string }>

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: {
    monthLabel: '',
    owed: '',
    confirmedText: '',
    upcomingText: '',
    declaredText: '',
    months: [],
    isSecretary: false,
    kindIndex: 0,
    baseYuan: '',
    declaring: false,
    paying: '',
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.dues.myDues({}),
        (d) => ({
          monthLabel: monthLabel(d.month),
          // Nothing owed reads 无欠交, not a red 欠交 0.00 元.
          owed: d.owedFen > 0 ? yuanText(d.owedFen) : '',
          confirmedText: d.confirmed
            ? `${basisText(d.confirmed, d.confirmed.amountFen)}（${monthLabel(d.confirmed.from)}起）`
            : '',
          upcomingText: d.upcoming
            ? `${monthLabel(d.upcoming.from)}起：${basisText(d.upcoming, d.upcoming.amountFen)}`
            : '',
          declaredText: d.declared ? basisText(d.declared) : '',
          months: d.months.map(lineOf),
          isSecretary: d.isSecretary,
        }),
        { failed: (err) => finalRefusal(err, NOT_A_MEMBER) },
      )
    },

    onKind(e: KindEvent) {
      this.setData({ kindIndex: Number(e.detail.value) })
    },

    onBase(e: KindEvent) {
      this.setData({ baseYuan: e.detail.value })
    },

    async onDeclare(): Promise<void> {
      const kind = KINDS[this.data.kindIndex]
      const baseFen = kind === 'salary' ? fenOf(this.data.baseYuan) : null
      if (kind === 'salary' && baseFen === null) {
        wx.showToast({ title: '请填写税后月收入（元，最多两位小数）', icon: 'none' })
        return
      }
      await runAction(this, {
        busyKey: 'declaring',
        work: () =>
          api.dues.declareBase(kind === 'salary' ? { kind, baseFen: baseFen! } : { kind }),
        done: '已提交，待书记确认',
        after: () => {
          this.setData({ baseYuan: '' })
          return this.load()
        },
      })
    },

    async onPay(e: PayEvent): Promise<void> {
      const { month } = e.currentTarget.dataset
      // Within the tap, before any await: an unpaid month is reminded on the 25th.
      void askToNotify(['duesDue'])
      await runAction(this, {
        busyKey: 'paying',
        busyId: month,
        work: async () => {
          const order = await api.dues.pay({ month })
          try {
            await wx.requestPayment({ ...order.payment })
          } catch {
            return false
          }
          return true
        },
        done: (paid) => (paid ? '交纳成功' : ''),
        after: (paid) => (paid ? this.load() : wx.showToast({ title: '未完成支付', icon: 'none' })),
      })
    },

    onRegister() {
      wx.navigateTo({ url: '/dues/register/index' })
    },
  },
})
