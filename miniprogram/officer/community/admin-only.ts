// The community admin's pages (社区工作台 and the pages it leads to): anyone else who opens one — a district
// admin, a member following a shared link — is told what the page is for instead of seeing an error.
import type { Me } from '../../../typings/index'
import { api } from '../../services/api'
import type { LoadData } from '../../behaviors/load'

/** What the page shows to someone who is not a community admin (templates/state.wxml's empty state). */
export const NOT_FOR_YOU: LoadData = {
  status: 'empty',
  message: '这里是街道社区综合党委管理员的工作页面。区委组织部可在「支部排行」中查看各社区的情况。',
}

const isCommunityAdmin = (me: Me) =>
  (me.kind === 'member' || me.kind === 'admin') && me.roles.includes('communityAdmin')

/**
 * `fetch()`'s answer for a community admin, null for anyone else. Both calls go out at once, so the admin waits
 * no longer; what the server refused someone else is not shown.
 */
export async function forCommunityAdmin<R>(fetch: () => Promise<R>): Promise<R | null> {
  const [{ me }, result] = await Promise.all([
    api.member.me(),
    fetch().then(
      (data) => ({ data }),
      (error: unknown) => ({ error }),
    ),
  ])
  if (!isCommunityAdmin(me)) return null
  if ('error' in result) throw result.error
  return result.data
}
