// The month's list of a branch's members below a minimum, and whether each was reminded on the 20th.
import type { BelowMinimum } from '../../../../typings/stats'
import { activeMembersOf, branchOverseenBy } from '../../../_shared/branches'
import { branchNamedOrOwn } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { belowMinimums, minimumsOf } from '../../../_shared/minimums'
import { branchCounters } from '../../../_shared/month-counters'
import { PAGE, type ReminderMarker } from '../store'

export const reminders = defineAction('stats', 'reminders', {
  audience: 'member',
  scope: ['secretary', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const branchId = branchNamedOrOwn(caller, input.branchId)
    const month = input.month ?? now().format('YYYY-MM')
    const branch = await branchOverseenBy(
      caller,
      branchId,
      '只有支部书记和管理员可以查看未达标名单',
    )
    const [members, counters, markers] = await Promise.all([
      activeMembersOf(branchId, ['name']),
      branchCounters(branchId, month),
      rows<ReminderMarker>(
        getDb()
          .collection(COLLECTIONS.reminders)
          .where({ month, branchId })
          .field({ memberId: true })
          .limit(PAGE),
      ),
    ])
    const minimums = minimumsOf(branch)
    const reminded = new Set(markers.map((m) => m.memberId))
    const score = new Map(counters.map((c) => [c.memberId, c.score]))
    const list: BelowMinimum[] = belowMinimums(
      members,
      new Map(counters.map((c) => [c.memberId, c.counts])),
      minimums,
    )
      .map((b) => ({ ...b, reminded: reminded.has(b.memberId) }))
      .sort(
        (a, b) =>
          (score.get(a.memberId) ?? 0) - (score.get(b.memberId) ?? 0) ||
          (a.memberId < b.memberId ? -1 : 1),
      )
    return { branchId, month, minimums, members: list }
  },
})
