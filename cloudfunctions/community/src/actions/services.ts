// Service posts (公益岗位 / 志愿活动): the community posts them, members reported there sign up and withdraw.
import { activeMember, isCommunityAdminOf, ownCommunityAsAdmin } from '../../../_shared/caller'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid } from '../../../_shared/errors'
import { assertTextSafe } from '../../../_shared/security'
import { servingCommunity } from '../../../_shared/serving'
import { reportState, servicePostIdOf, signupIdOf, signupOpen } from '../domain'
import {
  HELD,
  type HeldSignup,
  type PostDoc,
  type ReportDoc,
  type SignupDoc,
  dropSignup,
  findPost,
  toPostView,
} from '../store'

export const postService = defineAction('community', 'postService', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['ownCommunity'],
  async run({ caller }, input) {
    const communityId = ownCommunityAsAdmin(caller, '只有社区管理员可以发布服务岗位')
    const at = now()
    if (!signupOpen(input.date, at)) throw invalid('服务日期不能早于今天')
    await assertTextSafe(caller.openid, 3, input.title, input.description, input.place, input.time)
    const post: PostDoc = {
      _id: servicePostIdOf(communityId, input.date, input.title),
      communityId,
      ...input,
      signedUp: 0,
      cancelled: false,
      cancelReason: null,
      createdBy: activeMember(caller)._id,
      createdAt: at.toDate(),
    }
    try {
      await getDb().collection(COLLECTIONS.servicePosts).add({ data: post })
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('同一天已发布过同名的服务岗位')
      throw err
    }
    return { service: toPostView(post, null, []) }
  },
})

export const services = defineAction('community', 'services', {
  audience: 'member',
  scope: ['public'],
  async run({ caller }, input) {
    const member = activeMember(caller)
    // Where the member serves: the community asked for, the one they administer, else where they reported.
    const communityId = input.communityId ?? (await servingCommunity(caller))
    if (!communityId) throw invalid('请先到居住的社区报到')
    const db = getDb()
    const _ = db.command
    const today = now().format('YYYY-MM-DD')
    const posts = await rows<PostDoc>(
      db
        .collection(COLLECTIONS.servicePosts)
        .where({ communityId, date: input.when === 'upcoming' ? _.gte(today) : _.lt(today) })
        .orderBy('date', input.when === 'upcoming' ? 'asc' : 'desc')
        .limit(100),
    )
    const isAdmin = isCommunityAdminOf(caller, communityId)
    const ids = posts.map((p) => p._id)
    const signups = ids.length
      ? await rows<HeldSignup>(
          db
            .collection(COLLECTIONS.serviceSignups)
            .where({
              serviceId: _.in(ids),
              status: _.in(HELD),
              ...(isAdmin ? {} : { memberId: member._id }),
            })
            .limit(1000),
        )
      : []
    return {
      communityId,
      services: posts.map((post) => {
        const forPost = signups.filter((s) => s.serviceId === post._id)
        const mine = forPost.find((s) => s.memberId === member._id)?.status ?? null
        return toPostView(post, mine, isAdmin ? forPost : undefined)
      }),
    }
  },
})

/**
 * The sign-up is inserted as 'pending' under a deterministic id (one per member and service), then the
 * slot is taken by a conditional `_.inc` that holds only while `signedUp < slots`, and only then is the
 * sign-up marked 'signed'; when the post is full the pending sign-up is removed again. Withdraw removes
 * only 'signed' rows, so it can never give back a slot that a pending sign-up did not take.
 */
export const signup = defineAction('community', 'signup', {
  // community: reported to the post's community.
  audience: 'member',
  scope: ['community'],
  async run({ caller }, input) {
    const member = activeMember(caller)
    const [post, report] = await Promise.all([
      findPost(input.serviceId),
      findById<ReportDoc>(COLLECTIONS.communityReports, member._id),
    ])
    const at = now()
    if (post.cancelled) throw conflict('该服务岗位已取消')
    if (!signupOpen(post.date, at)) throw conflict('报名已截止')
    const reported = report?.communityId === post.communityId
    if (!reported || reportState(new Date(report.dueAt), at) === 'overdue')
      throw denied('请先到该社区报到，再报名服务岗位')
    const db = getDb()
    const _ = db.command
    const id = signupIdOf(post._id, member._id)
    const doc: SignupDoc = {
      _id: id,
      serviceId: post._id,
      communityId: post.communityId,
      title: post.title,
      place: post.place,
      date: post.date,
      month: post.date.slice(0, 7),
      memberId: member._id,
      name: member.name,
      branchId: member.branchId,
      memberCommunityId: member.communityId,
      status: 'pending',
      hours: null,
      rating: null,
      comment: null,
      signedAt: at.toDate(),
      confirmedAt: null,
    }
    try {
      await db.collection(COLLECTIONS.serviceSignups).add({ data: doc })
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('您已报名这个服务岗位')
      throw err
    }
    // The slot is taken against the slots read, so that an edit lowering them is never oversold; when the
    // community changed them meanwhile, once more against the post as it is now.
    const take = (slots: number) =>
      updatedCount(
        db
          .collection(COLLECTIONS.servicePosts)
          .where({ _id: post._id, slots, cancelled: _.neq(true), signedUp: _.lt(slots) })
          .update({ data: { signedUp: _.inc(1) } }),
      )
    let took = await take(post.slots)
    if (!took) {
      const current = await findPost(post._id)
      if (!current.cancelled && current.slots !== post.slots) took = await take(current.slots)
      if (!took) {
        await db
          .collection(COLLECTIONS.serviceSignups)
          .where({ _id: id, status: 'pending' })
          .remove()
        throw conflict(current.cancelled ? '该服务岗位已取消' : '名额已满')
      }
    }
    await db
      .collection(COLLECTIONS.serviceSignups)
      .where({ _id: id, status: 'pending' })
      .update({ data: { status: 'signed' } })
    return { service: toPostView(await findPost(post._id), 'signed') }
  },
})

export const withdraw = defineAction('community', 'withdraw', {
  audience: 'member',
  scope: ['self'],
  async run({ caller }, input) {
    const member = activeMember(caller)
    const post = await findPost(input.serviceId)
    if (post.cancelled) throw conflict('该服务岗位已取消')
    if (!signupOpen(post.date, now())) throw conflict('服务已经开始，不能再取消报名')
    if (!(await dropSignup(post._id, member._id))) throw conflict('您没有报名这个服务岗位')
    return { service: toPostView(await findPost(post._id), null) }
  },
})
