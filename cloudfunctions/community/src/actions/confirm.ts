// After a service: the community confirms each member's hours with a feedback card; the month's roster.
import { ownCommunityAsAdmin } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import dayjs from 'dayjs'
import { ZONE, now, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, invalid } from '../../../_shared/errors'
import { recordParticipation } from '../../../_shared/ledger'
import { assertTextSafe } from '../../../_shared/security'
import { averageRating, halfYearMonths, reportState, serviceHeld } from '../domain'
import { HELD, type HeldSignup, type ReportDoc, type SignupDoc, findOwnPost } from '../store'

export const confirmService = defineAction('community', 'confirmService', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['communityAdmin'],
  async run({ caller }, input) {
    // Another community's post answers as a missing one, and its sign-ups are not read at all.
    const post = await findOwnPost(caller, input.serviceId)
    if (post.cancelled) throw conflict('该服务岗位已取消')
    if (!serviceHeld(post.date, now())) throw conflict('服务还没有开始，不能确认时长')
    const db = getDb()
    const signups = await rows<HeldSignup>(
      db
        .collection(COLLECTIONS.serviceSignups)
        .where({ serviceId: post._id, status: db.command.in(HELD) })
        .limit(1000),
    )
    // Every card must name a member who signed up, once; otherwise nothing is written.
    const byMember = new Map(signups.map((s) => [s.memberId, s]))
    const seen = new Set<string>()
    const held = input.cards.map((card) => {
      const signup = byMember.get(card.memberId)
      if (!signup) throw invalid('反馈卡中有未报名这个服务的党员')
      if (seen.has(card.memberId)) throw invalid('同一名党员只能填写一张反馈卡')
      seen.add(card.memberId)
      return { card, signup }
    })
    await assertTextSafe(caller.openid, 2, ...input.cards.map((c) => c.comment))

    const at = nowDate()
    // Hours count on the day they were served (its daily and monthly caps), whenever they are confirmed.
    const servedOn = dayjs.tz(`${post.date} 12:00`, ZONE)
    const record = (signup: SignupDoc, hours: number) =>
      recordParticipation({
        member: {
          _id: signup.memberId,
          name: signup.name,
          branchId: signup.branchId,
          communityId: signup.memberCommunityId,
        },
        rule: 'serviceHours',
        ref: post._id,
        units: hours,
        at: servedOn,
      })
    const results = await Promise.all(
      held.map(async ({ card, signup }) => {
        const confirmed = await updatedCount(
          db
            .collection(COLLECTIONS.serviceSignups)
            .where({ _id: signup._id, status: 'signed' })
            .update({
              data: {
                status: 'confirmed',
                hours: card.hours,
                rating: card.rating,
                comment: card.comment,
                confirmedAt: at,
              },
            }),
        )
        if (!confirmed) {
          // Confirmed before: record again (the ledger id makes it a no-op) in case that request died after
          // the card was saved and before its hours reached the ledger.
          if (signup.status === 'confirmed' && signup.hours) await record(signup, signup.hours)
          return { memberId: card.memberId, already: true as const }
        }
        const recorded = await record(signup, card.hours)
        return { memberId: card.memberId, hours: card.hours, counted: recorded.counted }
      }),
    )
    return {
      serviceId: post._id,
      confirmed: results.flatMap((r) =>
        'already' in r ? [] : [{ memberId: r.memberId, hours: r.hours, counted: r.counted }],
      ),
      already: results.flatMap((r) => ('already' in r ? [r.memberId] : [])),
    }
  },
})

export const roster = defineAction('community', 'roster', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['ownCommunity'],
  async run({ caller }, input) {
    const communityId = ownCommunityAsAdmin(caller, '只有社区管理员可以查看')
    const at = now()
    const month = input.month ?? at.format('YYYY-MM')
    const months = input.period === 'halfYear' ? halfYearMonths(month) : [month]
    const db = getDb()
    const [reports, served] = await Promise.all([
      rows<ReportDoc>(
        db.collection(COLLECTIONS.communityReports).where({ communityId }).limit(1000),
      ),
      rows<SignupDoc>(
        db
          .collection(COLLECTIONS.serviceSignups)
          .where({ communityId, month: db.command.in(months), status: 'confirmed' })
          .limit(1000),
      ),
    ])
    const members = reports.map((r) => {
      const mine = served.filter((s) => s.memberId === r.memberId)
      return {
        memberId: r.memberId,
        name: r.name,
        area: r.area,
        skills: r.skills,
        willingness: r.willingness,
        state: reportState(new Date(r.dueAt), at),
        hours: mine.reduce((sum, s) => sum + (s.hours ?? 0), 0),
        services: mine.length,
        rating: averageRating(mine.map((s) => s.rating ?? 0).filter((x) => x > 0)),
      }
    })
    members.sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name, 'zh-Hans-CN'))
    return { communityId, month, months, members }
  },
})
