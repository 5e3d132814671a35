// Who is calling: always from getWXContext().OPENID, never from the payload.
import type { Role } from '../../typings/member'
import { COLLECTIONS } from './collections'
import { findById } from './db'
import { denied, invalid } from './errors'
import { memberIdOf, residentIdOf } from './identity'
import type { MemberDoc, ResidentDoc } from './records'

export type Caller = {
  openid: string
  member: MemberDoc | null
  resident: ResidentDoc | null
  /** Roles of an active member, plus districtAdmin for openids bootstrapped from configuration. */
  roles: ReadonlySet<Role>
}

/** District admins are bootstrapped from the function's configuration (DISTRICT_ADMIN_OPENIDS, comma-separated). */
export function isConfiguredDistrictAdmin(openid: string): boolean {
  return (process.env.DISTRICT_ADMIN_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes(openid)
}

export async function loadCaller(openid: string, want: { member: boolean; resident: boolean }) {
  const [member, resident] = await Promise.all([
    want.member ? findById<MemberDoc>(COLLECTIONS.members, memberIdOf(openid)) : null,
    want.resident ? findById<ResidentDoc>(COLLECTIONS.residents, residentIdOf(openid)) : null,
  ])
  const roles = new Set<Role>(member?.status === 'active' ? member.roles : [])
  if (isConfiguredDistrictAdmin(openid)) roles.add('districtAdmin')
  return { openid, member, resident, roles } satisfies Caller
}

/** The caller as an active party member, or PERMISSION_DENIED with what to do next. */
export function activeMember(caller: Caller): MemberDoc {
  const m = caller.member
  if (!m) throw denied('请先注册为党员')
  if (m.status === 'pending') throw denied('您的注册正在等待支部书记审核')
  if (m.status === 'left') throw denied('您已办理离开，不再是本区在册党员，不能参加支部活动')
  if (m.status !== 'active') throw denied('您当前不是本系统的在册党员')
  return m
}

export const isDistrictAdmin = (caller: Caller) => caller.roles.has('districtAdmin')

export const isSecretaryOf = (caller: Caller, branchId: string) =>
  caller.roles.has('secretary') && caller.member?.branchId === branchId

export const isCommunityAdminOf = (caller: Caller, communityId: string | null) =>
  caller.roles.has('communityAdmin') &&
  !!communityId &&
  caller.member?.adminCommunityId === communityId

/** The caller as the secretary of their own branch, or PERMISSION_DENIED with `refusal`. */
export function ownBranchAsSecretary(caller: Caller, refusal: string) {
  const me = activeMember(caller)
  if (!me.branchId || !isSecretaryOf(caller, me.branchId)) throw denied(refusal)
  return { ...me, branchId: me.branchId }
}

/** The community the caller administers, or PERMISSION_DENIED with `refusal`. */
export function ownCommunityAsAdmin(caller: Caller, refusal: string): string {
  const communityId = caller.member?.adminCommunityId
  if (!communityId || !isCommunityAdminOf(caller, communityId)) throw denied(refusal)
  return communityId
}

/** The branch a call names, else the caller's own; INVALID_ARGUMENT 请指定支部 when there is neither. */
export function branchNamedOrOwn(caller: Caller, named: string | undefined): string {
  const branchId = named ?? activeMember(caller).branchId
  if (!branchId) throw invalid('请指定支部')
  return branchId
}
