// 党费 in the secretary's 待办: bases declared and waiting for confirmation, and, from the reminder day (25th) on,
// the members who have not paid the month. Profiles are read by the branch that last declared or confirmed
// them (as the month's export does); the month's payments only from the 25th.
import dayjs from 'dayjs'
import type { TodoItem } from '../../../typings/todo'
import { ZONE } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { pageAll } from '../../_shared/db'
import { amountOf, arrearsDue, fixedFenOf, monthToPay, yuan } from '../../_shared/dues-rules'
import type { MemberDoc, OrgDoc } from '../../_shared/records'
import type { PaymentDoc, ProfileDoc } from '../../dues/src/store'
import { dayText, itemOf } from './domain'

type Profile = Pick<ProfileDoc, '_id' | 'memberId' | 'declared' | 'history'>
type Member = Pick<MemberDoc, '_id' | 'name'>

/** The branch's dues profiles and, from the 25th, who has paid the month: one or two reads, in parallel, each
 * every row (one page unless the branch holds more than 1000: profiles stay with a branch its members left). */
export async function readBranchDues(branchId: string, month: string, now: Date) {
  const [profiles, payments] = await Promise.all([
    pageAll<Profile>(
      COLLECTIONS.duesProfiles,
      { branchId },
      {
        memberId: true,
        declared: true,
        history: true,
      },
    ),
    arrearsDue(dayjs(now).tz(ZONE).date())
      ? pageAll<Pick<PaymentDoc, '_id' | 'memberId'>>(
          COLLECTIONS.duesPayments,
          { branchId, month, kind: 'payment' },
          { memberId: true },
        )
      : null,
  ])
  return { profiles, paid: payments && new Set(payments.map((p) => p.memberId)) }
}

type Reads = Awaited<ReturnType<typeof readBranchDues>>

/** One line per active member whose declared base waits, longest waiting first. */
export function duesDeclarationItems(
  { profiles }: Reads,
  members: Member[],
  branch: Pick<OrgDoc, 'duesFixedFen'> | null,
): TodoItem[] {
  const names = new Map(members.map((m) => [m._id, m.name]))
  const fixedFen = fixedFenOf(branch ?? {})
  return profiles
    .flatMap((p) => (p.declared && names.has(p.memberId) ? [{ p, declared: p.declared }] : []))
    .sort((a, b) => new Date(a.declared.at).getTime() - new Date(b.declared.at).getTime())
    .map(({ p, declared }) => {
      const basis =
        declared.kind === 'fixed' ? '无工资收入' : `税后月收入 ${yuan(declared.baseFen ?? 0)}`
      const amount = yuan(amountOf(declared, fixedFen))
      return itemOf(
        p.memberId,
        names.get(p.memberId)!,
        `${dayText(declared.at)}申报${basis}，每月 ${amount}`,
      )
    })
}

/** From the 25th: one line per active member who owes the month (a confirmed base, nothing paid), by name. */
export function duesUnpaidItems(
  { profiles, paid }: Reads,
  members: Member[],
  branch: Pick<OrgDoc, 'duesFixedFen'> | null,
  month: string,
): TodoItem[] {
  if (!paid) return []
  const profileOf = new Map(profiles.map((p) => [p.memberId, p]))
  const fixedFen = fixedFenOf(branch ?? {})
  return members
    .flatMap((m) => {
      const due = monthToPay(profileOf.get(m._id) ?? null, paid.has(m._id), fixedFen, month)
      return due?.state === 'owed' ? [{ m, amountFen: due.amountFen }] : []
    })
    .sort((a, b) => a.m.name.localeCompare(b.m.name, 'zh-Hans-CN'))
    .map(({ m, amountFen }) => itemOf(m._id, m.name, `本月党费 ${yuan(amountFen)}未交`))
}
