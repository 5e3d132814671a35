// Display formatting only: labels as people read them (dates: utils/date.ts).
import type { MemberStatus, Role, ServicePost } from '../../typings/index'
import { formatDay } from './date'

// The contract's ROLE_LABELS is a value and cannot ship in the package; `Record<Role, …>` keeps this copy complete.
const roleLabels: Record<Role, string> = {
  secretary: '支部书记',
  infoOfficer: '信息员',
  communityAdmin: '社区管理员',
  districtAdmin: '区委组织部管理员',
}

const statusLabels: Record<MemberStatus, string> = {
  pending: '待审核',
  active: '已认证',
  rejected: '未通过审核',
  left: '已离开支部',
}

/** 1250 fen → "12.50" (元). */
export const yuanText = (fen: number) =>
  `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

export function rolesText(roles: Role[]): string {
  return roles.map((role) => roleLabels[role]).join('、')
}

export function statusText(status: MemberStatus): string {
  return statusLabels[status]
}

/** A service post as its list rows show it, for members and for the community admin alike. */
export type ServiceCard = Pick<
  ServicePost,
  | 'id'
  | 'title'
  | 'kind'
  | 'category'
  | 'date'
  | 'time'
  | 'place'
  | 'slots'
  | 'signedUp'
  | 'cancelled'
>

export const serviceCard = (s: ServicePost): ServiceCard => ({
  id: s.id,
  title: s.title,
  kind: s.kind,
  category: s.category,
  date: formatDay(s.date),
  time: s.time,
  place: s.place,
  slots: s.slots,
  signedUp: s.signedUp,
  cancelled: s.cancelled,
})
