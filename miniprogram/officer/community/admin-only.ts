// The community admin's pages (社区工作台 and the pages it leads to): anyone else who opens one — a district
// admin, a member following a shared link — is told what the page is for instead of seeing an error.
import type { LoadData } from '../../behaviors/load'
import { forRole, forbidden } from '../../utils/page'
import { holds } from '../../utils/viewer'

/** What the page shows to someone who is not a community admin (templates/state.wxml's no-permission state). */
export const NOT_FOR_YOU: LoadData = forbidden(
  '这里是街道社区综合党委管理员的工作页面。区委组织部可在「支部排行」中查看各社区的情况。',
)

/** `fetch()`'s answer for a community admin, null for anyone else (both calls go out at once). */
export const forCommunityAdmin = async <R>(fetch: () => Promise<R>): Promise<R | null> =>
  (await forRole((me) => holds(me, 'communityAdmin'), fetch))?.data ?? null
