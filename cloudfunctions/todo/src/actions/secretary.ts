// The secretary's 待办: what they owe, with its age — registrations to review, unanswered 留言 (overdue after
// 3 days), open appeals, news and appeals whose images wait for a person's review, pending leave for sessions
// not yet over, missed 三会一课 with nothing planned, one line for the members below this month's minimums
// (一键提醒, open until pressed today), 党费 declarations to confirm, and the branch's own site when it has
// gone quiet (长期未更新). What members owe (网上党校 unfinished, from the 25th 党费 unpaid) is listed too,
// never counted.
import dayjs from 'dayjs'
import { SESSION_TYPE_LABELS } from '../../../../typings/orglife'
import type { TodoItem } from '../../../../typings/todo'
// Plain string formatting shared with the pages (no wx): 2026-Q3 → 2026年第三季度.
import { periodLabel } from '../../../../miniprogram/utils/date'
import { activeMembersOf } from '../../../_shared/branches'
import { ownBranchAsSecretary } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { ZONE, monthOf, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows } from '../../../_shared/db'
import { readDistrict } from '../../../_shared/district'
import { defineAction } from '../../../_shared/dispatcher'
import { belowMinimums, minimumsOf, remindedOn } from '../../../_shared/minimums'
import { branchCounters } from '../../../_shared/month-counters'
import { cadenceOf, cadenceSince, phaseOf } from '../../../_shared/orglife-rules'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import type { AttendanceDoc, SessionDoc } from '../../../orglife/src/store'
import { appealItem, openAppeals } from '../appeals'
import { readStudyDue } from '../../../study/src/due'
import { duesDeclarationItems, duesUnpaidItems, readBranchDues } from '../dues'
import { studyDueItems } from '../study-due'
import { itemOfTransfer, waitingAtBranch } from '../transfers'
import { messagesSection, staleSection, unansweredMessages } from '../branch-site'
import { countedSection, firstCounted } from '../counted'
import {
  SCAN_LIMIT,
  agoText,
  cadenceToDo,
  belowMinimumSection,
  dayText,
  sectionOf,
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
      reminded,
    ] = await Promise.all([
      findById<OrgDoc>(COLLECTIONS.orgs, branchId),
      firstCounted<Pick<MemberDoc, '_id' | 'name' | 'createdAt'>>(
        COLLECTIONS.members,
        { branchId, status: 'pending' },
        ['createdAt', 'asc'],
        { name: true, createdAt: true },
      ),
      activeMembersOf(branchId, ['name']),
      branchCounters(branchId, month),
      unansweredMessages(branchId),
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
      waitingAtBranch(branchId),
      readStudyDue(branchId, month),
      readBranchDues(branchId, month, now),
      remindedOn(branchId, dayjs(now).tz(ZONE).format('YYYY-MM-DD')),
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
        title: `审批${l.name}的请假：${l.leave?.reason ?? ''}`,
        note: `${SESSION_TYPE_LABELS[s.type]}「${s.topic}」${dayText(s.closesAt)}结束 · ${agoText(l.leave!.requestedAt, now)}提交`,
        overdue: false,
      }))

    const below = belowMinimums(
      active,
      new Map(counters.map((c) => [c.memberId, c.counts])),
      minimumsOf(branch),
    )
    const remindedToday = below.filter((b) => reminded.has(b.memberId)).length

    const sections = [
      countedSection('registrations', pending, (m) =>
        itemOf(m._id, `审核${m.name}的党员登记`, `${agoText(m.createdAt, now)}提交`),
      ),
      countedSection('transfers', transfers, itemOfTransfer),
      messagesSection(messages, now),
      countedSection('appeals', appeals, (a) => appealItem(a, now)),
      countedSection('newsMediaReview', newsToReview, newsReviewItem),
      countedSection('appealMediaReview', appealsToReview, appealReviewItem),
      sectionOf('leaves', leaveItems),
      sectionOf(
        'cadence',
        cadenceToDo(cadenceOf(sessions, now)).map((c) =>
          itemOf(
            c.type,
            SESSION_TYPE_LABELS[c.type],
            `上期（${periodLabel(c.previousLabel)}）未召开，本期还没有安排`,
            { overdue: true },
          ),
        ),
      ),
      belowMinimumSection(below.length, remindedToday),
      sectionOf('studyDue', studyDueItems(studyDue, active)),
      sectionOf('duesDeclarations', duesDeclarationItems(dues, active, branch)),
      sectionOf('duesUnpaid', duesUnpaidItems(dues, active, branch, month)),
      staleSection(branch, now, district.staleAfterDays),
    ]
    return {
      branchId,
      branchName: branch?.name ?? '',
      month,
      total: totalOf(sections),
      belowMinimum: { below: below.length, remindedToday },
      sections,
    }
  },
})
