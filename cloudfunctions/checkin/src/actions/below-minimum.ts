// The secretary's members below this month's minimums, the furthest short first, and 一键提醒: one subscription
// message to each, at most one a day per member, however often or by however many it is pressed, and none to
// a member the 20th's automatic reminder reached that day.
import { activeMembersOf, findBranch } from '../../../_shared/branches'
import { ownBranchAsSecretary } from '../../../_shared/caller'
import { now } from '../../../_shared/clock'
import { mapLimit } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import {
  belowMinimums,
  byShortfall,
  describeShortfall,
  minimumsOf,
  remindOncePerDay,
  remindedOn,
} from '../../../_shared/minimums'
import { branchCounters } from '../../../_shared/month-counters'
import { noticeDate, notify } from '../../../_shared/notify'

const REFUSAL = '只有支部书记可以查看和提醒本支部未达标的党员'

/** The month's below-minimum members of the secretary's branch and who was reminded today: one round trip. */
async function readBelow(branchId: string) {
  const at = now()
  const month = at.format('YYYY-MM')
  const day = at.format('YYYY-MM-DD')
  const [branch, members, counters, reminded] = await Promise.all([
    findBranch(branchId),
    activeMembersOf(branchId, ['name', 'openid']),
    branchCounters(branchId, month),
    remindedOn(branchId, day),
  ])
  const minimums = minimumsOf(branch)
  const below = belowMinimums(
    members,
    new Map(counters.map((c) => [c.memberId, c.counts])),
    minimums,
  ).sort(byShortfall)
  const openids = new Map(members.map((m) => [m._id, m.openid]))
  return { at, month, day, branch, minimums, below, reminded, openids }
}

export const belowMinimum = defineAction('checkin', 'belowMinimum', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['ownBranch'],
  async run({ caller }) {
    const me = ownBranchAsSecretary(caller, REFUSAL)
    const { month, branch, minimums, below, reminded } = await readBelow(me.branchId)
    return {
      branchId: branch._id,
      branchName: branch.name,
      month,
      minimums,
      members: below.map((b) => ({
        id: b.memberId,
        name: b.name,
        missing: describeShortfall(b.shortfall),
        remindedToday: reminded.has(b.memberId),
      })),
      remindedToday: below.filter((b) => reminded.has(b.memberId)).length,
    }
  },
})

export const remindBelow = defineAction('checkin', 'remindBelow', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['ownBranch'],
  async run({ caller }) {
    const me = ownBranchAsSecretary(caller, REFUSAL)
    const { at, day, branch, below, reminded, openids } = await readBelow(me.branchId)
    const due = below.filter((b) => !reminded.has(b.memberId))
    // Today's reminder of the 20th (stats.remindMonth) counts too: remindOncePerDay is the rule of both.
    const outcomes = await mapLimit(due, 10, (b) =>
      remindOncePerDay(
        { day, branchId: branch._id, memberId: b.memberId, by: me._id, at: at.toDate() },
        // A message WeChat refuses (the member has not subscribed) is logged by notify; the day still counts.
        () =>
          notify('monthlyMinimum', openids.get(b.memberId)!, 'pages/checkin/index', {
            shortfall: describeShortfall(b.shortfall),
            branch: branch.name,
            due: noticeDate(at.endOf('month').toDate()),
          }),
      ),
    )
    const count = (o: (typeof outcomes)[number]) => outcomes.filter((x) => x === o).length
    return {
      below: below.length,
      reminded: count('delivered') + count('undelivered'),
      delivered: count('delivered'),
      already: below.length - due.length + count('already'),
    }
  },
})
