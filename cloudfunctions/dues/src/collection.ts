// 各支部党费收缴: the month's grouped counts of members (branch × paid × declared × base in effect) read by the
// dues rule (monthToPay) into each branch's required / paid / unpaid / unconfirmed and 收缴率.
import type { DuesOutputs } from '../../../typings/dues'
import { type ConfirmedBasis, monthToPay } from '../../_shared/dues-rules'

/** One group of the aggregation: how many members share a branch, a paid month, a declaration and a base. */
export type MemberGroup = {
  _id: {
    branchId: string
    paid: boolean
    declared: boolean
    kind?: 'salary' | 'fixed'
    baseFen?: number | null
  }
  n: number
}

type Row = DuesOutputs['byBranch']['branches'][number]

/** Each branch's counts, lowest 收缴率 first (branches owing nothing last), then by name. */
export function tallyBranches(
  branches: readonly { _id: string; name: string; fixedFen: number }[],
  groups: readonly MemberGroup[],
  month: string,
): Row[] {
  const fixedOf = new Map(branches.map((b) => [b._id, b.fixedFen]))
  const counts = new Map(branches.map((b) => [b._id, { paid: 0, unpaid: 0, unconfirmed: 0 }]))
  for (const { _id: g, n } of groups) {
    const c = counts.get(g.branchId)
    if (!c) continue
    // The base in effect stands for the member's history: monthToPay reads only that one for the month.
    const history: ConfirmedBasis[] = g.kind
      ? [{ kind: g.kind, baseFen: g.baseFen ?? null, from: month, confirmedAt: new Date(0) }]
      : []
    const declared = g.declared ? { kind: 'fixed' as const, baseFen: null, at: new Date(0) } : null
    const due = monthToPay({ declared, history }, g.paid, fixedOf.get(g.branchId)!, month)
    if (!due) continue
    if (due.state === 'paid') c.paid += n
    else if (due.state === 'owed') c.unpaid += n
    else c.unconfirmed += n
  }
  return branches
    .map((b) => {
      const c = counts.get(b._id)!
      const required = c.paid + c.unpaid + c.unconfirmed
      return {
        branchId: b._id,
        branchName: b.name,
        required,
        ...c,
        rate: required ? Math.floor((c.paid * 100) / required) : null,
      }
    })
    .sort(
      (a, b) =>
        (a.rate ?? 101) - (b.rate ?? 101) || a.branchName.localeCompare(b.branchName, 'zh-Hans-CN'),
    )
}
