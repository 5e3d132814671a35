// The district admin's 待办 (区委组织部): communities without an admin and branches without a secretary,
// branch sites gone quiet (长期未更新), appeals a community let run past due, branches that missed a 三会一课
// with nothing planned, 网上党校 items for every branch whose images wait for a person, and last month while it
// is not settled. One batch of parallel reads, each bounded.
import { isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { monthLabel, monthOf, now as clockNow } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { readDistrict } from '../../../_shared/district'
import { denied } from '../../../_shared/errors'
import { type CadenceSession, cadenceSince } from '../../../_shared/orglife-rules'
import { previousMonth } from '../../../_shared/participation'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import { appealItem, openAppeals } from '../appeals'
import { studyItemsAwaitingReview, studyReviewItem } from '../media-review'
import { itemOf, laggingItems, sectionOf, staleItems, totalOf, unstaffedItems } from '../domain'

/** Org documents a district holds at most; every list here reads them in one go, as org.tree does. */
const ORGS = 1000

type Org = Pick<OrgDoc, '_id' | 'name' | 'level' | 'parentId' | 'sort' | 'lastNewsAt' | 'createdAt'>

export const district = defineAction('todo', 'district', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['districtAdmin'],
  async run({ caller }) {
    if (!isDistrictAdmin(caller)) throw denied('只有区委组织部管理员可以查看区待办')
    const today = clockNow()
    const now = today.toDate()
    const lastMonth = previousMonth(monthOf(now))
    const db = getDb()
    const _ = db.command
    const members = db.collection(COLLECTIONS.members)
    const [info, orgs, secretaries, admins, appeals, sessions, settled, studyToReview] =
      await Promise.all([
        readDistrict(),
        rows<Org>(
          db
            .collection(COLLECTIONS.orgs)
            // Retired communities and branches (org register) have nothing to do.
            .where({ level: _.in(['community', 'branch']), retiredAt: null })
            .field({
              name: true,
              level: true,
              parentId: true,
              sort: true,
              lastNewsAt: true,
              createdAt: true,
            })
            .limit(ORGS),
        ),
        rows<Pick<MemberDoc, '_id' | 'branchId'>>(
          members
            .where({ status: 'active', roles: 'secretary' })
            .field({ branchId: true })
            .limit(ORGS),
        ),
        rows<Pick<MemberDoc, '_id' | 'adminCommunityId'>>(
          members
            .where({ status: 'active', roles: 'communityAdmin' })
            .field({ adminCommunityId: true })
            .limit(ORGS),
        ),
        openAppeals({ level: 'community' }, now),
        // One get holds at most 1000 sessions since last quarter (~60 branches' worth): in a larger district
        // some branches would be judged on part of their sessions; 组织概况, paged by community, reads them all.
        rows<CadenceSession & { branchId: string }>(
          db
            .collection(COLLECTIONS.orglifeSessions)
            .where({ opensAt: _.gte(cadenceSince(now)) })
            .field({ branchId: true, type: true, status: true, opensAt: true, closesAt: true })
            .limit(ORGS),
        ),
        findById<{ _id: string }>(COLLECTIONS.settlements, lastMonth),
        studyItemsAwaitingReview(null),
      ])

    const communities = orgs.filter((o) => o.level === 'community').sort((a, b) => a.sort - b.sort)
    // Branches in district order: by community, then within it.
    const branches = communities.flatMap((c) =>
      orgs
        .filter((o) => o.level === 'branch' && o.parentId === c._id)
        .sort((a, b) => a.sort - b.sort),
    )
    const name = new Map(communities.map((c) => [c._id, c.name]))
    const sections = [
      sectionOf(
        'unstaffed',
        unstaffedItems(
          communities,
          branches,
          new Set(admins.map((a) => a.adminCommunityId ?? '')),
          new Set(secretaries.map((s) => s.branchId ?? '')),
        ),
      ),
      sectionOf('staleBranches', staleItems(branches, now, info.staleAfterDays)),
      sectionOf(
        'overdueAppeals',
        appeals.map((a) => {
          const item = appealItem(a, now)
          return { ...item, note: `${name.get(a.communityId ?? '') ?? ''} · ${item.note}` }
        }),
      ),
      sectionOf('branchCadence', laggingItems(branches, sessions, now)),
      sectionOf('studyMediaReview', studyToReview.map(studyReviewItem)),
      sectionOf(
        'unsettled',
        settled
          ? []
          : [
              itemOf(
                lastMonth,
                `${monthLabel(lastMonth)}结算`,
                '尚未结算：上月排行和支部公报还没有发布',
                {
                  // The timer settles at 01:00 on the 1st; still missing a day later, someone must look.
                  overdue: today.date() > 1,
                },
              ),
            ],
      ),
    ]
    return { ...info, total: totalOf(sections), sections }
  },
})
