// A branch's month of 网上党校: the items due that month (pushed by the district or the branch's own) and its
// members' completions of them; the secretary's 待办 and the branch's member list read it alike.
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { rows } from '../../_shared/db'
import type { MemberDoc } from '../../_shared/records'
import { EVERY_BRANCH, type ItemDoc, NOT_WITHDRAWN, type ProgressDoc } from './store'

/**
 * The month's due items, in the order the study list shows them, and the branch's completions of them (only
 * `memberId`'s when given): two reads, in parallel.
 */
export async function readStudyDue(branchId: string, month: string, memberId?: string) {
  const _ = getDb().command
  const [due, done] = await Promise.all([
    rows<Pick<ItemDoc, '_id'>>(
      getDb()
        .collection(COLLECTIONS.studyItems)
        .where({ dueMonth: month, target: _.in([EVERY_BRANCH, branchId]), ...NOT_WITHDRAWN })
        .orderBy('createdAt', 'asc')
        .field({ _id: true })
        .limit(1000),
    ),
    rows<Pick<ProgressDoc, 'memberId' | 'itemId'>>(
      getDb()
        .collection(COLLECTIONS.studyProgress)
        .where({ dueMonth: month, branchId, completed: true, ...(memberId ? { memberId } : {}) })
        .field({ memberId: true, itemId: true })
        .limit(10_000),
    ),
  ])
  return { due: due.map((i) => i._id), done }
}

/** Each member's completions of the due items and what is missing, most missing first, then by name. */
export function studyGaps(
  due: string[],
  done: Pick<ProgressDoc, 'memberId' | 'itemId'>[],
  members: Pick<MemberDoc, '_id' | 'name'>[],
) {
  const dueSet = new Set(due)
  const finished = new Map<string, number>()
  for (const d of done)
    if (dueSet.has(d.itemId)) finished.set(d.memberId, (finished.get(d.memberId) ?? 0) + 1)
  return members
    .map((m) => {
      const n = finished.get(m._id) ?? 0
      return { memberId: m._id, name: m.name, done: n, missing: due.length - n }
    })
    .sort((a, b) => b.missing - a.missing || a.name.localeCompare(b.name, 'zh-Hans-CN'))
}

/** One member's due items of the month: done, required, and the first still to do (null when none is). */
export function memberStudyDue(
  { due, done }: Awaited<ReturnType<typeof readStudyDue>>,
  memberId: string,
) {
  const [gap] = studyGaps(due, done, [{ _id: memberId, name: '' }])
  const finished = new Set(done.filter((d) => d.memberId === memberId).map((d) => d.itemId))
  return {
    done: gap.done,
    required: due.length,
    nextItemId: due.find((id) => !finished.has(id)) ?? null,
  }
}
