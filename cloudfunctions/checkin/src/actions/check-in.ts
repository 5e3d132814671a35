// A member's own 报到: checking in today (once a Shanghai day), and the month's calendar and progress.
import { isSecretaryOf } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { recordParticipation } from '../../../_shared/ledger'
import { minimumsOf } from '../../../_shared/minimums'
import type { OrgDoc } from '../../../_shared/records'
import { progressOf } from '../progress'
import { counterOf, ownBranch, ownRecords } from '../store'

export const checkIn = defineAction('checkin', 'checkIn', {
  audience: 'member',
  scope: ['ownBranch'],
  async run({ caller }) {
    const member = ownBranch(caller)
    // The day is the ledger reference, so a second call the same day is a duplicate id, not a second count.
    const at = now()
    const recorded = await recordParticipation({
      member,
      rule: 'checkin',
      ref: at.format('YYYY-MM-DD'),
      at,
    })
    const [counter, branch] = await Promise.all([
      counterOf(recorded.month, member),
      findById<OrgDoc>(COLLECTIONS.orgs, member.branchId),
    ])
    const counts = counter?.counts ?? {}
    return {
      day: recorded.day,
      already: recorded.reason === 'duplicate',
      monthCount: counts.checkin ?? 0,
      progress: progressOf(counts, minimumsOf(branch)),
    }
  },
})

export const myMonth = defineAction('checkin', 'myMonth', {
  // A member who left still reads their months (in the branch they left from).
  audience: 'anyone',
  scope: ['ownBranch'],
  async run({ caller }, input) {
    const member = ownRecords(caller)
    const today = now()
    const month = input.month ?? today.format('YYYY-MM')
    const db = getDb()
    const [entries, counter, branch] = await Promise.all([
      rows<{ day: string }>(
        db
          .collection(COLLECTIONS.ledger)
          .where({ memberId: member._id, month, rule: 'checkin' })
          .field({ day: true })
          .limit(100),
      ),
      counterOf(month, member),
      findById<OrgDoc>(COLLECTIONS.orgs, member.branchId),
    ])
    return {
      month,
      today: today.format('YYYY-MM-DD'),
      checkedInDays: entries.map((e) => e.day).sort(),
      score: counter?.score ?? 0,
      progress: progressOf(counter?.counts ?? {}, minimumsOf(branch)),
      isSecretary: isSecretaryOf(caller, member.branchId),
    }
  },
})
