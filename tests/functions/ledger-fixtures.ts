// Test-only path to the participation ledger: runs the real recordParticipation in the test process against a
// test cloud's emulator, at a chosen Shanghai time, so any rule (comments, service hours…) can be driven to
// its caps without building each feature's UI flow first.
import {
  type LedgerEntry,
  type Participation,
  recordParticipation,
} from '../../cloudfunctions/_shared/ledger'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import type { RuleCounts, RuleId } from '../../typings/participation'
import { type TestCloud, runHere } from '../support/cloud'

/** Points the shared cloud helpers at this test cloud and fixes the clock they read. */
export const useCloud = (cloud: TestCloud, now: string) => runHere(cloud, { now })

/** A member's ledger entries under one rule. */
export const ledgerOf = (cloud: TestCloud, openid: string, rule: RuleId) =>
  cloud.docs<LedgerEntry>('participation_ledger', { memberId: memberIdOf(openid), rule })

/** Records participations (concurrently) at `now`. */
export async function record(
  cloud: TestCloud,
  now: string,
  items: (Omit<Participation, 'member'> & { openid: string })[],
) {
  useCloud(cloud, now)
  const members = await membersByOpenid(cloud, [...new Set(items.map((i) => i.openid))])
  return Promise.all(
    items.map(({ openid, ...p }) => recordParticipation({ ...p, member: members.get(openid)! })),
  )
}

export async function membersByOpenid(cloud: TestCloud, openids: string[]) {
  const _ = cloud.db.command
  const found = await rows<MemberDoc>(
    cloud.db
      .collection('members')
      .where({ _id: _.in(openids.map(memberIdOf)) })
      .limit(1000),
  )
  return new Map(found.map((m) => [m.openid, m]))
}

type Entry = {
  memberId: string
  branchId: string
  rule: keyof RuleCounts
  units: number
  month: string
}

/** The ledger entries of a month, summed by member and by branch: what the counters hold when no cap refused any. */
export async function recountLedger(cloud: TestCloud, month: string) {
  const entries: Entry[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await rows<Entry>(
      cloud.db.collection('participation_ledger').where({ month }).skip(skip).limit(1000),
    )
    entries.push(...page)
    if (page.length < 1000) break
  }
  const byMember = new Map<string, RuleCounts>()
  const byBranch = new Map<string, RuleCounts>()
  for (const e of entries) {
    for (const [map, key] of [
      [byMember, e.memberId],
      [byBranch, e.branchId],
    ] as const) {
      const counts = map.get(key) ?? {}
      counts[e.rule] = (counts[e.rule] ?? 0) + e.units
      map.set(key, counts)
    }
  }
  return { byMember, byBranch, entries: entries.length }
}

const plus = (a: RuleCounts, b: RuleCounts) => {
  const out: RuleCounts = {}
  for (const [r, n] of [...Object.entries(a), ...Object.entries(b)] as [keyof RuleCounts, number][])
    if (n) out[r] = (out[r] ?? 0) + n
  for (const r of Object.keys(out) as (keyof RuleCounts)[]) if (!out[r]) delete out[r]
  return out
}
const nonEmpty = (m: Map<string, RuleCounts>) =>
  new Map(
    [...m]
      .map(([k, c]): [string, RuleCounts] => [k, plus(c, {})])
      .filter(([, c]) => Object.keys(c).length),
  )

/** What the counters hold (counts + refused, member by member; branch counter + its members' refusals) next
 * to the ledger's recount of the month: every entry counted or refused, so the two sides are equal. */
export async function balances(cloud: TestCloud, month: string) {
  type Counter = { memberId: string; branchId: string; counts: RuleCounts; refused?: RuleCounts }
  const [members, branches, ledger] = await Promise.all([
    rows<Counter>(cloud.db.collection('member_months').where({ month }).limit(1000)),
    rows<Counter>(cloud.db.collection('branch_months').where({ month }).limit(1000)),
    recountLedger(cloud, month),
  ])
  const refusedIn = (branchId: string) =>
    members
      .filter((m) => m.branchId === branchId)
      .reduce((sum, m) => plus(sum, m.refused ?? {}), {})
  return {
    counters: {
      // Summed per member: a member who moved that month has a counter in each branch.
      members: nonEmpty(
        members.reduce(
          (sum, m) =>
            sum.set(m.memberId, plus(sum.get(m.memberId) ?? {}, plus(m.counts, m.refused ?? {}))),
          new Map<string, RuleCounts>(),
        ),
      ),
      branches: nonEmpty(
        new Map(branches.map((b) => [b.branchId, plus(b.counts, refusedIn(b.branchId))])),
      ),
    },
    ledger: { members: nonEmpty(ledger.byMember), branches: nonEmpty(ledger.byBranch) },
  }
}
