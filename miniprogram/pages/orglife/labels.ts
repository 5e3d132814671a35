// Display labels and times for the 组织生活 pages (formatting only; the rules live in the cloud function).
import type { SessionPhase, SessionSummary, SessionType } from '../../../typings/index'

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

const pad = (n: number) => String(n).padStart(2, '0')

/** `3月8日 19:30` in the phone's zone (Asia/Shanghai for our users). */
export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export type SessionRow = {
  id: string
  typeLabel: string
  topic: string
  timeText: string
  phase: SessionPhase
  phaseLabel: string
}

export const sessionRow = (s: SessionSummary): SessionRow => ({
  id: s.id,
  typeLabel: typeLabels[s.type],
  topic: s.topic,
  timeText: `${formatTime(s.opensAt)} 至 ${formatTime(s.closesAt)}`,
  phase: s.phase,
  phaseLabel: phaseLabels[s.phase],
})

/** The picker values (`YYYY-MM-DD`, `HH:mm`) of an instant, in the phone's zone. */
export function pickerParts(iso: string): { date: string; time: string } {
  const d = new Date(iso)
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  }
}

/** Picker values as the instant the server expects; the branch meets on Beijing time. */
export const instantOf = (date: string, time: string) => `${date}T${time}:00+08:00`
