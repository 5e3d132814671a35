// A branch's monthly minimums live on its org document; a branch that never set them uses the defaults.
import { DEFAULT_MINIMUMS, type Minimums, type RuleCounts } from '../../typings/participation'
import { meetsMinimums, shortfall } from './participation'
import type { MemberDoc, OrgDoc } from './records'

export function minimumsOf(branch: Pick<OrgDoc, 'minimums'> | null | undefined): Minimums {
  return { ...DEFAULT_MINIMUMS, ...(branch?.minimums ?? {}) }
}

/** The members still below a minimum this month (counters by member id; no counter means nothing yet). */
export function belowMinimums(
  members: Pick<MemberDoc, '_id' | 'name'>[],
  counters: Map<string, RuleCounts>,
  minimums: Minimums,
) {
  return members
    .map((m) => ({ m, counts: counters.get(m._id) ?? {} }))
    .filter(({ counts }) => !meetsMinimums(counts, minimums))
    .map(({ m, counts }) => ({
      memberId: m._id,
      name: m.name,
      counts,
      shortfall: shortfall(counts, minimums),
    }))
}

/** `报到还差 2 次，留言还差 5 条`: the reminder's words and the todo page's. */
export const describeShortfall = (s: Minimums) =>
  [
    s.checkin ? `报到还差 ${s.checkin} 次` : '',
    s.comment ? `留言还差 ${s.comment} 条` : '',
    s.study ? `学习还差 ${s.study} 项` : '',
  ]
    .filter(Boolean)
    .join('，')
