// The daily check: claims 14 days without fulfilment are flagged once and their community's admins told.
import { getDb } from '../../_shared/cloud'
import { now, nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { rows, updatedCount } from '../../_shared/db'
import { overdueClaimCutoff } from '../../_shared/deadlines'
import type { MemberDoc } from '../../_shared/records'
import { noticeClaimOverdue } from './notices'
import type { WishDoc } from './store'

export async function flagOverdueClaims(): Promise<{ flagged: number }> {
  const db = getDb()
  const _ = db.command
  const overdue = await rows<WishDoc>(
    db
      .collection(COLLECTIONS.wishes)
      .where({
        status: '已认领',
        claimedAt: _.lte(overdueClaimCutoff(now())),
        overdueFlaggedAt: null,
      })
      .limit(1000),
  )
  if (!overdue.length) return { flagged: 0 }
  const communities = [...new Set(overdue.map((w) => w.communityId))]
  const admins = await rows<Pick<MemberDoc, 'openid' | 'adminCommunityId'>>(
    db
      .collection(COLLECTIONS.members)
      .where({ adminCommunityId: _.in(communities), roles: 'communityAdmin', status: 'active' })
      .field({ openid: true, adminCommunityId: true })
      .limit(1000),
  )
  let flagged = 0
  for (const wish of overdue) {
    // Conditional on the same claim still standing, so a wish fulfilled meanwhile is not flagged.
    const marked = await updatedCount(
      db
        .collection(COLLECTIONS.wishes)
        .where({
          _id: wish._id,
          status: '已认领',
          claimedAt: wish.claimedAt,
          overdueFlaggedAt: null,
        })
        .update({ data: { overdueFlaggedAt: nowDate() } }),
    )
    if (!marked) continue
    flagged += 1
    const toTell = admins.filter((a) => a.adminCommunityId === wish.communityId)
    await Promise.all(toTell.map((a) => noticeClaimOverdue(a.openid, wish)))
  }
  return { flagged }
}
