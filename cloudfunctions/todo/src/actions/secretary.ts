// The secretary's 待办: registrations to review, 留言 waiting over 3 days, open appeals, news and appeals whose
// images wait for a person's review, pending leave for sessions not yet over, missed 三会一课 with nothing
// planned, members below this month's minimums, 党费 declarations to confirm and (from the 25th) the month's
// unpaid, and the branch's own site when it has gone quiet (长期未更新).
import { SESSION_TYPE_LABELS } from '../../../../typings/orglife'
import type { TodoItem } from '../../../../typings/todo'
import { activeMembersOf } from '../../../_shared/branches'
import { ownBranchAsSecretary } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { monthOf, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows } from '../../../_shared/db'
import { messageOverdueBefore } from '../../../_shared/deadlines'
import { readDistrict } from '../../../_shared/district'
import { defineAction } from '../../../_shared/dispatcher'
import { belowMinimums, describeShortfall, minimumsOf } from '../../../_shared/minimums'
import { branchCounters } from '../../../_shared/month-counters'
import { cadenceOf, cadenceSince, phaseOf } from '../../../_shared/orglife-rules'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import type { BoardMessageDoc } from '../../../interact/src/records'
import type { AttendanceDoc, SessionDoc } from '../../../orglife/src/store'
import { appealItem, openAppeals } from '../appeals'
import { readStudyDue } from '../../../study/src/due'
import { duesDeclarationItems, duesUnpaidItems, readBranchDues } from '../dues'
import { studyDueItems } from '../study-due'
import { transferItems } from '../transfers'
import {
  SCAN_LIMIT,
  cadenceToDo,
  dayText,
  daysBetween,
  sectionOf,
  staleItems,
  totalOf,
  itemOf,
} from '../domain'
import {
  appealReviewItem,
  appealsAwaitingReview,
  newsAwaitingReview,
  newsReviewItem,
} from '../media-review'

type Session = Pick<SessionDoc, '_id' | 'type' | 'topic' | 'status' | 'opensAt' | 'closesAt'>

