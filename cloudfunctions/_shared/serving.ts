// The community a caller serves in, for what happens there (微心愿, 服务岗位).
import type { Caller } from './caller'
import { COLLECTIONS } from './collections'
import { findById } from './db'

/**
 * A resident's community, the one an admin serves, else where a member reported as an in-service member
 * (在职党员报到: they serve and claim where they live), else their branch's community. One read for members.
 */
export async function servingCommunity(caller: Caller): Promise<string | null> {
  if (caller.resident) return caller.resident.communityId
  const member = caller.member
  if (caller.roles.has('communityAdmin') && member?.adminCommunityId) return member.adminCommunityId
  if (!member) return null
  const report = await findById<{ communityId: string }>(COLLECTIONS.communityReports, member._id)
  return report?.communityId ?? member.communityId
}
