// 月度交接: how far the month's settlement (1st, 01:00) and the next month's counters (02:00; from the 25th
// ahead) have got — slices done, running, died and left to redo, when each started and ended — for the
// district admin, who may also press them on (stats.settle / stats.openMonth run slices for a few seconds;
// the timers carry on every minute).
import type { MonthProgress, WorkKind } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatWhen, monthLabel, shiftMonth, thisMonthKey } from '../../utils/date'
import { definePage } from '../../utils/define'
import { loadInto, runAction } from '../../utils/page'
import { refusedWith } from '../district/officers-only'

type Run = {
  kind: WorkKind
  title: string
  stateText: string
  stateTag: string
  percent: number
  slicesText: string
  /** Slices held by a running invocation, and slices whose invocation died (redone after its lease). */
  leasedText: string
  failedText: string
  timesText: string
  note: string
  /** The button that presses the run on ('' when there is nothing to press). */
  actionText: string
}

export type Data = ElderData &
  LoadData & {
    /** The month settled; its next month's counters are opened. */
    month: string
    monthTitle: string
    /** The picker's last month: the current one (the phone's calendar). */
    lastMonth: string
    runs: Run[]
    /** The kind of the run being pressed on, '' when none. */
    busy: string
  }

const MONTH_PROGRESS_ONLY =
  '这里是区委组织部查看月度结算和下月积分表准备进度的页面，可在区工作台进入。'
const STATE_TEXT = { none: '未开始', running: '进行中', done: '已完成' }
const STATE_TAG = { none: '', running: 'tag-warn', done: 'tag-ok' }
const TIMER = {
  settle: '定时任务在每月 1 日 01 点每分钟继续',
  open: '定时任务在每天 02 点每分钟继续',
}

const thisMonth = () => thisMonthKey()

/** Whether the run may be pressed on now: a month is settled once ended, counters opened this month or next. */
function mayPress(p: MonthProgress, now: string) {
  if (p.state === 'done') return false
  return p.kind === 'settle' ? p.month < now : p.month === now || p.month === shiftMonth(now, 1)
}

function noteOf(p: MonthProgress, now: string): string {
  if (p.state === 'done') return ''
  if (p.state === 'running')
    return p.failed
      ? `有 ${p.failed} 批中断，${TIMER[p.kind]}并重做，也可点「重试」立即推进。`
      : `${TIMER[p.kind]}，也可点「继续」立即推进。`
  if (p.kind === 'settle')
    return p.month < now ? '尚未结算。' : `${monthLabel(p.month)}结束后结算。`
  return mayPress(p, now) ? '尚未准备。' : '本月 25 日起可提前准备下月积分表。'
}

function actionOf(p: MonthProgress, now: string): string {
  if (!mayPress(p, now)) return ''
  if (p.state === 'running') return p.failed ? '重试' : '继续'
  return p.kind === 'settle' ? '开始结算' : '准备积分表'
}

function runOf(p: MonthProgress, now: string): Run {
  const { done, total } = p.slices
  const times = [
    p.startedAt && `开始 ${formatWhen(p.startedAt)}`,
    p.finishedAt && `完成 ${formatWhen(p.finishedAt)}`,
  ]
  return {
    kind: p.kind,
    title: `${monthLabel(p.month)}${p.kind === 'settle' ? '结算' : '积分表准备'}`,
    stateText: STATE_TEXT[p.state],
    stateTag: STATE_TAG[p.state],
    percent: total ? Math.round((done / total) * 100) : 0,
    slicesText: total ? `已完成 ${done} / ${total} 批` : '',
    leasedText: p.leased ? `${p.leased} 批正在处理` : '',
    failedText: p.failed ? `${p.failed} 批中断，待重做` : '',
    timesText: times.filter(Boolean).join(' · '),
    note: noteOf(p, now),
    actionText: actionOf(p, now),
  }
}

definePage<Data>()({
  behaviors: [loaded, pulled],
  data: { month: '', monthTitle: '', lastMonth: '', runs: [], busy: '' },

  methods: {
    onLoad(q: Record<string, string | undefined>) {
      const now = thisMonth()
      const month = /^\d{4}-\d{2}$/.test(q.month ?? '') ? q.month! : shiftMonth(now, -1)
      this.setData({ month, monthTitle: monthLabel(month), lastMonth: now })
      this.load()
    },

    load(): Promise<void> {
      const { month } = this.data
      return loadInto(
        this,
        () =>
          Promise.all([
            api.stats.monthProgress({ month }),
            api.stats.monthProgress({ month: shiftMonth(month, 1) }),
          ]),
        ([settled, next]) => ({
          runs: [runOf(settled.settle, thisMonth()), runOf(next.open, thisMonth())],
        }),
        { failed: refusedWith(MONTH_PROGRESS_ONLY) },
      )
    },

    onMonth(e: WechatMiniprogram.PickerChange) {
      const month = String(e.detail.value)
      this.setData({ month, monthTitle: monthLabel(month), status: 'loading' })
      return this.load()
    },

    onPress(e: WechatMiniprogram.TouchEvent<object, object, { kind: WorkKind }>) {
      const { kind } = e.currentTarget.dataset
      const { month } = this.data
      return runAction(this, {
        busyKey: 'busy',
        busyId: kind,
        work: async () =>
          kind === 'settle'
            ? !!(await api.stats.settle({ month })).summary
            : (await api.stats.openMonth({ month: shiftMonth(month, 1) })).done,
        done: (finished) => (finished ? '已完成' : '已推进'),
        after: () => this.load(),
      })
    },
  },
})
