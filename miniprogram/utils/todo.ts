// Which 待办 someone has: a secretary their branch's, a community admin their community's; others none.
import type { Me } from '../../typings/index'

export type TodoScope = 'secretary' | 'community' | ''

export function todoScopeOf(me: Me): TodoScope {
  const roles = me.kind === 'member' || me.kind === 'admin' ? me.roles : []
  if (me.kind === 'member' && me.status === 'active' && roles.includes('secretary'))
    return 'secretary'
  return roles.includes('communityAdmin') ? 'community' : ''
}
