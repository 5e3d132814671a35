// 评论留言 (comments and 留言板 alike) past its cap: which cap, so the poster is told why it did not count.
import { findById } from '../../_shared/db'
import { COLLECTIONS } from '../../_shared/collections'
import type { Recorded } from '../../_shared/ledger'
import { type MemberMonthDoc, counterIn } from '../../_shared/month-counters'
import { memberMonthId } from '../../_shared/participation'
import type { MemberDoc } from '../../_shared/records'
import { PARTICIPATION_RULES } from '../../../typings/participation'

/** Which cap kept a 评论留言 from counting: today's when today's counted ones fill it, else the month's. */
export async function cappedBy(
  me: MemberDoc,
  recorded: Recorded,
): Promise<'daily' | 'monthly' | null> {
  if (recorded.reason !== 'cap') return null
  const counter = me.branchId
    ? await counterIn<MemberMonthDoc>(recorded.month, me._id, me.branchId)
    : await findById<MemberMonthDoc>(
        COLLECTIONS.memberMonths,
        memberMonthId(recorded.month, me._id),
      )
  const today = counter?.days?.[recorded.day.slice(8)]?.comment ?? 0
  return today >= PARTICIPATION_RULES.comment.dailyCap ? 'daily' : 'monthly'
}
