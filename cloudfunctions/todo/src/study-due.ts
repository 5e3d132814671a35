// 网上党校 in the secretary's 待办: the branch's members who have not finished this month's required items.
import type { TodoItem } from '../../../typings/todo'
import type { MemberDoc } from '../../_shared/records'
import { type readStudyDue, studyGaps } from '../../study/src/due'
import { itemOf } from './domain'

/** One line per member short of the due items. */
export const studyDueItems = (
  reads: Awaited<ReturnType<typeof readStudyDue>>,
  members: Pick<MemberDoc, '_id' | 'name'>[],
): TodoItem[] =>
  studyGaps(reads.due, reads.done, members)
    .filter((g) => g.missing > 0)
    .map((g) => itemOf(g.memberId, g.name, `本月必学内容还差 ${g.missing} 项`))
