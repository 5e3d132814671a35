// 网上党校 in the secretary's 待办: the branch's members who have not finished this month's required items (those
// whose topic is due this month, pushed by the district or the branch's own).
import type { TodoItem } from '../../../typings/todo'
import { getDb } from '../../_shared/cloud'
import { COLLECTIONS } from '../../_shared/collections'
import { rows } from '../../_shared/db'
import type { MemberDoc } from '../../_shared/records'
import { EVERY_BRANCH, type ItemDoc, type ProgressDoc } from '../../study/src/store'
import { itemOf } from './domain'

/** The month's due items and the branch's completions of them: two reads, in parallel. */
export async function readStudyDue(branchId: string, month: string) {
  const _ = getDb().command
  const [due, done] = await Promise.all([
    rows<Pick<ItemDoc, '_id'>>(
      getDb()
        .collection(COLLECTIONS.studyItems)
        .where({ dueMonth: month, target: _.in([EVERY_BRANCH, branchId]) })
        .field({ _id: true })
        .limit(1000),
    ),
    rows<Pick<ProgressDoc, 'memberId' | 'itemId'>>(
      getDb()
        .collection(COLLECTIONS.studyProgress)
        .where({ dueMonth: month, branchId, completed: true })
        .field({ memberId: true, itemId: true })
        .limit(10_000),
    ),
  ])
  return { due: due.map((i) => i._id), done }
}

/** One line per member short of the due items. */
export const studyDueItems = (
  reads: Awaited<ReturnType<typeof readStudyDue>>,
  members: Pick<MemberDoc, '_id' | 'name'>[],
): TodoItem[] =>
  studyGaps(reads.due, reads.done, members).map((g) =>
    itemOf(g.memberId, g.name, `本月必学内容还差 ${g.missing} 项`),
  )

/** Members short of the due items, most missing first, then by name. */
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
    .map((m) => ({
      memberId: m._id,
      name: m.name,
      missing: due.length - (finished.get(m._id) ?? 0),
    }))
    .filter((g) => g.missing > 0)
    .sort((a, b) => b.missing - a.missing || a.name.localeCompare(b.name, 'zh-Hans-CN'))
}
