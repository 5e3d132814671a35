// Which 待办 someone has: a secretary their branch's, a community admin their community's, a district admin
// the district's; others none. Officers also have a workbench in the officer subpackage.
import type { Me } from '../../typings/index'

export type TodoScope = 'secretary' | 'community' | 'district' | ''

const rolesOf = (me: Me) => (me.kind === 'member' || me.kind === 'admin' ? me.roles : [])

export function todoScopeOf(me: Me): TodoScope {
  const roles = rolesOf(me)
  if (me.kind === 'member' && me.status === 'active' && roles.includes('secretary'))
    return 'secretary'
  if (roles.includes('communityAdmin')) return 'community'
  return roles.includes('districtAdmin') ? 'district' : ''
}

/** The officer's workbench page, district first (a district admin oversees every community). */
export function workbenchOf(me: Me): string {
  const roles = rolesOf(me)
  if (roles.includes('districtAdmin')) return '/officer/district/index'
  return roles.includes('communityAdmin') ? '/officer/community/index' : ''
}
