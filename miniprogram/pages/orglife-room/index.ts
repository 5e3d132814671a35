// The session room: materials, the statements feed and speak box, 签到 and 请假; for the secretary the leave
// queue, the close form (minutes) and, before it opens, edit and cancel; for a reviewer, materials' images
// WeChat's check was unsure of with 通过 / 不通过 (from outside the branch: the materials and nothing else).
import type {
  LeaveRequest,
  MyAttendance,
  SessionWithMaterials,
  Statement,
} from '../../../typings/index'
import { ApiError, api, errorMessage } from '../../services/api'
import { formatTime, phaseLabels, typeLabels } from '../orglife/labels'
import { type DecisionEvent, mediaReviewHandlers } from '../../utils/media-review'
import { reloadHandlers } from '../../utils/refresh'
import { askToNotify } from '../../utils/subscribe'

type LoadStatus = 'loading' | 'ready' | 'error' | 'empty'
type StatementRow = Statement & { timeText: string }
type LeaveRow = LeaveRequest & { statusText: string }

type Data = {
  status: LoadStatus
  message: string
  id: string
  session: SessionWithMaterials | null
  typeLabel: string
  phaseLabel: string
  timeText: string
  isSecretary: boolean
  inBranch: boolean
  statements: StatementRow[]
  mine: MyAttendance
  mineText: string
  attendedCount: number
  leaves: LeaveRow[]
  draft: string
  minutes: string
  busy: boolean
  reviewing: boolean
}

type InputEvent = WechatMiniprogram.Input
type LeaveEvent = WechatMiniprogram.TouchEvent<object, object, { id: string; approve: string }>

type Custom = {
  load(): Promise<void>
  onRetry(): void
  act(work: () => Promise<unknown>, done: string): Promise<boolean>
  onAttend(): Promise<void>
  onLeave(): Promise<void>
  onDraft(e: InputEvent): void
  onSpeak(): Promise<void>
  onDecide(e: LeaveEvent): Promise<void>
  onMinutes(e: InputEvent): void
  onClose(): Promise<void>
  onEdit(): void
  onCancel(): Promise<void>
  onReviewMedia(e: DecisionEvent): Promise<void>
}

const LEAVE_TEXT = { pending: '待审批', approved: '已批准', refused: '未批准' } as const

const mineText = (mine: MyAttendance): string =>
  mine.mark === 'attended'
    ? `已签到（${formatTime(mine.at)}）`
    : mine.mark === 'leave'
      ? `已请假：${LEAVE_TEXT[mine.status]}`
      : '尚未签到'

const showFailure = (err: unknown) =>
  wx.showModal({ title: '操作未完成', content: errorMessage(err), showCancel: false })

Page<Data, Custom>({
  data: {
    status: 'loading',
    message: '',
    id: '',
    session: null,
    typeLabel: '',
    phaseLabel: '',
    timeText: '',
    isSecretary: false,
    inBranch: true,
    statements: [],
    mine: { mark: 'none' },
    mineText: '',
    attendedCount: 0,
    leaves: [],
    draft: '',
    minutes: '',
    busy: false,
    reviewing: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: decodeURIComponent(query.id ?? '') })
  },

  ...reloadHandlers,
  ...mediaReviewHandlers,

  async load() {
    if (!this.data.id) {
      this.setData({ status: 'error', message: '没有找到这次组织生活，请从列表进入' })
      return
    }
    if (this.data.status !== 'ready') this.setData({ status: 'loading' })
    try {
      const detail = await api.orglife.sessionDetail({ sessionId: this.data.id })
      const s = detail.session
      const head = {
        status: 'ready' as const,
        session: s,
        typeLabel: typeLabels[s.type],
        phaseLabel: phaseLabels[s.phase],
        timeText: `${formatTime(s.opensAt)} 至 ${formatTime(s.closesAt)}`,
        inBranch: detail.inBranch,
      }
      if (!detail.inBranch) {
        this.setData(head)
        return
      }
      this.setData({
        ...head,
        isSecretary: detail.isSecretary,
        statements: detail.statements.map((st) => ({ ...st, timeText: formatTime(st.at) })),
        mine: detail.mine,
        mineText: mineText(detail.mine),
        attendedCount: detail.attendedCount,
        leaves: detail.leaves.map((l) => ({ ...l, statusText: LEAVE_TEXT[l.status] })),
      })
    } catch (err) {
      // A refusal (a reviewer from outside the branch once the images are decided) or a session that is not
      // there for the caller (another branch's) stays: no 重试.
      const final =
        err instanceof ApiError && (err.code === 'PERMISSION_DENIED' || err.code === 'NOT_FOUND')
      this.setData({ status: final ? 'empty' : 'error', message: errorMessage(err) })
    }
  },

  onRetry() {
    this.load()
  },

  /** Runs one user action at a time, reloads on success and shows the server's message on failure. */
  async act(work, done) {
    if (this.data.busy) return false
    this.setData({ busy: true })
    try {
      await work()
      wx.showToast({ title: done, icon: 'success' })
      await this.load()
      return true
    } catch (err) {
      showFailure(err)
      return false
    } finally {
      this.setData({ busy: false })
    }
  },

  async onAttend() {
    await this.act(() => api.orglife.attend({ sessionId: this.data.id }), '已签到')
  },

  async onLeave() {
    // Asked while the tap still counts as one, before the reason dialog: the secretary's decision is sent.
    await askToNotify(['leaveDecided'])
    const answer = await wx.showModal({
      title: '请假',
      editable: true,
      placeholderText: '请填写请假原因，支部书记会看到',
      confirmText: '提交',
    })
    if (!answer.confirm) return
    const reason = (answer.content ?? '').trim()
    await this.act(() => api.orglife.requestLeave({ sessionId: this.data.id, reason }), '已提交')
  },

  onDraft(e) {
    this.setData({ draft: e.detail.value })
  },

  async onSpeak() {
    const text = this.data.draft.trim()
    const spoke = await this.act(
      () => api.orglife.speak({ sessionId: this.data.id, text }),
      '已发言',
    )
    if (spoke) this.setData({ draft: '' })
  },

  async onDecide(e) {
    const { id, approve } = e.currentTarget.dataset
    await this.act(
      () =>
        api.orglife.decideLeave({
          sessionId: this.data.id,
          memberId: id,
          approve: approve === 'yes',
        }),
      approve === 'yes' ? '已批准' : '已驳回',
    )
  },

  onMinutes(e) {
    this.setData({ minutes: e.detail.value })
  },

  async onClose() {
    const answer = await wx.showModal({
      title: '结束会议',
      content: '结束后会议记录将封存，党员不能再签到、发言或请假。',
      confirmText: '结束',
    })
    if (!answer.confirm) return
    const closed = await this.act(
      () => api.orglife.closeSession({ sessionId: this.data.id, minutes: this.data.minutes }),
      '会议已结束',
    )
    if (closed)
      wx.redirectTo({ url: `/pages/orglife-record/index?id=${encodeURIComponent(this.data.id)}` })
  },

  onEdit() {
    wx.navigateTo({ url: `/pages/orglife-form/index?id=${encodeURIComponent(this.data.id)}` })
  },

  async onCancel() {
    const answer = await wx.showModal({
      title: '取消会议',
      content: '取消后不可恢复。',
      confirmText: '取消会议',
    })
    if (!answer.confirm) return
    await this.act(() => api.orglife.cancelSession({ sessionId: this.data.id }), '已取消')
  },
})
