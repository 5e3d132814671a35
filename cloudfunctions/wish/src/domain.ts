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
  confirmForResident: { from: ['已实现'], to: '已完成' },
  reopen: { from: ['已实现'], to: '已认领' },
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
  confirmForResident: 'admin',
  reopen: 'resident',
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
  confirmForResident: '社区代为确认',
  reopen: '还没办好',
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
  if ((event === 'confirm' || event === 'confirmForResident') && status === '已完成')
    return '这个心愿已经确认完成了'
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

/** How long a fulfilled wish waits for its resident before the community may confirm after a phone call. */
export const CONFIRM_FOR_RESIDENT_AFTER_DAYS = 7

/** Wishes fulfilled at or before this instant have waited long enough for 电话回访后代为确认. */
export const confirmForResidentCutoff = (now: Date) =>
  new Date(now.getTime() - CONFIRM_FOR_RESIDENT_AFTER_DAYS * 86_400_000)

/**
 * When a wish waiting at 已实现 was fulfilled: fulfilledAt, or for one fulfilled before that was kept, its last
 * change (the fulfilment: nothing else changes a wish at 已实现). Null when it is not waiting.
 */
export function fulfilledAtOf(wish: {
  status: WishStatus
  fulfilledAt?: Date | null
  updatedAt: Date
}): Date | null {
  if (wish.status !== '已实现') return null
  if (wish.fulfilledAt !== undefined) return wish.fulfilledAt && new Date(wish.fulfilledAt)
  return new Date(wish.updatedAt)
}

type Command = {
  or(conditions: object[]): object
  lte(v: Date): unknown
  exists(b: boolean): unknown
}

/** The where-condition for wishes (matching `where`) waiting at 已实现 since `cutoff` or earlier. */
export const waitingSince = (_: Command, cutoff: Date, where: object) =>
  _.or([
    { ...where, status: '已实现', fulfilledAt: _.lte(cutoff) },
    { ...where, status: '已实现', fulfilledAt: _.exists(false), updatedAt: _.lte(cutoff) },
  ])

/** Fulfilled more than 7 days ago and still not confirmed (the clock restarts with each 已实现). */
export function mayConfirmForResident(
  status: WishStatus,
  fulfilledAt: Date | null,
  now: Date,
): boolean {
  return (
    status === '已实现' &&
    !!fulfilledAt &&
    fulfilledAt.getTime() <= confirmForResidentCutoff(now).getTime()
  )
}

/**
 * The events this viewer may trigger now (what the detail page offers as buttons); `waitedLong`: the wish
 * may be confirmed on the resident's behalf (mayConfirmForResident).
 */
export function allowedEvents(status: WishStatus, viewer: Viewer, waitedLong = false): WishEvent[] {
  const may: Record<Actor, boolean> = {
    resident: viewer.isResident,
    admin: viewer.isAdmin,
    member: viewer.isMember && !viewer.isClaimer,
    claimer: viewer.isClaimer,
  }
  return (Object.keys(WISH_TRANSITIONS) as Exclude<WishEvent, 'submit'>[]).filter(
    (event) =>
      may[ACTOR[event]] &&
      nextStatus(status, event) !== null &&
      (event !== 'confirmForResident' || waitedLong),
  )
}

/** A resident's phone and address: for the claimer and the community admin, and only once claimed. */
export function contactVisible(status: WishStatus, viewer: Viewer): boolean {
  return (viewer.isClaimer || viewer.isAdmin) && CLAIMED_STATUSES.includes(status)
}

/** The claimer's phone, for the resident: only once claimed (the mirror of contactVisible). */
export function claimerVisible(status: WishStatus, viewer: Viewer): boolean {
  return viewer.isResident && CLAIMED_STATUSES.includes(status)
}

/** The claimer's name: to the wish's resident, the claimer and its community's admins; others see none. */
export function claimerNameVisible(viewer: Viewer): boolean {
  return viewer.isResident || viewer.isClaimer || viewer.isAdmin
}

/** A status in this viewer's words: 已实现 waits for the resident's confirmation. */
export function statusText(status: WishStatus, viewer: Viewer): string {
  if (status !== '已实现') return status
  return viewer.isResident ? '待您确认' : '待居民确认'
}

/** Who claimed it, in this viewer's words; '' before anyone did. */
export function claimerText(status: WishStatus, claimerName: string | null, viewer: Viewer) {
  if (!CLAIMED_STATUSES.includes(status) || !claimerName) return ''
  if (viewer.isClaimer) return '您已认领'
  return claimerNameVisible(viewer) ? `认领党员：${claimerName}` : '已有党员认领'
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

/** The same resident submitting the same title on the same day is one wish: a double tap adds nothing. */
export function wishIdOf(residentId: string, title: string, day: string): string {
  return `w${createHash('sha256').update(`${residentId}|${day}|${title}`).digest('hex').slice(0, 24)}`
}
