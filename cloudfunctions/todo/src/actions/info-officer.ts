// The 信息员's 待办: what they can act on and nothing else — their branch's unanswered 留言 (overdue after 3
// days) and its site once it has gone quiet (长期未更新, with the days since the last post). The same reads
// and lines as the secretary's (branch-site.ts).
import { activeMember } from '../../../_shared/caller'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { readDistrict } from '../../../_shared/district'
import { denied } from '../../../_shared/errors'
import type { OrgDoc } from '../../../_shared/records'
import { messagesSection, staleSection, unansweredMessages } from '../branch-site'
import { totalOf } from '../domain'

export const infoOfficer = defineAction('todo', 'infoOfficer', {
  audience: 'member',
  roles: ['infoOfficer'],
  scope: ['ownBranch'],
  async run({ caller }) {
    const { branchId } = activeMember(caller)
    if (!branchId || !caller.roles.has('infoOfficer'))
      throw denied('只有支部信息员可以查看信息员待办')
    const now = nowDate()
    const [branch, messages, { staleAfterDays }] = await Promise.all([
      findById<Pick<OrgDoc, '_id' | 'name' | 'lastNewsAt' | 'createdAt'>>(
        COLLECTIONS.orgs,
        branchId,
      ),
      unansweredMessages(branchId),
      readDistrict(),
    ])
    const sections = [messagesSection(messages, now), staleSection(branch, now, staleAfterDays)]
    return {
      branchId,
      branchName: branch?.name ?? '',
      staleAfterDays,
      total: totalOf(sections),
      sections,
    }
  },
})
