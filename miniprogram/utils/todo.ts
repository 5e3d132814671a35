// Which 待办 someone has: a secretary their branch's, a community admin their community's, a district admin
// the district's; others none. Officers also have a workbench in the officer subpackage.
import type { Me } from '../../typings/index'
import { api } from '../services/api'

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

/** The 待办 count a badge shows, or null when it could not be read (the 待办 page then says why). */
export async function todoTotal(scope: Exclude<TodoScope, ''>): Promise<number | null> {
  try {
    const todo = await (scope === 'district'
      ? api.todo.district()
      : scope === 'community'
        ? api.todo.community()
        : api.todo.secretary())
    return todo.total
  } catch {
    return null
  }
}
