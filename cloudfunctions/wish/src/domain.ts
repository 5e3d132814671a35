// 微心愿 rules as plain functions: the state machine, who acts on each event, privacy (the 14-day claim flag:
// _shared/deadlines.ts).
import { createHash } from 'crypto'
import type { WishEvent, WishStatus } from '../../../typings/wish'

type Transition = { from: readonly WishStatus[]; to: WishStatus }

export const WISH_TRANSITIONS: Record<Exclude<WishEvent, 'submit'>, Transition> = {
  publish: { from: ['待审核'], to: '待认领' },
  reject: { from: ['待审核'], to: '未通过' },
  claim: { from: ['待认领'], to: '已认领' },
  release: { from: ['已认领'], to: '待认领' },
  fulfil: { from: ['已认领'], to: '已实现' },
  confirm: { from: ['已实现'], to: '已完成' },
  // Before fulfilment only: once a member has done the work, the resident confirms instead.
  cancel: { from: ['待审核', '待认领', '已认领'], to: '已取消' },
}

export type Actor = 'resident' | 'admin' | 'member' | 'claimer'

/** Who performs each event: the wish's resident, its community's admin, any active member, or the claimer. */
export const ACTOR: Record<Exclude<WishEvent, 'submit'>, Actor> = {
  publish: 'admin',
  reject: 'admin',
  claim: 'member',
  release: 'claimer',
  fulfil: 'claimer',
  confirm: 'resident',
  cancel: 'resident',
}

export const EVENT_LABELS: Record<WishEvent, string> = {
  submit: '提交心愿',
  publish: '审核发布',
  reject: '审核未通过',
  claim: '认领',
  release: '放弃认领',
  fulfil: '完成心愿',
  confirm: '确认完成',
  cancel: '撤销心愿',
}

/** The status after `event`, or null when the event is not allowed from `status`. */
export function nextStatus(status: WishStatus, event: Exclude<WishEvent, 'submit'>) {
  const t = WISH_TRANSITIONS[event]
  return t.from.includes(status) ? t.to : null
}

/** Why an event is refused in a status, in words a resident or member understands. */
export function refusal(status: WishStatus, event: Exclude<WishEvent, 'submit'>): string {
  if (event === 'claim' && status === '已认领') return '这个心愿已被其他党员认领'
  if (event === 'claim' && (status === '已实现' || status === '已完成')) return '这个心愿已经实现了'
  if (event === 'cancel' && (status === '已实现' || status === '已完成'))
    return '党员已完成这个心愿，不能再撤销'
  return `心愿当前${status}，不能${EVENT_LABELS[event]}`
}

/** Everyone registered sees these on the wall; the others only the resident and the community admin. */
export const PUBLIC_STATUSES: readonly WishStatus[] = ['待认领', '已认领', '已实现', '已完成']
const CLAIMED_STATUSES: readonly WishStatus[] = ['已认领', '已实现', '已完成']

export type Viewer = {
  isResident: boolean
  isClaimer: boolean
  isAdmin: boolean
  isMember: boolean
  /** May decide the wish's images WeChat was unsure of: its community's admin or a district admin. */
  isReviewer: boolean
}

/** The events this viewer may trigger now (what the detail page offers as buttons). */
export function allowedEvents(status: WishStatus, viewer: Viewer): WishEvent[] {
  const may: Record<Actor, boolean> = {
    resident: viewer.isResident,
    admin: viewer.isAdmin,
    member: viewer.isMember && !viewer.isClaimer,
    claimer: viewer.isClaimer,
  }
  return (Object.keys(WISH_TRANSITIONS) as Exclude<WishEvent, 'submit'>[]).filter(
    (event) => may[ACTOR[event]] && nextStatus(status, event) !== null,
  )
}

/** A resident's phone and address: for the claimer and the community admin, and only once claimed. */
export function contactVisible(status: WishStatus, viewer: Viewer): boolean {
  return (viewer.isClaimer || viewer.isAdmin) && CLAIMED_STATUSES.includes(status)
}

/** The member who claimed it, for the resident: only once claimed (the mirror of contactVisible). */
export function claimerVisible(status: WishStatus, viewer: Viewer): boolean {
  return viewer.isResident && CLAIMED_STATUSES.includes(status)
}

/** How far ahead a claimer may promise to contact the resident, in days after today. */
export const CONTACT_WITHIN_DAYS = 3

/** Why a promised contact day is not acceptable (days are `YYYY-MM-DD`, Shanghai), or null. */
export function contactByProblem(contactBy: string, today: string): string | null {
  const days = (Date.parse(contactBy) - Date.parse(today)) / 86_400_000
  return days >= 0 && days <= CONTACT_WITHIN_DAYS
    ? null
    : `预计联系时间须在今天到 ${CONTACT_WITHIN_DAYS} 天内`
}

export function mayView(status: WishStatus, viewer: Viewer): boolean {
  return PUBLIC_STATUSES.includes(status) || viewer.isResident || viewer.isAdmin
}

/** `王秀英` → `王**`: how a resident appears to people who may not see their contact details. */
export function residentLabel(name: string): string {
  return `${name.slice(0, 1)}**`
}

/** The same resident submitting the same title on the same day is one wish: a double tap adds nothing. */
export function wishIdOf(residentId: string, title: string, day: string): string {
  return `w${createHash('sha256').update(`${residentId}|${day}|${title}`).digest('hex').slice(0, 24)}`
}
