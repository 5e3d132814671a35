// What members read (topics with their progress) and what officers read (completion by branch).
import {
  activeMemberCounts,
  activeMembersOf,
  branchOverseenBy,
  findBranch,
} from '../../../_shared/branches'
import { branchNamedOrOwn, isDistrictAdmin, isSecretaryOf } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { monthOf, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { aggregate, findById, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'
import { memberIdOf } from '../../../_shared/identity'
import { minimumsOf } from '../../../_shared/minimums'
import type { MemberMonthDoc } from '../../../_shared/month-counters'
import { memberMonthId } from '../../../_shared/participation'
import type { OrgDoc } from '../../../_shared/records'
import { readStudyDue, studyGaps } from '../due'
import {
  EVERY_BRANCH,
  type ItemDoc,
  NOT_WITHDRAWN,
  type ProgressDoc,
  type TopicDoc,
} from '../store'

/** Topics shown at once: a branch publishes a few a month. */
const TOPICS = 60
const ITEMS = 1000

export const list = defineAction('study', 'list', {
  audience: 'member',
  scope: ['public'],
  async run({ caller }) {
    const db = getDb()
    const _ = db.command
    const memberId = memberIdOf(caller.openid)
    const branchId = caller.member?.branchId ?? null
    const month = monthOf(nowDate())
    const targets = branchId ? [EVERY_BRANCH, branchId] : [EVERY_BRANCH]
    const publishAs = isDistrictAdmin(caller)
      ? ('district' as const)
      : branchId && isSecretaryOf(caller, branchId)
        ? ('secretary' as const)
        : null
    const [topics, branch, counter] = await Promise.all([
      rows<TopicDoc>(
        db
          .collection(COLLECTIONS.studyTopics)
          .where({ target: _.in(targets) })
          .orderBy('dueMonth', 'desc')
          .limit(TOPICS),
      ),
      branchId ? findBranch(branchId) : null,
      findById<MemberMonthDoc>(COLLECTIONS.memberMonths, memberMonthId(month, memberId)),
    ])
    const topicIds = topics.map((t) => t._id)
    const [items, done] = topicIds.length
      ? await Promise.all([
          rows<Pick<ItemDoc, '_id' | 'topicId' | 'title' | 'kind' | 'minutes' | 'quiz'>>(
            db
              .collection(COLLECTIONS.studyItems)
              .where({ topicId: _.in(topicIds), ...NOT_WITHDRAWN })
              .orderBy('createdAt', 'asc')
              .field({ topicId: true, title: true, kind: true, minutes: true, quiz: true })
              .limit(ITEMS),
          ),
          rows<Pick<ProgressDoc, 'itemId'>>(
            db
              .collection(COLLECTIONS.studyProgress)
              .where({
                memberId,
                completed: true,
                dueMonth: _.in([...new Set(topics.map((t) => t.dueMonth))]),
              })
              .field({ itemId: true })
              .limit(ITEMS),
          ),
        ])
      : [[], []]
    const completed = new Set(done.map((d) => d.itemId))
    return {
      month,
      topics: topics.map((t) => {
        const own = items
          .filter((i) => i.topicId === t._id)
          .map((i) => ({
            id: i._id,
            title: i.title,
            kind: i.kind,
            minutes: i.minutes,
            hasQuiz: !!i.quiz,
            completed: completed.has(i._id),
          }))
        return {
          id: t._id,
          title: t.title,
          dueMonth: t.dueMonth,
          fromDistrict: t.target === EVERY_BRANCH,
          mayPublish: isDistrictAdmin(caller) || isSecretaryOf(caller, t.target),
          items: own,
          done: own.filter((i) => i.completed).length,
        }
      }),
      canPublish: !!publishAs,
      publishAs,
      minimum: minimumsOf(branch).study,
      doneThisMonth: counter?.counts?.study ?? 0,
    }
  },
})

export const members = defineAction('study', 'members', {
  audience: 'member',
  roles: ['secretary', 'communityAdmin', 'districtAdmin'],
  scope: ['secretary', 'communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const branchId = branchNamedOrOwn(caller, input.branchId)
    const month = input.month ?? monthOf(nowDate())
    // Refused before anything of the branch's members is read.
    const branch = await branchOverseenBy(
      caller,
      branchId,
      '只有本支部书记、社区党委或区委组织部可以查看',
    )
    const [active, reads] = await Promise.all([
      activeMembersOf(branchId, ['name']),
      readStudyDue(branchId, month),
    ])
    return {
      branchId,
      branchName: branch.name,
      month,
      items: reads.due.length,
      members: studyGaps(reads.due, reads.done, active).map((g) => ({
        id: g.memberId,
        name: g.name,
        done: g.done,
        missing: g.missing,
      })),
    }
  },
})

export const byBranch = defineAction('study', 'byBranch', {
  audience: 'member',
  roles: ['districtAdmin', 'communityAdmin'],
  scope: ['districtAdmin', 'ownCommunity'],
  async run({ caller }, input) {
    const month = input.month ?? monthOf(nowDate())
    const communityId = isDistrictAdmin(caller) ? undefined : caller.member?.adminCommunityId
    if (!isDistrictAdmin(caller) && !communityId) throw denied('只有区管理员或社区管理员可以查看')
    const within = communityId ? { communityId } : {}
    const db = getDb()
    const [branches, items, members, completions] = await Promise.all([
      rows<Pick<OrgDoc, '_id' | 'name'>>(
        db
          .collection(COLLECTIONS.orgs)
          .where({ level: 'branch', ...within })
          .field({ name: true })
          .limit(1000),
      ),
      rows<Pick<ItemDoc, '_id' | 'target'>>(
        db
          .collection(COLLECTIONS.studyItems)
          .where({ dueMonth: month, ...NOT_WITHDRAWN })
          .field({ target: true })
          .limit(ITEMS),
      ),
      activeMemberCounts(within),
      aggregate<{ _id: string | null; n: number }>(COLLECTIONS.studyProgress, [
        { $match: { dueMonth: month, completed: true } },
        { $group: { _id: '$branchId', n: { $sum: 1 } } },
        { $limit: 100_000 },
      ]),
    ])
    const done = new Map(completions.map((c) => [c._id, c.n]))
    const districtItems = items.filter((i) => i.target === EVERY_BRANCH).length
    return {
      month,
      districtItems,
      branches: branches
        .map((b) => {
          const due = districtItems + items.filter((i) => i.target === b._id).length
          const n = members.get(b._id) ?? 0
          const completions = done.get(b._id) ?? 0
          return {
            branchId: b._id,
            branchName: b.name,
            members: n,
            items: due,
            completions,
            percent: due && n ? Math.min(100, Math.floor((completions * 100) / (due * n))) : null,
          }
        })
        .sort(
          (a, b) =>
            (a.percent ?? 101) - (b.percent ?? 101) ||
            a.branchName.localeCompare(b.branchName, 'zh-Hans-CN'),
        ),
    }
  },
})
