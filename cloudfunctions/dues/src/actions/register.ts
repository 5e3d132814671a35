// The branch's 交纳 register: each member's month (paid, owed, or no base yet) and arrears, the month's
// collection; the secretary confirms declared bases and sets the fixed amount for members without salary.
import { FIRST_MONTH } from '../../../../typings/common'
import type { DuesOutputs } from '../../../../typings/dues'
import { activeMembersOf, branchOverseenBy } from '../../../_shared/branches'
import { branchNamedOrOwn, isSecretaryOf, ownBranchAsSecretary } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { monthOf, now, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { aggregate, findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, notFound } from '../../../_shared/errors'
import type { MemberDoc } from '../../../_shared/records'
import {
  amountOf,
  basisIn,
  confirmInto,
  duesMonths,
  type PaymentRow,
  fixedFenOf,
  monthsFrom,
} from '../../../_shared/dues-rules'
import { type OrderDoc, type ProfileDoc, iso } from '../store'

/** Arrears are counted over this many months up to the register's month. */
export const ARREARS_MONTHS = 12
/** Duplicate payments listed at once: rare, each given back as it is found. */
const REFUNDS_SHOWN = 100

export const register = defineAction('dues', 'register', {
  audience: 'member',
  scope: ['secretary', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const branchId = branchNamedOrOwn(caller, input.branchId)
    const month = input.month ?? monthOf(now())
    const branch = await branchOverseenBy(
      caller,
      branchId,
      '只有本支部书记或上级管理员可以查看党费交纳',
    )
    const members = await activeMembersOf(branchId, ['name'])
    const ids = members.map((m) => m._id)
    const _ = getDb().command
    const [profiles, paid, duplicates] = await Promise.all([
      rows<ProfileDoc>(
        getDb()
          .collection(COLLECTIONS.duesProfiles)
          .where({ _id: _.in(ids) })
          .limit(1000),
      ),
      aggregate<{ _id: string; payments: PaymentRow[] }>(COLLECTIONS.duesPayments, [
        {
          $match: {
            memberId: _.in(ids),
            month: _.gte(monthsFrom(FIRST_MONTH, month, ARREARS_MONTHS).at(-1)!).and(_.lte(month)),
          },
        },
        { $sort: { month: -1 } },
        {
          $group: {
            _id: '$memberId',
            payments: {
              $push: {
                kind: '$kind',
                month: '$month',
                amountFen: '$amountFen',
                paidAt: '$paidAt',
                onTime: '$onTime',
              },
            },
          },
        },
        { $limit: 1000 },
      ]),
      // Second payments of any month, until the secretary records giving them back.
      rows<OrderDoc>(
        getDb()
          .collection(COLLECTIONS.duesOrders)
          .where({ branchId, status: 'duplicate' })
          .orderBy('settledAt', 'asc')
          .limit(REFUNDS_SHOWN),
      ),
    ])
    const fixedFen = fixedFenOf(branch)
    const profileOf = new Map(profiles.map((p) => [p.memberId, p]))
    const paymentsOf = new Map(paid.map((p) => [p._id, p.payments]))
    const rowsOut = members.map((m) => {
      const profile = profileOf.get(m._id)
      const months = duesMonths(
        profile?.history ?? [],
        paymentsOf.get(m._id) ?? [],
        fixedFen,
        month,
      ).slice(0, ARREARS_MONTHS)
      const [thisMonth] = months[0]?.month === month ? months : []
      const earlier = months.filter((x) => x.month < month && x.status === 'owed')
      const declared = profile?.declared
      return {
        id: m._id,
        name: m.name,
        status: thisMonth ? thisMonth.status : ('unconfirmed' as const),
        amountFen: thisMonth?.amountFen ?? 0,
        paidAt: thisMonth?.paidAt ?? null,
        arrearsMonths: earlier.length,
        arrearsFen: earlier.reduce((s, x) => s + x.amountFen, 0),
        declared: declared
          ? {
              kind: declared.kind,
              baseFen: declared.baseFen,
              amountFen: amountOf(declared, fixedFen),
              at: iso(declared.at),
            }
          : null,
      }
    })
    // Declarations waiting first, then the unpaid, then by name: what the secretary acts on comes first.
    const rank = (r: (typeof rowsOut)[number]) =>
      r.declared ? 0 : r.status === 'owed' ? 1 : r.status === 'unconfirmed' ? 2 : 3
    rowsOut.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh'))
    const sum = (status: string) =>
      rowsOut.filter((r) => r.status === status).reduce((s, r) => s + r.amountFen, 0)
    return {
      branchId,
      branchName: branch.name,
      month,
      fixedFen,
      collectedFen: sum('paid'),
      owedFen: sum('owed'),
      paidCount: rowsOut.filter((r) => r.status === 'paid').length,
      owedCount: rowsOut.filter((r) => r.status === 'owed').length,
      unconfirmedCount: rowsOut.filter((r) => r.status === 'unconfirmed' || r.declared).length,
      members: rowsOut,
      // The members still here: the secretary gives back (dues.correct) only to their own.
      refunds: duplicates.flatMap((o) => {
        const name = members.find((m) => m._id === o.memberId)?.name
        return name
          ? [
              {
                orderId: o._id,
                memberId: o.memberId,
                name,
                month: o.month,
                amountFen: o.amountFen,
                paidAt: iso(o.settledAt ?? o.createdAt),
              },
            ]
          : []
      }),
    } satisfies DuesOutputs['register']
  },
})

export const confirmBase = defineAction('dues', 'confirmBase', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, { memberId }) {
    const [member, profile] = await Promise.all([
      findById<MemberDoc>(COLLECTIONS.members, memberId),
      findById<ProfileDoc>(COLLECTIONS.duesProfiles, memberId),
    ])
    // Someone else's member is answered as a missing one.
    if (!member?.branchId || member.status !== 'active' || !isSecretaryOf(caller, member.branchId))
      throw notFound('该党员')
    const declared = profile?.declared
    if (!profile || !declared) throw conflict('该党员没有待确认的党费基数申报')
    const at = nowDate()
    const month = monthOf(at)
    const basis = { kind: declared.kind, baseFen: declared.baseFen }
    const history = confirmInto(profile.history, basis, month, at)
    const db = getDb()
    // Only the declaration read here is confirmed: a newer one (or a confirmation racing this) wins the race.
    const changed = await updatedCount(
      db
        .collection(COLLECTIONS.duesProfiles)
        .where({ _id: memberId, 'declared.at': declared.at })
        .update({
          data: {
            declared: null,
            history: db.command.set(history),
            // The branch confirming it (a member who moved is exported with their branch from then on).
            branchId: member.branchId,
            updatedAt: at,
          },
        }),
    )
    if (!changed) throw conflict('申报已有变化，请刷新后再确认')
    const branch = await findById<{ duesFixedFen?: number }>(COLLECTIONS.orgs, member.branchId)
    const from = history[history.length - 1].from
    return {
      memberId,
      from,
      basis,
      amountFen: amountOf(basisIn(history, from)!, fixedFenOf(branch ?? {})),
    }
  },
})

export const setFixedAmount = defineAction('dues', 'setFixedAmount', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['ownBranch'],
  async run({ caller }, { fixedFen }) {
    const me = ownBranchAsSecretary(caller, '只有支部书记可以设置固定党费')
    await getDb()
      .collection(COLLECTIONS.orgs)
      .doc(me.branchId)
      .update({ data: { duesFixedFen: fixedFen } })
    return { branchId: me.branchId, fixedFen }
  },
})
