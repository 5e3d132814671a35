// 微心愿: residents' small wishes, reviewed by the community, claimed and fulfilled by party members.
import { z } from 'zod'
import { CalendarDay, ChinesePhone, FileId, Id, type MediaStatus, text } from './common'

export const WISH_CATEGORIES = ['物质', '精神', '服务'] as const
export type WishCategory = (typeof WISH_CATEGORIES)[number]

/**
 * 待审核 → 待认领 (published) or 未通过; 待认领 ⇄ 已认领; 已认领 → 已实现 → 已完成 (the resident confirms, or the
 * community on their behalf after a phone call once it waited 7 days); 已实现 → 已认领 when the resident says 还没办好.
 */
export const WISH_STATUSES = [
  '待审核',
  '待认领',
  '已认领',
  '已实现',
  '已完成',
  '未通过',
  '已取消',
] as const
export type WishStatus = (typeof WISH_STATUSES)[number]

/** Every change of status; the timeline records one entry per event. */
export const WISH_EVENTS = [
  'submit',
  'publish',
  'reject',
  'claim',
  'release',
  'fulfil',
  'confirm',
  /** The community admin confirms for a resident who was called back (电话回访后代为确认). */
  'confirmForResident',
  /** The resident says it is not done yet (还没办好): back to the claimer. */
  'reopen',
  'cancel',
] as const
export type WishEvent = (typeof WISH_EVENTS)[number]

export const wishInputs = {
  submit: z
    .object({
      title: text({ label: '心愿', min: 2, max: 30 }),
      description: text({ label: '说明', min: 1, max: 300 }),
      category: z.enum(WISH_CATEGORIES, { error: '请选择心愿类别' }),
      /** Where to help (楼号门牌); shown only to the claimer and the community admin. */
      address: text({ label: '地址', min: 1, max: 60 }).optional(),
      /** Whom the claimer calls (a son or daughter, say) instead of the registered phone; seen as that is. */
      contactPhone: ChinesePhone.optional(),
      photo: FileId.optional(),
    })
    .strict(),
  review: z.discriminatedUnion('decision', [
    z.object({ wishId: Id, decision: z.literal('publish') }).strict(),
    z
      .object({
        wishId: Id,
        decision: z.literal('reject'),
        reason: text({ label: '未通过原因', min: 2, max: 100 }),
      })
      .strict(),
  ]),
  claim: z
    .object({
      wishId: Id,
      /**
       * The day by which the claimer will contact the resident (today to 3 days ahead, Shanghai), shown to the
       * resident; pages always ask for it.
       */
      contactBy: CalendarDay.optional(),
    })
    .strict(),
  release: z.object({ wishId: Id }).strict(),
  fulfil: z
    .object({
      wishId: Id,
      note: text({ label: '完成情况', min: 2, max: 300 }),
      photos: z.array(FileId).max(6, '最多 6 张照片').default([]),
    })
    .strict(),
  confirm: z
    .object({
      wishId: Id,
      thanks: text({ label: '感谢的话', min: 1, max: 200 }),
      rating: z.number().int().min(1, '请打 1 到 5 分').max(5, '请打 1 到 5 分'),
    })
    .strict(),
  confirmForResident: z.object({ wishId: Id }).strict(),
  reopen: z.object({ wishId: Id, note: text({ label: '还差什么', min: 2, max: 100 }) }).strict(),
  cancel: z.object({ wishId: Id }).strict(),
  list: z
    .object({
      /**
       * Defaults to the caller's own community: a member's is where they reported (在职党员报到), else their
       * branch's; a district admin's wall spans every community.
       */
      communityId: Id.optional(),
      status: z.enum(WISH_STATUSES).optional(),
      category: z.enum(WISH_CATEGORIES).optional(),
      cursor: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(50).default(20),
    })
    .strict(),
  mine: z.object({}).strict(),
  detail: z.object({ wishId: Id }).strict(),
  overdueClaims: z.object({}).strict(),
}

/** One line of a wish's timeline. */
export type WishTimelineEntry = {
  at: string
  event: WishEvent
  status: WishStatus
  /** Who acted, as shown: a name or 社区. */
  by: string
  note?: string
}

/** What the wall and lists show; no contact details. */
export type WishCard = {
  id: string
  title: string
  category: WishCategory
  status: WishStatus
  communityId: string
  /** The resident as shown to others, `王**`. */
  residentLabel: string
  /** Cards show its first lines (the reviewer's queue). */
  description: string
  /** The wish's photo once it passed review (WeChat's check or a person's), else null: for a thumbnail. */
  thumb: string | null
  /** Only for the wish's resident, its claimer and its community's admins (the privacy guide). */
  claimerName: string | null
  /** The status in this viewer's words: 已实现 is 待您确认 to the resident and 待居民确认 to others. */
  statusText: string
  /** Who claimed it, in this viewer's words (您已认领, 认领党员：赵娟, 已有党员认领); '' while unclaimed. */
  claimerText: string
  createdAt: string
  claimedAt: string | null
  /** True when a claim has gone 14 days without fulfilment. */
  claimOverdue: boolean
}

export type WishDetail = WishCard & {
  description: string
  /**
   * Shown once WeChat's image check passed; to the resident who attached it also while it is pending, and to
   * whoever may decide it once it awaits a person's decision.
   */
  photo: string | null
  photoStatus: MediaStatus
  /** WeChat was unsure of the photo and the caller may decide it (interact.reviewMedia, 'wishPhoto'). */
  photoAwaitingReview: boolean
  /**
   * Only for the claimer and the community admin, and only once the wish is claimed; promisedBy: the day the
   * claimer said they would call by (null when they named none); phone: the 联系电话 given with the wish, else
   * the resident's registered one.
   */
  contact?: { name: string; phone: string; address: string | null; promisedBy: string | null }
  /**
   * To the community admin while the wish waits for the resident's confirmation: from when, and whether it has
   * waited long enough (7 days) for 电话回访后代为确认.
   */
  awaitingConfirmation?: { since: string; mayConfirmForResident: boolean }
  /**
   * The member who claimed it, for the resident only and only once claimed: whom to call, and the day they
   * said they would call by (`YYYY-MM-DD`; null when they named none). phone is null for claims made before
   * phones were kept with the claim.
   */
  claimerContact?: { name: string; phone: string | null; contactBy: string | null }
  rejectReason: string | null
  fulfilNote: string | null
  /** Shown as `photo` is, with the claimer who attached them in the resident's place. */
  fulfilPhotos: string[]
  fulfilPhotosStatus: MediaStatus
  /** As `photoAwaitingReview`, for the fulfilment photos ('wishFulfilPhotos'). */
  fulfilPhotosAwaitingReview: boolean
  thanks: string | null
  rating: number | null
  /** Only for the resident, the claimer and the community admin. */
  timeline?: WishTimelineEntry[]
  /** What this viewer may do now. */
  allowed: WishEvent[]
  viewer: { isResident: boolean; isClaimer: boolean; isAdmin: boolean }
}

export type WishOutputs = {
  submit: { wish: WishDetail }
  review: { wish: WishDetail }
  claim: { wish: WishDetail }
  release: { wish: WishDetail }
  fulfil: { wish: WishDetail }
  confirm: { wish: WishDetail; counted: boolean }
  confirmForResident: { wish: WishDetail; counted: boolean }
  reopen: { wish: WishDetail }
  cancel: { wish: WishDetail }
  list: { wishes: WishCard[]; nextCursor: string | null }
  mine: { asResident: WishCard[]; asClaimer: WishCard[] }
  detail: { wish: WishDetail }
  overdueClaims: { wishes: WishCard[] }
}
