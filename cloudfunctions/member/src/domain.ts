// Member rules as plain functions: what a registration may do, who may grant which role, how phones show.
import type { AppointableRole, MemberStatus, Role } from '../../../typings/member'

/** `13812341234` → `138****1234`. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

/** A member record may be (re)submitted only when there is none, or the earlier one was rejected or left. */
export function mayRegisterOver(existing: MemberStatus | null): boolean {
  return existing === null || existing === 'rejected' || existing === 'left'
}

/** Who appoints whom: the district admin appoints secretaries and community admins; a secretary, the 信息员. */
export function appointerRoleFor(role: AppointableRole): Role {
  return role === 'infoOfficer' ? 'secretary' : 'districtAdmin'
}

const STATUS_ORDER: Record<MemberStatus, number> = { pending: 0, active: 1, rejected: 2, left: 3 }

/** Directory order: pending first (they need a decision), then by name in Chinese collation. */
export function directoryOrder<T extends { status: MemberStatus; name: string }>(
  a: T,
  b: T,
): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name, 'zh-Hans-CN')
  )
}

/** What a search looks in: digits only is a phone fragment, anything else part of a name (matched literally). */
export function searchFilter(query: string): { field: 'name' | 'phone'; pattern: string } {
  const q = query.trim()
  return {
    field: /^\d+$/.test(q) ? 'phone' : 'name',
    pattern: q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  }
}
