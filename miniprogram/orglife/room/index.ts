// The session room: materials, the statements feed and speak box, 签到 and 请假; for the secretary who has not
// signed in yet (with 提醒未签到), the leave queue, the close form (会议纪要) and, before it opens, edit and cancel. The community and district admins who
// oversee the branch read it without taking part, and decide materials' images WeChat's check was unsure of.
import type {
  LeaveRequest,
  MyAttendance,
  RollCall,
  SessionWithMaterials,
  Statement,
} from '../../../typings/index'
import { api } from '../../services/api'
import { type ReviewData, mediaReview } from '../../behaviors/media-review'
import { pulled, shown } from '../../behaviors/load'
import { type ByIdData, byId } from '../../behaviors/scoped'
import { type ShareCard, shared } from '../../behaviors/share'
import type { ElderData } from '../../behaviors/elder'
import { formatWhen } from '../../utils/date'
import { definePage } from '../../utils/define'
import { finalRefusal, loadInto, runAction } from '../../utils/page'
import { askToNotify, remindedToast } from '../../utils/subscribe'
import { phaseLabels, typeLabels, windowText } from '../../pages/orglife/labels'

type StatementRow = Statement & { timeText: string }
type LeaveRow = LeaveRequest & { statusText: string }
/** Who has not signed in, as the secretary's roll shows them. */
type RollView = {
  notSignedIn: { memberId: string; name: string; note: string }[]
  onLeave: string
  /** How many 提醒未签到 would reach now. */
  remindable: number
}

export type Data = ElderData &
  ByIdData &
  ReviewData & {
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
    roll: RollView | null
    draft: string
    minutes: string
    busy: boolean
  }

type LeaveEvent = WechatMiniprogram.TouchEvent<object, object, { id: string; approve: string }>

const LEAVE_TEXT = { pending: '待审批', approved: '已批准', refused: '未批准' } as const

const ROLL_NOTES = { pending: '请假待批', refused: '请假未批准' } as const

const rollView = (roll: RollCall): RollView => ({
  notSignedIn: roll.notSignedIn.map((p) => ({
    memberId: p.memberId,
    name: p.name,
    note: p.leave ? ROLL_NOTES[p.leave] : p.reminded ? '已提醒' : '',
  })),
  onLeave: roll.onLeave.map((p) => p.name).join('、'),
  // As the server decides (toRemind): not waiting on a leave decision, not reminded yet.
  remindable: roll.notSignedIn.filter((p) => p.leave !== 'pending' && !p.reminded).length,
})

const mineText = (mine: MyAttendance): string =>
  mine.mark === 'attended'
    ? `已签到（${formatWhen(mine.at)}）`
    : mine.mark === 'leave'
      ? `已请假：${LEAVE_TEXT[mine.status]}`
      : '尚未签到'

definePage<Data>()({
  behaviors: [byId('这次组织生活', { onShow: true }), shown, pulled, mediaReview, shared],
  data: {
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
    roll: null,
    draft: '',
    minutes: '',
    busy: false,
  },

  methods: {
    async loadItem(sessionId: string): Promise<void> {
      await loadInto(
        this,
        () => api.orglife.sessionDetail({ sessionId }),
        (detail) => ({
          session: detail.session,
          typeLabel: typeLabels[detail.session.type],
          phaseLabel: phaseLabels[detail.session.phase],
          timeText: windowText(detail.session),
          inBranch: detail.inBranch,
          isSecretary: detail.isSecretary,
          statements: detail.statements.map((st) => ({ ...st, timeText: formatWhen(st.at) })),
          mine: detail.mine,
          mineText: mineText(detail.mine),
          attendedCount: detail.attendedCount,
          leaves: detail.leaves.map((l) => ({ ...l, statusText: LEAVE_TEXT[l.status] })),
          roll: detail.roll && rollView(detail.roll),
        }),
        { failed: finalRefusal },
      )
      this.offerShare()
    },

    /**
     * A member of the branch invites the others (the branch's WeChat group) to a session not yet over; the link
     * opens only for the branch's members and those overseeing it, as the session list does.
     */
    shareCard(): ShareCard | null {
      const { status, session, inBranch, typeLabel, id } = this.data
      if (status !== 'ready' || !session || !inBranch) return null
      if (session.phase !== 'open' && session.phase !== 'upcoming') return null
      return {
        title: `邀请参加${typeLabel}：${session.topic}`,
        path: `/orglife/room/index?id=${encodeURIComponent(id)}`,
      }
    },

    /** Runs one user action at a time, reloads on success and shows the server's message on failure. */
    act(work: () => Promise<unknown>, done: string): Promise<boolean> {
      return runAction(this, { busyKey: 'busy', work, done, after: () => this.load() })
    },

    async onAttend(): Promise<void> {
      await this.act(() => api.orglife.attend({ sessionId: this.data.id }), '已签到')
    },

    async onLeave(): Promise<void> {
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

    onDraft(e: WechatMiniprogram.Input) {
      this.setData({ draft: e.detail.value })
    },

    async onSpeak(): Promise<void> {
      const text = this.data.draft.trim()
      const spoke = await this.act(
        () => api.orglife.speak({ sessionId: this.data.id, text }),
        '已发言',
      )
      if (spoke) this.setData({ draft: '' })
    },

    async onDecide(e: LeaveEvent): Promise<void> {
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

    async onRemind(): Promise<void> {
      const count = this.data.roll?.remindable ?? 0
      const answer = await wx.showModal({
        title: '提醒未签到',
        content: `将给 ${count} 名尚未签到的党员发送签到提醒。每次会议每人只提醒一次。`,
        confirmText: '发送提醒',
      })
      if (!answer.confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: () => api.orglife.remindNotSignedIn({ sessionId: this.data.id }),
        done: (r) => remindedToast(r.reminded, r.delivered, '都已提醒过'),
        after: () => this.load(),
      })
    },

    onMinutes(e: WechatMiniprogram.Input) {
      this.setData({ minutes: e.detail.value })
    },

    async onClose(): Promise<void> {
      const answer = await wx.showModal({
        title: '结束会议并封存记录',
        content:
          '结束后会议记录和会议纪要将封存，不能再修改，党员也不能再签到、发言或请假。之后如需补充，可在会议记录中追加补充纪要。',
        confirmText: '封存记录',
      })
      if (!answer.confirm) return
      const closed = await this.act(
        () => api.orglife.closeSession({ sessionId: this.data.id, minutes: this.data.minutes }),
        '会议已结束',
      )
      if (closed)
        wx.redirectTo({ url: `/orglife/record/index?id=${encodeURIComponent(this.data.id)}` })
    },

    onEdit() {
      wx.navigateTo({ url: `/branch/orglife-form/index?id=${encodeURIComponent(this.data.id)}` })
    },

    async onCancel(): Promise<void> {
      const answer = await wx.showModal({
        title: '取消会议',
        content: '取消后不可恢复。',
        confirmText: '取消会议',
      })
      if (!answer.confirm) return
      await this.act(() => api.orglife.cancelSession({ sessionId: this.data.id }), '已取消')
    },
  },
})
