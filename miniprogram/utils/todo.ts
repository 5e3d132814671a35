// Which 待办 someone has: a secretary their branch's, a 信息员 (not also its secretary: theirs is part of the
// secretary's) their branch site's, a community admin their community's, a district admin the district's;
// others none. Officers also have a workbench in the officer subpackage.
import type { Me } from '../../typings/index'
import { api } from '../services/api'
import { type Host, runAction } from './page'
import { remindedToast } from './subscribe'

export type TodoScope = 'secretary' | 'infoOfficer' | 'community' | 'district' | ''

const rolesOf = (me: Me) => (me.kind === 'member' || me.kind === 'admin' ? me.roles : [])

export function todoScopeOf(me: Me): TodoScope {
  const roles = rolesOf(me)
  const active = me.kind === 'member' && me.status === 'active'
  if (active && roles.includes('secretary')) return 'secretary'
  if (roles.includes('communityAdmin')) return 'community'
  if (roles.includes('districtAdmin')) return 'district'
  return active && roles.includes('infoOfficer') ? 'infoOfficer' : ''
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
        : scope === 'infoOfficer'
          ? api.todo.infoOfficer()
          : api.todo.secretary())
    return todo.total
  } catch {
    return null
  }
}

/** 一键提醒 (the 待办 and the below-minimum list): each member below the minimums gets at most one reminder a
 * day, whoever presses; then `after` (a reload). */
export const remindBelow = (page: Host<{ reminding: boolean }>, after: () => unknown) =>
  runAction(page, {
    busyKey: 'reminding',
    work: () => api.checkin.remindBelow({}),
    done: (r) => remindedToast(r.reminded, r.delivered, '今天都已提醒过'),
    after,
  })
