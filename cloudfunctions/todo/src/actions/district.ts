// The district admin's 待办 (区委组织部): communities without an admin and branches without a secretary,
// branch sites gone quiet (长期未更新), appeals a community let run past due, branches that missed a 三会一课
// with nothing planned, 网上党校 items for every branch whose images wait for a person, and last month while it
// is not settled. One batch of parallel reads, each one round trip whatever the district's size: the org list
// in one aggregation, who is staffed and who held a 三会一课 as grouped counts (a row per branch), so every
// branch is judged and each section is counted exactly.
import { isDistrictAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { monthLabel, monthOf, now as clockNow } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { aggregate, findById } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { readDistrict } from '../../../_shared/district'
import { denied } from '../../../_shared/errors'
import { previousMonth } from '../../../_shared/participation'
import type { OrgDoc } from '../../../_shared/records'
import { groupBy } from '../../../stats/src/domain'
import { appealItem, openAppeals } from '../appeals'
import { heldCadence } from '../cadence'
import { countedSection } from '../counted'
import { studyItemsAwaitingReview, studyReviewItem } from '../media-review'
import { staffed } from '../staffed'
import {
  GROUPS,
  itemOf,
  laggingItems,
  sectionOf,
  staleItems,
  totalOf,
  unstaffedItems,
} from '../domain'

type Org = Pick<OrgDoc, '_id' | 'name' | 'level' | 'parentId' | 'sort' | 'lastNewsAt' | 'createdAt'>

const bySort = (a: { sort: number }, b: { sort: number }) => a.sort - b.sort

export const district = defineAction('todo', 'district', {
  audience: 'member',
  roles: ['districtAdmin'],
  scope: ['districtAdmin'],
  async run({ caller }) {
    if (!isDistrictAdmin(caller)) throw denied('只有区委组织部管理员可以查看区待办')
    const today = clockNow()
    const now = today.toDate()
    const lastMonth = previousMonth(monthOf(now))
    const _ = getDb().command
    const [info, orgs, secretaryOf, adminOf, appeals, held, settled, studyToReview] =
      await Promise.all([
        readDistrict(),
        aggregate<Org>(COLLECTIONS.orgs, [
          // Retired communities and branches (org register) have nothing to do.
          { $match: { level: _.in(['community', 'branch']), retiredAt: null } },
          {
            $project: { name: 1, level: 1, parentId: 1, sort: 1, lastNewsAt: 1, createdAt: 1 },
          },
          { $limit: GROUPS },
        ]),
        staffed('secretary', 'branchId'),
        staffed('communityAdmin', 'adminCommunityId'),
        openAppeals({ level: 'community' }, now),
        heldCadence({}, now),
        findById<{ _id: string }>(COLLECTIONS.settlements, lastMonth),
        studyItemsAwaitingReview(null),
      ])

    const communities = orgs.filter((o) => o.level === 'community').sort(bySort)
    const within = groupBy(
      orgs.filter((o) => o.level === 'branch'),
      (o) => o.parentId,
    )
    // Branches in district order: by community, then within it.
    const branches = communities.flatMap((c) => (within.get(c._id) ?? []).sort(bySort))
    const name = new Map(communities.map((c) => [c._id, c.name]))
    const complete = { complete: true }
    const sections = [
      sectionOf('unstaffed', unstaffedItems(communities, branches, adminOf, secretaryOf), complete),
      sectionOf('staleBranches', staleItems(branches, now, info.staleAfterDays), complete),
      countedSection('overdueAppeals', appeals, (a) => {
        const item = appealItem(a, now)
        return { ...item, note: `${name.get(a.communityId ?? '') ?? ''} · ${item.note}` }
      }),
      sectionOf('branchCadence', laggingItems(branches, held), complete),
      countedSection('studyMediaReview', studyToReview, studyReviewItem),
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
