// The stored wish, how each viewer sees it, and the one way its status changes: a conditional update.
import { surnameOnly } from '../../_shared/names'
import type {
  WishCard,
  WishCategory,
  WishDetail,
  WishEvent,
  WishStatus,
} from '../../../typings/wish'
import { type Caller, isCommunityAdminOf } from '../../_shared/caller'
import { getDb } from '../../_shared/cloud'
import { now, nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { findById, findVisible, updatedCount } from '../../_shared/db'
import { isClaimOverdue } from '../../_shared/deadlines'
import { conflict } from '../../_shared/errors'
import {
  type MediaState,
  awaitsReview,
  mayOpenToReview,
  mayReviewInCommunity,
  visibleImages,
} from '../../_shared/media'
import {
  type Viewer,
  WISH_TRANSITIONS,
  allowedEvents,
  claimerNameVisible,
  claimerText,
  claimerVisible,
  contactVisible,
  fulfilledAtOf,
  mayConfirmForResident,
  mayView,
  refusal,
  statusText,
} from './domain'

export type TimelineDoc = {
  at: Date
  event: WishEvent
  status: WishStatus
  by: string
  note?: string
}

/** The claimer as the ledger and notices need them, copied at claim time so later steps read nothing more. */
export type ClaimerDoc = {
  id: string
  openid: string
  name: string
  /** For the resident to call (claims before it was kept have none). */
  phone?: string
  /** The day the claimer said they would contact the resident by, `YYYY-MM-DD`. */
  contactBy?: string | null
  branchId: string | null
  communityId: string | null
}

export type WishDoc = {
  _id: string
  communityId: string
  residentId: string
  residentOpenid: string
  residentName: string
  residentPhone: string
  /** The 联系电话 the resident gave with the wish (a son or daughter, say): called instead of residentPhone. */
  contactPhone?: string | null
  address: string | null
  title: string
  description: string
  category: WishCategory
  photo: string | null
  /** WeChat's check of the resident's photo, and of the claimer's fulfilment photos (_shared/media.ts). */
  photoMedia?: MediaState
  status: WishStatus
  claimer: ClaimerDoc | null
  claimedAt: Date | null
  /** When it last became 已实现 (cleared by 还没办好): the 7 days before 社区代为确认 count from here. */
  fulfilledAt?: Date | null
  /** The community admin who confirmed it for the resident after a phone call, and when. */
  confirmedForResident?: { memberId: string; name: string; at: Date } | null
  rejectReason: string | null
  fulfilNote: string | null
  fulfilPhotos: string[]
  fulfilMedia?: MediaState
  thanks: string | null
  rating: number | null
  /** Set by the daily check when a claim went 14 days unfulfilled and the community admin was told. */
  overdueFlaggedAt: Date | null
  timeline: TimelineDoc[]
  createdAt: Date
  updatedAt: Date
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

export function viewerOf(caller: Caller, wish: WishDoc): Viewer {
  const member = caller.member?.status === 'active' ? caller.member : null
  return {
    isResident: caller.resident?._id === wish.residentId,
    isClaimer: !!member && wish.claimer?.id === member._id,
    isAdmin: isCommunityAdminOf(caller, wish.communityId),
    isMember: !!member,
    isReviewer: mayReviewInCommunity(caller, wish.communityId),
  }
}

/** A card as this viewer may see it: the claimer's name only for those the privacy guide names. */
export function toCard(wish: WishDoc, viewer: Viewer): WishCard {
  const claimedAt = wish.claimedAt ? new Date(wish.claimedAt) : null
  const claimerName = wish.claimer?.name ?? null
  return {
    id: wish._id,
    title: wish.title,
    category: wish.category,
    status: wish.status,
    communityId: wish.communityId,
    residentLabel: surnameOnly(wish.residentName),
    description: wish.description,
    thumb:
      visibleImages(wish.photo ? [wish.photo] : [], wish.photoMedia, { author: false })[0] ?? null,
    claimerName: claimerNameVisible(viewer) ? claimerName : null,
    statusText: statusText(wish.status, viewer),
    claimerText: claimerText(wish.status, claimerName, viewer),
    createdAt: new Date(wish.createdAt).toISOString(),
    claimedAt: iso(claimedAt),
    claimOverdue: isClaimOverdue(wish.status, claimedAt, now()),
  }
}

export function toDetail(wish: WishDoc, viewer: Viewer): WishDetail {
  const involved = viewer.isResident || viewer.isClaimer || viewer.isAdmin
  const fulfilledAt = fulfilledAtOf(wish)
  const waitedLong = mayConfirmForResident(wish.status, fulfilledAt, nowDate())
  return {
    ...toCard(wish, viewer),
    description: wish.description,
    // Each set shows to others once checked, to whoever attached it while the check is pending, and to a
    // reviewer once it awaits a person.
    photo:
      visibleImages(wish.photo ? [wish.photo] : [], wish.photoMedia, {
        author: viewer.isResident,
        reviewer: viewer.isReviewer,
      })[0] ?? null,
    photoStatus: wish.photoMedia?.status ?? 'none',
    photoAwaitingReview: viewer.isReviewer && awaitsReview(wish.photoMedia),
    ...(contactVisible(wish.status, viewer)
      ? {
          contact: {
            name: wish.residentName,
            phone: wish.contactPhone || wish.residentPhone,
            address: wish.address,
            promisedBy: wish.claimer?.contactBy ?? null,
          },
        }
      : {}),
    ...(wish.claimer && claimerVisible(wish.status, viewer)
      ? {
          claimerContact: {
            name: wish.claimer.name,
            phone: wish.claimer.phone ?? null,
            contactBy: wish.claimer.contactBy ?? null,
          },
        }
      : {}),
    ...(viewer.isAdmin && wish.status === '已实现' && fulfilledAt
      ? {
          awaitingConfirmation: {
            since: fulfilledAt.toISOString(),
            mayConfirmForResident: waitedLong,
          },
        }
      : {}),
    rejectReason: viewer.isResident || viewer.isAdmin ? wish.rejectReason : null,
    fulfilNote: wish.fulfilNote,
    fulfilPhotos: visibleImages(wish.fulfilPhotos, wish.fulfilMedia, {
      author: viewer.isClaimer,
      reviewer: viewer.isReviewer,
    }),
    fulfilPhotosStatus: wish.fulfilMedia?.status ?? 'none',
    fulfilPhotosAwaitingReview: viewer.isReviewer && awaitsReview(wish.fulfilMedia),
    thanks: wish.thanks,
    rating: wish.rating,
    ...(involved
      ? {
          timeline: wish.timeline.map((t) => ({
            at: new Date(t.at).toISOString(),
            event: t.event,
            status: t.status,
            by: t.by,
            ...(t.note ? { note: t.note } : {}),
          })),
        }
      : {}),
    allowed: allowedEvents(wish.status, viewer, waitedLong),
    viewer: { isResident: viewer.isResident, isClaimer: viewer.isClaimer, isAdmin: viewer.isAdmin },
  }
}

/**
 * A wish this caller may see, with how they see it; NOT_FOUND for one they may not (it does not exist for them).
 * A reviewer (a district admin, say) may also open one while its images await their decision.
 */
export async function loadWish(caller: Caller, wishId: string) {
  const wish = await findVisible<WishDoc>(COLLECTIONS.wishes, wishId, '该心愿', (w) => {
    const viewer = viewerOf(caller, w)
    return (
      mayView(w.status, viewer) || mayOpenToReview(viewer.isReviewer, w.photoMedia, w.fulfilMedia)
    )
  })
  return { wish, viewer: viewerOf(caller, wish) }
}

/**
 * Moves a wish along one event. The update is conditional on the status the event starts from (and on
 * `guard`, e.g. who the claimer is), so of two racing callers exactly one wins; the loser gets CONFLICT
 * and nothing changes. The timeline entry is pushed in the same update.
 */
export async function transition(
  wish: WishDoc,
  event: Exclude<WishEvent, 'submit'>,
  change: { set?: Partial<WishDoc>; by: string; note?: string; guard?: Record<string, unknown> },
): Promise<WishDoc> {
  const { from, to } = WISH_TRANSITIONS[event]
  if (!from.includes(wish.status)) throw conflict(refusal(wish.status, event))
  const db = getDb()
  const _ = db.command
  const at = nowDate()
  const entry: TimelineDoc = {
    at,
    event,
    status: to,
    by: change.by,
    ...(change.note ? { note: change.note } : {}),
  }
  const set = { ...change.set, status: to, updatedAt: at }
  const updated = await updatedCount(
    db
      .collection(COLLECTIONS.wishes)
      .where({
        _id: wish._id,
        status: from.length === 1 ? from[0] : _.in([...from]),
        ...change.guard,
      })
      .update({ data: { ...set, timeline: _.push([entry]) } }),
  )
  if (!updated) {
    // Someone else moved it first; say what it is now.
    const current = await findById<WishDoc>(COLLECTIONS.wishes, wish._id)
    throw conflict(current ? refusal(current.status, event) : '该心愿已不存在')
  }
  return { ...wish, ...set, timeline: [...wish.timeline, entry] }
}
