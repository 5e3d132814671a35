// Display formatting only: labels as people read them (dates: utils/date.ts).
import type { MemberStatus, Role } from '../../typings/index'

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

export function rolesText(roles: Role[]): string {
  return roles.map((role) => roleLabels[role]).join('、')
}

export function statusText(status: MemberStatus): string {
  return statusLabels[status]
}
