// Display labels for the 组织生活 pages (formatting only; the rules live in the cloud function).
import type {
  ListedSession,
  MySessionState,
  SessionPhase,
  SessionType,
} from '../../../typings/index'
import { formatWhen } from '../../utils/date'

// The contract's SESSION_TYPE_LABELS is a value and cannot ship in the package; `Record<…>` keeps this copy complete.
export const typeLabels: Record<SessionType, string> = {
  branchAssembly: '支部党员大会',
  committee: '支委会',
  groupMeeting: '党小组会',
  partyLecture: '党课',
  themeDay: '主题党日',
  lifeMeeting: '组织生活会',
  evaluation: '民主评议党员',
}

export const phaseLabels: Record<SessionPhase, string> = {
  upcoming: '未开始',
  open: '进行中',
  closed: '已结束',
  cancelled: '已取消',
}

/** `3月8日 19:30 至 3月9日 21:00`. */
export const windowText = (s: { opensAt: string; closesAt: string }) =>
  `${formatWhen(s.opensAt)} 至 ${formatWhen(s.closesAt)}`

/** The caller's own part in a session, on its card as 我：…. */
export const mineLabels: Record<MySessionState, string> = {
  attended: '已签到',
  excused: '已请假',
  absent: '缺席',
  leavePending: '请假待批准',
  notSignedIn: '未签到',
  upcoming: '未开始',
}

export type SessionRow = {
  id: string
  typeLabel: string
  topic: string
  timeText: string
  phase: SessionPhase
  phaseLabel: string
  /** '' to a reader from outside the branch. */
  mine: MySessionState | ''
  mineText: string
}

export const sessionRow = (s: ListedSession): SessionRow => ({
  id: s.id,
  typeLabel: typeLabels[s.type],
  topic: s.topic,
  timeText: windowText(s),
  phase: s.phase,
  phaseLabel: phaseLabels[s.phase],
  mine: s.mine ?? '',
  mineText: s.mine ? `我：${mineLabels[s.mine]}` : '',
})

/** Opens a tapped session (templates/session-list.wxml): its room until it closes, then its record. */
export function openSession(
  e: WechatMiniprogram.TouchEvent<object, object, { id: string; phase: string }>,
) {
  const { id, phase } = e.currentTarget.dataset
  const page = phase === 'closed' ? 'record' : 'room'
  wx.navigateTo({ url: `/orglife/${page}/index?id=${encodeURIComponent(id)}` })
}