export const secretary = defineAction('todo', 'secretary', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['ownBranch'],
  async run({ caller }) {
    const me = ownBranchAsSecretary(caller, '只有支部书记可以查看支部待办')
    const branchId = me.branchId
    const now = nowDate()
    const month = monthOf(now)
    const db = getDb()
    const _ = db.command
    const from = (name: string) => db.collection(name)
    // Every read depends only on the caller's branch, so they go out together: one sequential round trip.
    const [
      branch,
      pending,
      active,
      counters,
      messages,
      appeals,
      newsToReview,
      appealsToReview,
      sessions,
      leaves,
      district,
      transfers,
      studyDue,
      dues,
    ] = await Promise.all([
      findById<OrgDoc>(COLLECTIONS.orgs, branchId),
      rows<Pick<MemberDoc, '_id' | 'name' | 'createdAt'>>(
        from(COLLECTIONS.members)
          .where({ branchId, status: 'pending' })
          .orderBy('createdAt', 'asc')
          .field({ name: true, createdAt: true })
          .limit(SCAN_LIMIT),
      ),
      activeMembersOf(branchId, ['name']),
      branchCounters(branchId, month),
      rows<Pick<BoardMessageDoc, '_id' | 'authorName' | 'text' | 'createdAt'>>(
        from(COLLECTIONS.boardMessages)
          .where({
            branchId,
            answered: false,
            deleted: false,
            createdAt: _.lt(messageOverdueBefore(now)),
          })
          .orderBy('createdAt', 'asc')
          .field({ authorName: true, text: true, createdAt: true })
          .limit(SCAN_LIMIT),
      ),
      openAppeals({ branchId, level: 'branch' }),
      newsAwaitingReview({ branchId }),
      appealsAwaitingReview({ branchId }),
      // Cadence looks back to the previous quarter; every session still open or upcoming opened after that
      // (a session lasts at most 30 days), so the same rows also say which leave requests still matter.
      rows<Session>(
        from(COLLECTIONS.orglifeSessions)
          .where({ branchId, opensAt: _.gte(cadenceSince(now)) })
          .field({ type: true, topic: true, status: true, opensAt: true, closesAt: true })
          .limit(1000),
      ),
      // Newest first: requests left pending on long-closed sessions must not crowd out the current ones.
      rows<Pick<AttendanceDoc, '_id' | 'sessionId' | 'name' | 'leave'>>(
        from(COLLECTIONS.orglifeAttendance)
          .where({ branchId, 'leave.status': 'pending', attendedAt: null })
          .orderBy('leave.requestedAt', 'desc')
          .field({ sessionId: true, name: true, leave: true })
          .limit(SCAN_LIMIT),
      ),
      readDistrict(),
      transferItems(branchId),
      readStudyDue(branchId, month),
      readBranchDues(branchId, month, now),
    ])

    const live = new Map(
      sessions.filter((s) => ['open', 'upcoming'].includes(phaseOf(s, now))).map((s) => [s._id, s]),
    )
    const leaveItems = leaves
      .filter((l) => live.has(l.sessionId))
      .map((l) => ({ l, s: live.get(l.sessionId)! }))
      .sort((a, b) => a.s.closesAt.getTime() - b.s.closesAt.getTime())
      .map(({ l, s }): TodoItem => ({
        id: l._id,
        ref: s._id,
        title: `${l.name}请假：${l.leave?.reason ?? ''}`,
        note: `${SESSION_TYPE_LABELS[s.type]}「${s.topic}」 · ${dayText(s.closesAt)}结束`,
        overdue: false,
      }))

    const score = new Map(counters.map((c) => [c.memberId, c.score]))
    const below = belowMinimums(
      active,
      new Map(counters.map((c) => [c.memberId, c.counts])),
      minimumsOf(branch),
    ).sort(
      (a, b) =>
        (score.get(a.memberId) ?? 0) - (score.get(b.memberId) ?? 0) ||
        a.name.localeCompare(b.name, 'zh-Hans-CN'),
    )

    const sections = [
      sectionOf(
        'registrations',
        pending.map((m) => itemOf(m._id, m.name, `${dayText(m.createdAt)}申请加入支部`)),
      ),
      sectionOf('transfers', transfers),
      sectionOf(
        'messages',
        messages.map((m) =>
          itemOf(m._id, m.text, `${m.authorName} · 已等待 ${daysBetween(m.createdAt, now)} 天`, {
            overdue: true,
          }),
        ),
      ),
      sectionOf(
        'appeals',
        appeals.map((a) => appealItem(a, now)),
      ),
      sectionOf('newsMediaReview', newsToReview.map(newsReviewItem)),
      sectionOf('appealMediaReview', appealsToReview.map(appealReviewItem)),
      sectionOf('leaves', leaveItems),
      sectionOf(
        'cadence',
        cadenceToDo(cadenceOf(sessions, now)).map((c) =>
          itemOf(
            c.type,
            SESSION_TYPE_LABELS[c.type],
            `上期（${c.previousLabel}）未召开，本期还没有安排`,
            { overdue: true },
          ),
        ),
      ),
      sectionOf(
        'belowMinimum',
        below.map((b) => itemOf(b.memberId, b.name, describeShortfall(b.shortfall))),
      ),
      sectionOf('studyDue', studyDueItems(studyDue, active)),
      sectionOf('duesDeclarations', duesDeclarationItems(dues, active, branch)),
      sectionOf('duesUnpaid', duesUnpaidItems(dues, active, branch, month)),
      sectionOf('staleBranches', branch ? staleItems([branch], now, district.staleAfterDays) : []),
    ]
    return { branchId, branchName: branch?.name ?? '', month, total: totalOf(sections), sections }
  },
})
