// A branch's month for its secretary and the admins above it: every active member's counts against the
// branch's minimums, those below them first.
import { branchNamedOrOwn } from '../../../_shared/caller'
import { activeMembersOf, branchOverseenBy } from '../../../_shared/branches'
import { now } from '../../../_shared/clock'
import { defineAction } from '../../../_shared/dispatcher'
import { minimumsOf } from '../../../_shared/minimums'
import { branchCounters } from '../../../_shared/month-counters'
import { branchMonthOrder, progressOf } from '../progress'

export const branchMonth = defineAction('checkin', 'branchMonth', {
  audience: 'member',
  scope: ['secretary', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const branchId = branchNamedOrOwn(caller, input.branchId)
    const month = input.month ?? now().format('YYYY-MM')
    const branch = await branchOverseenBy(caller, branchId, '只有本支部书记或上级管理员可以查看')
    const [members, counters] = await Promise.all([
      activeMembersOf(branchId, ['name']),
      branchCounters(branchId, month),
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
