// Materials images WeChat is unsure of (the `needs-review` marker) wait for a person: the community admin of
// the session's branch or a district admin, who oversee the session and read it without taking part, decide
// them; the branch's members see the images once they passed.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { SessionDoc } from '../../cloudfunctions/orglife/src/store'
import { dataOf, useTestCloud } from '../support/cloud'
import { sessions, todoRefs } from '../support/fixtures'

const PLANNED = '2026-06-01T10:00:00+08:00'
const cloud = useTestCloud()
const { withImages: createWith, detail: detailFor, media: mediaOf } = sessions(cloud, PLANNED)
const as = (openid: string, now: string) => cloud.as(openid, { now })

describe('materials WeChat is unsure of', () => {
  const SECRETARY = 'demo-secretary-1'
  const MEMBER = 'demo-member-3'
  const ADMIN = 'demo-community-admin-1'
  const OTHER_ADMIN = 'demo-community-admin-2'
  const DISTRICT = 'demo-district-admin'
  const IMAGES = [
    'cloud://local.env/orglife/fine-agenda.jpg',
    'cloud://local.env/orglife/needs-review.jpg',
  ]
  const review = (openid: string, id: string, decision: 'pass' | 'risky') =>
    cloud.as(openid).interact.reviewMedia({
      kind: 'sessionMaterials',
      id,
      images: IMAGES,
      decision,
    })
  const toReview = (openid: string) =>
    todoRefs(cloud, openid, 'community', 'sessionMediaReview', PLANNED)
  /** A session of branch-1 (community-xinhua) whose materials WeChat answered pass and review for. */
  const waiting = async () => {
    const session = await createWith(IMAGES)
    await cloud.media.delivered((await mediaOf(session.id))!.traceIds)
    return session
  }

  test('they wait for a person: hidden from members, shown to the secretary and to the community admin, who may open the session to decide', async () => {
    const { id: passed } = await createWith(['cloud://local.env/orglife/plain.jpg'])
    await cloud.media.delivered((await mediaOf(passed))!.traceIds)
    // The community's admin oversees every session of the community; its images passed, none await them.
    expect(await as(ADMIN, PLANNED).orglife.sessionDetail({ sessionId: passed })).toMatchObject({
      ok: true,
      data: { inBranch: false, session: { awaitingReview: false } },
    })

    const { id } = await waiting()
    expect(await mediaOf(id)).toMatchObject({ status: 'pending', needsReview: true })
    expect(await detailFor(MEMBER, id)).toMatchObject({
      materials: { images: [] },
      mediaStatus: 'pending',
      awaitingReview: false,
    })
    expect(await detailFor(SECRETARY, id)).toMatchObject({
      materials: { images: IMAGES },
      awaitingReview: false,
    })
    for (const reviewer of [ADMIN, DISTRICT]) {
      const detail = dataOf(await as(reviewer, PLANNED).orglife.sessionDetail({ sessionId: id }))
      expect(detail).toMatchObject({
        session: { materials: { images: IMAGES }, awaitingReview: true },
        inBranch: false,
      })
    }
    expect(
      dataOf(await as(MEMBER, PLANNED).orglife.sessionDetail({ sessionId: id })).inBranch,
    ).toBe(true)
    // Overseeing is reading only: taking part stays with the branch.
    expect(
      await as(ADMIN, PLANNED).orglife.requestLeave({ sessionId: id, reason: '不是本支部' }),
    ).toMatchObject({ code: 'PERMISSION_DENIED', message: '只能参加本支部的组织生活' })
    expect(await as(OTHER_ADMIN, PLANNED).orglife.sessionDetail({ sessionId: id })).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await toReview(ADMIN)).toContain(id)
    expect(await toReview(OTHER_ADMIN)).not.toContain(id)
  })

  test('those who oversee the branch read the session and its record as its members do, without the leave queue', async () => {
    const { id, during, closesAt } = await waiting()
    const REASON = '在外地参加培训'
    const SAID = '认真学习新党章，对照检查自身不足'
    const MINUTES = '会议学习了新修订的党章。'
    dataOf(await as(MEMBER, PLANNED).orglife.requestLeave({ sessionId: id, reason: REASON }))
    const memberId = memberIdOf(MEMBER)
    dataOf(
      await as(SECRETARY, PLANNED).orglife.decideLeave({ sessionId: id, memberId, approve: true }),
    )
    dataOf(await as(SECRETARY, during).orglife.attend({ sessionId: id }))
    dataOf(await as(SECRETARY, during).orglife.speak({ sessionId: id, text: SAID }))
    const reviewersView = (phase: string) => ({
      id,
      type: 'partyLecture',
      topic: '学习新修订的党章',
      opensAt: expect.any(String),
      closesAt: expect.any(String),
      phase,
      materials: { text: expect.any(String), links: [], images: IMAGES },
      mediaStatus: 'pending',
      awaitingReview: true,
    })
    for (const reviewer of [ADMIN, DISTRICT])
      expect(dataOf(await as(reviewer, during).orglife.sessionDetail({ sessionId: id }))).toEqual({
        inBranch: false,
        isSecretary: false,
        session: { ...reviewersView('open'), minutes: '' },
        statements: [expect.objectContaining({ text: SAID })],
        mine: { mark: 'none' },
        attendedCount: 1,
        leaves: [],
        // The roll call (who has not signed in) is the secretary's.
        roll: null,
      })
    const room = dataOf(await as(SECRETARY, during).orglife.sessionDetail({ sessionId: id }))
    expect(room.statements.map((st) => st.text)).toEqual([SAID])
    expect(room.leaves).toEqual([expect.objectContaining({ memberId, reason: REASON })])

    dataOf(await as(SECRETARY, during).orglife.closeSession({ sessionId: id, minutes: MINUTES }))
    const { record } = dataOf(await as(MEMBER, closesAt).orglife.record({ sessionId: id }))
    for (const reviewer of [ADMIN, DISTRICT])
      expect(dataOf(await as(reviewer, closesAt).orglife.record({ sessionId: id }))).toEqual({
        inBranch: false,
        isSecretary: false,
        record: {
          ...record,
          ...reviewersView('closed'),
          closedAt: expect.any(String),
          // The member on leave reads their own reason; overseers read the name only.
          onLeave: record.onLeave.map((leave) => ({ memberId: leave.memberId, name: leave.name })),
        },
      })
    expect(record).toMatchObject({
      minutes: MINUTES,
      statements: [expect.objectContaining({ text: SAID })],
      attended: [expect.objectContaining({ memberId: memberIdOf(SECRETARY) })],
      onLeave: [expect.objectContaining({ memberId, reason: REASON })],
    })
    expect(record.absent.length).toBeGreaterThan(0)
  })

  test('the community admin passes them: members see the images, the session leaves the 待办 and its overseers read it with nothing to decide', async () => {
    const { id } = await waiting()
    expect(await review(ADMIN, id, 'pass')).toEqual({
      ok: true,
      data: { kind: 'sessionMaterials', id, mediaStatus: 'pass' },
    })
    expect(await mediaOf(id)).toMatchObject({ status: 'pass', reviewedBy: memberIdOf(ADMIN) })
    expect(await detailFor(MEMBER, id)).toMatchObject({
      materials: { images: IMAGES },
      mediaStatus: 'pass',
    })
    for (const reviewer of [ADMIN, DISTRICT])
      expect(await detailFor(reviewer, id)).toMatchObject({
        materials: { images: IMAGES },
        awaitingReview: false,
      })
    expect(await toReview(ADMIN)).not.toContain(id)
    expect(await review(DISTRICT, id, 'risky')).toMatchObject({
      code: 'CONFLICT',
      message: '图片已通过审核，无需再审',
    })
  })

  test('a district admin’s 不通过 on the frozen record hides the images for good, from the secretary and the district admin too', async () => {
    const { id, closesAt } = await waiting()
    const recordFor = async (openid: string) =>
      dataOf(await as(openid, closesAt).orglife.record({ sessionId: id })).record
    expect(await recordFor(DISTRICT)).toMatchObject({
      materials: { images: IMAGES },
      awaitingReview: true,
    })
    expect(await recordFor(MEMBER)).toMatchObject({
      materials: { images: [] },
      awaitingReview: false,
    })

    expect(await review(DISTRICT, id, 'risky')).toMatchObject({
      ok: true,
      data: { mediaStatus: 'risky' },
    })
    expect(await mediaOf(id)).toMatchObject({ status: 'risky', reviewedBy: memberIdOf(DISTRICT) })
    for (const reader of [SECRETARY, MEMBER, DISTRICT])
      expect(await recordFor(reader)).toMatchObject({
        materials: { images: [] },
        mediaStatus: 'risky',
        awaitingReview: false,
      })
  })

  test('the secretary who uploaded them and a member get PERMISSION_DENIED, another community’s admin NOT_FOUND; bad input is INVALID_ARGUMENT; nothing changes', async () => {
    const { id } = await waiting()
    const before = await cloud.docs<SessionDoc>('orglife_sessions', { _id: id })
    for (const openid of [SECRETARY, MEMBER])
      expect(await review(openid, id, 'pass')).toMatchObject({
        ok: false,
        code: 'PERMISSION_DENIED',
      })
    expect(await review(OTHER_ADMIN, id, 'pass')).toEqual(
      await review(OTHER_ADMIN, 'no-such-session', 'pass'),
    )
    const unknownDecision = { kind: 'sessionMaterials', id, images: IMAGES, decision: 'maybe' }
    expect(await cloud.callAs(ADMIN, 'interact', 'reviewMedia', unknownDecision)).toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    expect(await cloud.docs<SessionDoc>('orglife_sessions', { _id: id })).toEqual(before)
    expect(await review(ADMIN, 'no-such-session', 'pass')).toMatchObject({ code: 'NOT_FOUND' })
  })

  test('two reviewers at once: exactly one decision stands, the other gets CONFLICT', async () => {
    const { id } = await waiting()
    const replies = await Promise.all([review(ADMIN, id, 'risky'), review(DISTRICT, id, 'pass')])
    const won = replies.filter((r) => r.ok)
    expect(won).toHaveLength(1)
    expect(replies.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'CONFLICT' })])
    const winner = won[0].ok ? won[0].data.mediaStatus : null
    expect(await mediaOf(id)).toMatchObject({ status: winner })
  })
})
