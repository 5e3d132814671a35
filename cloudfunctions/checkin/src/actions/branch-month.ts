// A branch's month for its secretary and the admins above it: every active member's counts against the
// branch's minimums, those below them first.
import { activeMember } from '../../../_shared/caller'
import { activeMembersOf, branchOverseenBy } from '../../../_shared/branches'
import { getDb } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'
import { minimumsOf } from '../../../_shared/minimums'
import { branchMonthOrder, progressOf } from '../progress'
import { type MemberMonth } from '../store'

export const branchMonth = defineAction('checkin', 'branchMonth', {
  audience: 'member',
  scope: ['secretary', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const me = activeMember(caller)
    const branchId = input.branchId ?? me.branchId
    if (!branchId) throw denied('请指定支部')
    const month = input.month ?? now().format('YYYY-MM')
    const branch = await branchOverseenBy(caller, branchId, '只有本支部书记或上级管理员可以查看')
    const [members, counters] = await Promise.all([
      activeMembersOf(branchId, ['name']),
      rows<MemberMonth>(
        getDb()
          .collection(COLLECTIONS.memberMonths)
          .where({ branchId, month })
          .field({ memberId: true, score: true, counts: true })
          .limit(1000),
      ),
    ])
    const minimums = minimumsOf(branch)
    const byMember = new Map(counters.map((c) => [c.memberId, c]))
    const list = members
      .map((m) => {
        const counter = byMember.get(m._id)
        const progress = progressOf(counter?.counts ?? {}, minimums)
        return {
          id: m._id,
          name: m.name,
          score: counter?.score ?? 0,
          counts: progress.counts,
          shortfall: progress.shortfall,
          metAll: progress.metAll,
        }
      })
      .sort(branchMonthOrder)
    return {
      branchId,
      branchName: branch.name,
      month,
      minimums,
      members: list,
      belowCount: list.filter((m) => !m.metAll).length,
    }
  },
})
