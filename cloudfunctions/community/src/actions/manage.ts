// The community changes its own service posts: edit one before its day is over, or cancel it (the post stays,
// marked cancelled, and the members who signed up are told).
import dayjs from 'dayjs'
import { getDb } from '../../../_shared/cloud'
import { ZONE, now, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { count, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, invalid } from '../../../_shared/errors'
import { noticeDate, notify } from '../../../_shared/notify'
import type { MemberDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import { postChangeRefusal, signupOpen } from '../domain'
import { HELD, type PostDoc, type SignupDoc, findOwnPost, findPost, toPostView } from '../store'

/** Refuses a post that may no longer change (postChangeRefusal), counting its confirmed cards. */
async function assertChangeable(post: PostDoc, at: dayjs.Dayjs) {
  const confirmed = await count(
    getDb()
      .collection(COLLECTIONS.serviceSignups)
      .where({ serviceId: post._id, status: 'confirmed' }),
  )
  const refusal = postChangeRefusal(post, confirmed, at)
  if (refusal) throw conflict(refusal)
}

export const editService = defineAction('community', 'editService', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['communityAdmin'],
  async run({ caller }, input) {
    const { serviceId, ...fields } = input
    const post = await findOwnPost(caller, serviceId)
    const at = now()
    await assertChangeable(post, at)
    if (!signupOpen(fields.date, at)) throw invalid('服务日期不能早于今天')
    if (fields.slots < post.signedUp)
      throw invalid(`已有 ${post.signedUp} 人报名，名额不能少于报名人数`)
    await assertTextSafe(
      caller.openid,
      3,
      fields.title,
      fields.description,
      fields.place,
      fields.time,
    )
    const db = getDb()
    const _ = db.command
    // Holds only while the post is not cancelled and its sign-ups fit the new slots; sign-ups take a slot
    // only while the slots they read are unchanged (services.ts), so a lower limit is never oversold.
    const changed = await updatedCount(
      db
        .collection(COLLECTIONS.servicePosts)
        .where({ _id: post._id, cancelled: _.neq(true), signedUp: _.lte(fields.slots) })
        .update({ data: fields }),
    )
    if (!changed) {
      const current = await findPost(post._id)
      throw current.cancelled
        ? conflict('该服务岗位已取消')
        : invalid(`已有 ${current.signedUp} 人报名，名额不能少于报名人数`)
    }
    // Sign-ups carry the post's title, place and day for the members' records and the roster's month.
    await db
      .collection(COLLECTIONS.serviceSignups)
      .where({ serviceId: post._id })
      .update({
        data: {
          title: fields.title,
          place: fields.place,
          date: fields.date,
          month: fields.date.slice(0, 7),
        },
      })
    return { service: toPostView(await findPost(post._id), null) }
  },
})

export const cancelService = defineAction('community', 'cancelService', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['communityAdmin'],
  async run({ caller }, input) {
    const post = await findOwnPost(caller, input.serviceId)
    await assertChangeable(post, now())
    await assertTextSafe(caller.openid, 3, input.reason)
    const db = getDb()
    const _ = db.command
    const cancelled = await updatedCount(
      db
        .collection(COLLECTIONS.servicePosts)
        .where({ _id: post._id, cancelled: _.neq(true) })
        .update({
          data: { cancelled: true, cancelReason: input.reason, cancelledAt: nowDate() },
        }),
    )
    if (!cancelled) throw conflict('该服务岗位已取消')
    const signups = db.collection(COLLECTIONS.serviceSignups)
    await signups.where({ serviceId: post._id }).update({ data: { cancelled: true } })
    const held = await rows<Pick<SignupDoc, 'memberId'>>(
      signups
        .where({ serviceId: post._id, status: _.in(HELD) })
        .field({ memberId: true })
        .limit(1000),
    )
    const members = held.length
      ? await rows<Pick<MemberDoc, 'openid'>>(
          db
            .collection(COLLECTIONS.members)
            .where({ _id: _.in(held.map((s) => s.memberId)) })
            .field({ openid: true })
            .limit(1000),
        )
      : []
    const values = {
      service: post.title,
      date: noticeDate(dayjs.tz(post.date, ZONE).toDate()),
      reason: input.reason,
    }
    const sent = await Promise.all(
      members.map((m) => notify('serviceCancelled', m.openid, 'community/record/index', values)),
    )
    return {
      service: toPostView(await findPost(post._id), null),
      notified: sent.filter(Boolean).length,
    }
  },
})
