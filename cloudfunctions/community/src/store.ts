// Stored shapes of reports, service posts and sign-ups, and how they are shown.
import type dayjs from 'dayjs'
import type { ReportView, ServicePost, SignupStatus, Willingness } from '../../../typings/community'
import { COLLECTIONS } from '../../_shared/collections'
import { type Caller, isCommunityAdminOf } from '../../_shared/caller'
import { getDb } from '../../_shared/cloud'
import { findById, findVisible, removedCount } from '../../_shared/db'
import { notFound } from '../../_shared/errors'
import type { OrgDoc } from '../../_shared/records'
import { reportState, signupIdOf } from './domain'

/** A member's current report, one per member (`_id` = member id); earlier ones stay in `history`. */
export type ReportDoc = {
  _id: string
  memberId: string
  name: string
  branchId: string | null
  /** The community of the member's branch (the ledger's), as opposed to where they live. */
  memberCommunityId: string | null
  communityId: string
  communityName: string
  area: string
  skills: string
  willingness: Willingness[]
  reportedAt: Date
  dueAt: Date
  history: { reportedAt: Date; communityId: string; communityName: string; area: string }[]
  /** When the community last sent a re-report reminder (ms), for community.remindReport's once-a-week rule. */
  remindedMs?: number
}

/** A service post as shown, less what depends on the caller; `signedUp` moves only by conditional `_.inc`,
 * never written from a read. */
export type PostDoc = Omit<
  ServicePost,
  'id' | 'mine' | 'signups' | 'cancelled' | 'cancelReason'
> & {
  _id: string
  createdBy: string
  createdAt: Date
  /** Absent on posts written before cancelling existed: read as not cancelled. */
  cancelled?: boolean
  cancelReason?: string | null
  cancelledAt?: Date | null
}

export type SignupDoc = {
  _id: string
  serviceId: string
  communityId: string
  title: string
  place: string
  date: string
  /** `YYYY-MM` of the service's day: the roster's month. */
  month: string
  memberId: string
  name: string
  branchId: string | null
  memberCommunityId: string | null
  /** 'pending' only between inserting the sign-up and taking its slot: no read may count it. */
  status: SignupStatus | 'pending'
  hours: number | null
  rating: number | null
  comment: string | null
  signedAt: Date
  confirmedAt: Date | null
  /** Set on every sign-up of a post when the community cancels it. */
  cancelled?: boolean
}

/** The statuses of a sign-up that holds its slot; every read selects `status: _.in(HELD)`. */
export const HELD: SignupStatus[] = ['signed', 'confirmed']
export type HeldSignup = SignupDoc & { status: SignupStatus }

export function toReportView(doc: ReportDoc, now: dayjs.Dayjs): ReportView {
  return {
    communityId: doc.communityId,
    communityName: doc.communityName,
    area: doc.area,
    skills: doc.skills,
    willingness: doc.willingness,
    reportedAt: new Date(doc.reportedAt).toISOString(),
    dueAt: new Date(doc.dueAt).toISOString(),
    state: reportState(new Date(doc.dueAt), now),
  }
}

export function toPostView(
  post: PostDoc,
  mine: SignupStatus | null,
  signups?: HeldSignup[],
): ServicePost {
  return {
    id: post._id,
    communityId: post.communityId,
    title: post.title,
    description: post.description,
    kind: post.kind,
    category: post.category,
    date: post.date,
    time: post.time,
    place: post.place,
    slots: post.slots,
    signedUp: post.signedUp,
    cancelled: post.cancelled ?? false,
    cancelReason: post.cancelReason ?? null,
    mine,
    ...(signups
      ? {
          signups: signups.map((s) => ({
            memberId: s.memberId,
            name: s.name,
            status: s.status,
            hours: s.hours,
          })),
        }
      : {}),
  }
}

export async function findPost(serviceId: string): Promise<PostDoc> {
  const post = await findById<PostDoc>(COLLECTIONS.servicePosts, serviceId)
  if (!post) throw notFound('该服务岗位')
  return post
}

/** A post of the community the caller administers; any other answers as a missing one. */
export const findOwnPost = (caller: Caller, serviceId: string) =>
  findVisible<PostDoc>(COLLECTIONS.servicePosts, serviceId, '该服务岗位', (p) =>
    isCommunityAdminOf(caller, p.communityId),
  )

export async function findCommunity(communityId: string): Promise<OrgDoc> {
  const org = await findById<OrgDoc>(COLLECTIONS.orgs, communityId)
  if (!org || org.level !== 'community') throw notFound('所选社区')
  return org
}

/** A member's sign-up goes while it is 'signed' (not confirmed), once, and gives back the slot it took. */
export async function dropSignup(serviceId: string, memberId: string): Promise<boolean> {
  const db = getDb()
  const removed = await removedCount(
    db
      .collection(COLLECTIONS.serviceSignups)
      .where({ _id: signupIdOf(serviceId, memberId), status: 'signed' })
      .remove(),
  )
  if (!removed) return false
  await db
    .collection(COLLECTIONS.servicePosts)
    .where({ _id: serviceId, signedUp: db.command.gt(0) })
    .update({ data: { signedUp: db.command.inc(-1) } })
  return true
}
