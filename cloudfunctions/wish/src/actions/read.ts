// The wall, my wishes, one wish, and the community admin's list of claims gone 14 days unfulfilled.
import {
  type Caller,
  isCommunityAdminOf,
  isDistrictAdmin,
  ownCommunityAsAdmin,
} from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied, invalid } from '../../../_shared/errors'
import { overdueClaimCutoff } from '../../../_shared/deadlines'
import { newestFirst } from '../../../_shared/paging'
import { servingCommunity } from '../../../_shared/serving'
import { PUBLIC_STATUSES } from '../domain'
import { type WishDoc, loadWish, toCard, toDetail, viewerOf } from '../store'

const cardsFor = (caller: Caller, wishes: WishDoc[]) =>
  wishes.map((w) => toCard(w, viewerOf(caller, w)))

// Cards need none of the contact fields or the timeline; leave them in the database.
const CARD_FIELDS = {
  title: true,
  description: true,
  photo: true,
  photoMedia: true,
  category: true,
  status: true,
  communityId: true,
  residentName: true,
  // Who is looking decides what the card says (the claimer's name, 待您确认).
  residentId: true,
  claimer: true,
  claimedAt: true,
  createdAt: true,
}

export const list = defineAction('wish', 'list', {
  audience: 'registered',
  scope: ['public'],
  async run({ caller }, input) {
    const communityId = input.communityId ?? (await servingCommunity(caller))
    // The district's wall, for 区委组织部 who serve no one community: every community's wishes.
    if (!communityId && !isDistrictAdmin(caller)) throw invalid('请选择社区')
    const isAdmin = isCommunityAdminOf(caller, communityId)
    if (input.status && !isAdmin && !PUBLIC_STATUSES.includes(input.status))
      throw denied('只有社区管理员可以查看未发布的心愿')
    const _ = getDb().command
    const page = await newestFirst<WishDoc>(
      COLLECTIONS.wishes,
      {
        ...(communityId ? { communityId } : {}),
        status: input.status ?? (isAdmin ? _.exists(true) : _.in([...PUBLIC_STATUSES])),
        ...(input.category ? { category: input.category } : {}),
      },
      { cursor: input.cursor, limit: input.limit, field: CARD_FIELDS },
    )
    return { wishes: cardsFor(caller, page.items), nextCursor: page.nextCursor }
  },
})

export const mine = defineAction('wish', 'mine', {
  audience: 'registered',
  scope: ['self'],
  async run({ caller }) {
    const db = getDb()
    const member = caller.member?.status === 'active' ? caller.member : null
    const [asResident, asClaimer] = await Promise.all([
      caller.resident
        ? rows<WishDoc>(
            db
              .collection(COLLECTIONS.wishes)
              .where({ residentId: caller.resident._id })
              .orderBy('createdAt', 'desc')
              .field(CARD_FIELDS)
              .limit(100),
          )
        : [],
      member
        ? rows<WishDoc>(
            db
              .collection(COLLECTIONS.wishes)
              .where({ 'claimer.id': member._id })
              .orderBy('claimedAt', 'desc')
              .field(CARD_FIELDS)
              .limit(100),
          )
        : [],
    ])
    return { asResident: cardsFor(caller, asResident), asClaimer: cardsFor(caller, asClaimer) }
  },
})

export const detail = defineAction('wish', 'detail', {
  audience: 'registered',
  scope: ['readers'],
  async run({ caller }, input) {
    const { wish, viewer } = await loadWish(caller, input.wishId)
    return { wish: toDetail(wish, viewer) }
  },
})

export const overdueClaims = defineAction('wish', 'overdueClaims', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['ownCommunity'],
  async run({ caller }) {
    const communityId = ownCommunityAsAdmin(caller, '只有社区管理员可以查看')
    const _ = getDb().command
    const overdue = await rows<WishDoc>(
      getDb()
        .collection(COLLECTIONS.wishes)
        .where({ communityId, status: '已认领', claimedAt: _.lte(overdueClaimCutoff(now())) })
        .orderBy('claimedAt', 'asc')
        .field(CARD_FIELDS)
        .limit(1000),
    )
    return { wishes: cardsFor(caller, overdue) }
  },
})
