// The community a caller serves in, for what happens there (微心愿, 服务岗位).
import type { Caller } from './caller'
import { COLLECTIONS } from './collections'
import { findById } from './db'

/**
 * The community an admin serves; else where a member reported as an in-service member (在职党员报到: they
 * serve and claim where they live); else a resident's community, else a member's branch's. One read for
 * active members.
 */
export async function servingCommunity(caller: Caller): Promise<string | null> {
  const member = caller.member?.status === 'active' ? caller.member : null
  if (caller.roles.has('communityAdmin') && member?.adminCommunityId) return member.adminCommunityId
  const report = member
    ? await findById<{ communityId: string }>(COLLECTIONS.communityReports, member._id)
    : null
  return report?.communityId ?? caller.resident?.communityId ?? member?.communityId ?? null
}
