// The community admin's 待办: the community's branches without a secretary (the admin proposes one to the
// district), wishes to review, claims gone 14 days unfulfilled, wishes fulfilled 7+ days ago the resident has
// not confirmed (社区 calls and confirms for them), appeals waiting at the
// community (escalated by a branch or sent by residents), news, appeals, wishes and org-life materials anywhere
// in the community whose images wait for a person's review, and branches that missed a 三会一课 with nothing
// planned, and branches whose site has gone quiet (长期未更新).
import { ownCommunityAsAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { now as clockNow } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, pageAll } from '../../../_shared/db'
import { overdueClaimCutoff } from '../../../_shared/deadlines'
import { defineAction } from '../../../_shared/dispatcher'
import { readDistrict } from '../../../_shared/district'
import type { OrgDoc } from '../../../_shared/records'
import { confirmForResidentCutoff, fulfilledAtOf, waitingSince } from '../../../wish/src/domain'
import type { WishDoc } from '../../../wish/src/store'
import { appealItem, openAppeals } from '../appeals'
import { heldCadence } from '../cadence'
import { communityServiceToDo, reportItem } from '../community-service'
import { countedSection, firstCounted } from '../counted'
import { staffed } from '../staffed'
import { unstaffedTransferItems } from '../transfers'
import {
  dayText,
  itemOf,
  laggingItems,
  secretarylessItems,
  sectionOf,
  staleItems,
  totalOf,
} from '../domain'
import {
  appealReviewItem,
  appealsAwaitingReview,
  newsAwaitingReview,
  newsReviewItem,
  sessionReviewItem,
  sessionsAwaitingReview,
  studyItemsAwaitingReview,
  studyReviewItem,
  wishReviewItem,
  wishesAwaitingReview,
} from '../media-review'

type Wish = Pick<
  WishDoc,
  | '_id'
  | 'title'
  | 'category'
  | 'createdAt'
  | 'claimer'
  | 'claimedAt'
  | 'status'
  | 'fulfilledAt'
  | 'updatedAt'
>

export const community = defineAction('todo', 'community', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['ownCommunity'],
  async run({ caller }) {
    const communityId = ownCommunityAsAdmin(caller, '只有社区管理员可以查看社区待办')
    const today = clockNow()
    const now = today.toDate()
    const _ = getDb().command
    const wishFields = {
      title: true,
      category: true,
      createdAt: true,
      claimer: true,
      claimedAt: true,
      status: true,
      fulfilledAt: true,
      updatedAt: true,
    }
    const [
      org,
      toReview,
      overdueClaims,
      unconfirmed,
      appeals,
      newsToReview,
      appealsToReview,
      wishesToReview,
      sessionsToReview,
      studyToReview,
      branches,
      held,
      district,
      service,
      transfers,
      secretaryOf,
    ] = await Promise.all([
      findById<OrgDoc>(COLLECTIONS.orgs, communityId),
      firstCounted<Wish>(
        COLLECTIONS.wishes,
        { communityId, status: '待审核' },
        ['createdAt', 'asc'],
        wishFields,
      ),
      firstCounted<Wish>(
        COLLECTIONS.wishes,
        { communityId, status: '已认领', claimedAt: _.lte(overdueClaimCutoff(today)) },
        ['claimedAt', 'asc'],
        wishFields,
      ),
      // Fulfilled 7+ days ago and the resident has not confirmed: call them, then confirm for them.
      firstCounted<Wish>(
        COLLECTIONS.wishes,
        waitingSince(_, confirmForResidentCutoff(now), { communityId }),
        ['fulfilledAt', 'asc'],
        wishFields,
      ),
      openAppeals({ communityId, level: 'community' }),
      newsAwaitingReview({ communityId }),
      appealsAwaitingReview({ communityId }),
      wishesAwaitingReview(communityId),
      sessionsAwaitingReview(communityId),
      studyItemsAwaitingReview(communityId),
      // Every branch is judged: one page unless the community has more than 1000.
      pageAll<Pick<OrgDoc, '_id' | 'name' | 'sort' | 'lastNewsAt' | 'createdAt'>>(
        COLLECTIONS.orgs,
        // Retired branches (org register) have nothing to do.
        { parentId: communityId, level: 'branch', retiredAt: null },
        { name: true, sort: true, lastNewsAt: true, createdAt: true },
      ).then((found) => found.sort((a, b) => a.sort - b.sort)),
      heldCadence({ communityId }, now),
      readDistrict(),
      communityServiceToDo(communityId, today),
      unstaffedTransferItems(communityId),
      staffed('secretary', 'branchId', { communityId }),
    ])

    const complete = { complete: true }
    const sections = [
      sectionOf('transfers', transfers, complete),
      sectionOf('unstaffedBranches', secretarylessItems(branches, secretaryOf), complete),
      countedSection('wishReviews', toReview, (w) =>
        itemOf(w._id, w.title, `${w.category} · ${dayText(w.createdAt)}提交`),
      ),
      countedSection('overdueClaims', overdueClaims, (w) =>
        itemOf(
          w._id,
          w.title,
          `${w.claimer?.name ?? ''} ${w.claimedAt ? dayText(w.claimedAt) : ''}认领，尚未完成`,
          { overdue: true },
        ),
      ),
      countedSection('unconfirmedWishes', unconfirmed, (w) =>
        itemOf(
          w._id,
          w.title,
          `${w.claimer?.name ?? ''} ${dayText(fulfilledAtOf(w)!)}完成，居民尚未确认`,
          { overdue: true },
        ),
      ),
      sectionOf('serviceConfirmations', service.serviceConfirmations, complete),
      countedSection('overdueReports', service.overdueReports, reportItem(today)),
      countedSection('appeals', appeals, (a) => appealItem(a, now)),
      countedSection('newsMediaReview', newsToReview, newsReviewItem),
      countedSection('appealMediaReview', appealsToReview, appealReviewItem),
      countedSection('wishMediaReview', wishesToReview, wishReviewItem),
      countedSection(
        'sessionMediaReview',
        sessionsToReview,
        sessionReviewItem(new Map(branches.map((b) => [b._id, b.name]))),
      ),
      countedSection('studyMediaReview', studyToReview, studyReviewItem),
      sectionOf('branchCadence', laggingItems(branches, held), complete),
      sectionOf('staleBranches', staleItems(branches, now, district.staleAfterDays), complete),
    ]
    return { communityId, communityName: org?.name ?? '', total: totalOf(sections), sections }
  },
})
