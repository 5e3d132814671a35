import * as db from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { main as orglifeHere } from '../../cloudfunctions/orglife/src/index'
import type { SessionDoc } from '../../cloudfunctions/orglife/src/store'
import { dataOf, runHere, useTestCloud } from '../support/cloud'
import { inBranch, sessionInput, todoRefs } from '../support/fixtures'

// A session's materials images go through WeChat's media check: the secretary (who stores them) sees them
// while it is pending, the branch's members once it passed, nobody once one is risky. The emulator pushes
// each result to interact (as 消息推送 is configured), which settles the session waiting for the trace id.
// Images WeChat is unsure of (the `needs-review` marker) wait for the community admin or a district admin.
const cloud = useTestCloud()
const as = (openid: string, now: string) => cloud.as(openid, { now })

const SECRETARY = 'demo-secretary-1'
const MEMBER = 'demo-member-3'
const PLANNED = '2026-06-01T10:00:00+08:00'

let sessions = 0
/** A new session of branch-1 with these images in its materials, opening on a later day each time. */
async function createWith(images: string[]) {
  const day = String(10 + ++sessions).padStart(2, '0')
  const input = sessionInput(
    'partyLecture',
    '学习新修订的党章',
    `2026-06-${day}T09:00:00+08:00`,
    `2026-06-${day}T21:00:00+08:00`,
  )
  const materials = { ...(input.materials as object), images }
  const { session } = dataOf(
    await as(SECRETARY, PLANNED).orglife.createSession({ ...input, materials }),
  )
  return {
    id: session.id,
    during: `2026-06-${day}T10:00:00+08:00`,
    closesAt: `2026-06-${day}T22:00:00+08:00`,
  }
}
const mediaOf = async (id: string) =>
  (await cloud.docs<SessionDoc>('orglife_sessions', { _id: id }))[0].media
const detailFor = async (openid: string, sessionId: string) =>
  dataOf(await as(openid, PLANNED).orglife.sessionDetail({ sessionId })).session
const imagesFor = async (openid: string, sessionId: string) => {
  const { materials, mediaStatus } = await detailFor(openid, sessionId)
  return { images: materials.images, mediaStatus }
}

test('materials images wait hidden from members until WeChat’s check passes; the secretary sees them 审核中', async () => {
  await cloud.media.hold(true)
  const images = ['cloud://local.env/orglife/agenda.jpg', 'cloud://local.env/orglife/hall.jpg']
  const { id } = await createWith(images)
  const media = await mediaOf(id)
  expect(media).toMatchObject({ status: 'pending' })
  expect(media?.traceIds).toHaveLength(2)

  expect(await imagesFor(SECRETARY, id)).toEqual({ images, mediaStatus: 'pending' })
  expect(await imagesFor(MEMBER, id)).toEqual({ images: [], mediaStatus: 'pending' })

  await cloud.media.hold(false)
  await cloud.media.delivered(media!.traceIds)
  expect(await mediaOf(id)).toMatchObject({ status: 'pass' })
  expect(await imagesFor(MEMBER, id)).toEqual({ images, mediaStatus: 'pass' })
})

test('one risky image hides the materials’ images from everyone, the secretary too', async () => {
  const { id } = await createWith([
    'cloud://local.env/orglife/fine.jpg',
    'cloud://local.env/orglife/risky-photo.jpg',
  ])
  await cloud.media.delivered((await mediaOf(id))!.traceIds)
  for (const reader of [SECRETARY, MEMBER])
    expect(await imagesFor(reader, id)).toEqual({ images: [], mediaStatus: 'risky' })
})

test('changing the images restarts the check; an edit that keeps them keeps their passed check', async () => {
  const first = 'cloud://local.env/orglife/map.jpg'
  const { id } = await createWith([first])
  await cloud.media.delivered((await mediaOf(id))!.traceIds)
  const passed = await mediaOf(id)
  expect(passed).toMatchObject({ status: 'pass' })
  const update = (changes: object) =>
    as(SECRETARY, PLANNED)
      .orglife.updateSession({ sessionId: id, ...changes })
      .then(dataOf)
  const materials = (images: string[]) => ({ text: '集合地点见图', links: [], images })

  await update({ topic: '参观红色教育基地' })
  await update({ materials: materials([first]) })
  expect(await mediaOf(id)).toEqual(passed)

  await cloud.media.hold(true)
  const images = [first, 'cloud://local.env/orglife/bus.jpg']
  await update({ materials: materials(images) })
  const restarted = await mediaOf(id)
  expect(restarted).toEqual({
    status: 'pending',
    traceIds: [expect.any(String), expect.any(String)],
  })
  expect(restarted!.traceIds).not.toContain(passed!.traceIds[0])
  expect(await imagesFor(MEMBER, id)).toEqual({ images: [], mediaStatus: 'pending' })
  expect(await imagesFor(SECRETARY, id)).toEqual({ images, mediaStatus: 'pending' })
  // A late result for the replaced check belongs to nothing any more.
  expect((await cloud.media.push(passed!.traceIds[0], 'pass')).body).toMatchObject({
    data: { settled: 0 },
  })
  expect(await mediaOf(id)).toMatchObject({ status: 'pending' })

  await cloud.media.hold(false)
  await cloud.media.delivered(restarted!.traceIds)
  expect(await imagesFor(MEMBER, id)).toEqual({ images, mediaStatus: 'pass' })

  await update({ materials: materials([]) })
  expect(await mediaOf(id)).toBeUndefined()
  expect(await imagesFor(MEMBER, id)).toEqual({ images: [], mediaStatus: 'none' })
})

test('the frozen record’s images follow the session’s check', async () => {
  await cloud.media.hold(true)
  const images = ['cloud://local.env/orglife/minutes.jpg']
  const { id, closesAt } = await createWith(images)
  const recordFor = async (openid: string) => {
    const { record } = dataOf(await as(openid, closesAt).orglife.record({ sessionId: id }))
    return { images: record.materials.images, mediaStatus: record.mediaStatus }
  }
  expect(await recordFor(MEMBER)).toEqual({ images: [], mediaStatus: 'pending' })
  expect(await recordFor(SECRETARY)).toEqual({ images, mediaStatus: 'pending' })

  await cloud.media.hold(false)
  await cloud.media.delivered((await mediaOf(id))!.traceIds)
  expect(await recordFor(MEMBER)).toEqual({ images, mediaStatus: 'pass' })
})

test('an edit that read the session before another edit stored new images gets CONFLICT and changes nothing', async () => {
  const { id } = await createWith(['cloud://local.env/orglife/before-edit.jpg'])
  const edit = (images: string[]) => ({ sessionId: id, materials: { text: '', links: [], images } })
  const theirs = ['cloud://local.env/orglife/edit-theirs.jpg']
  const mine = ['cloud://local.env/orglife/edit-mine.jpg']
  // orglife runs in this process for "mine", so "theirs" can be stored right after mine read the session.
  runHere(cloud, { openid: SECRETARY, now: PLANNED })
  const findVisible = db.findVisible
  let raced = 0
  const read = jest
    .spyOn(db, 'findVisible')
    .mockImplementation(async (collection, docId, ...rest) => {
      const found = await findVisible(collection, docId, ...rest)
      if (collection === 'orglife_sessions' && docId === id && !raced) {
        raced++
        expect(await as(SECRETARY, PLANNED).orglife.updateSession(edit(theirs))).toMatchObject({
          ok: true,
        })
      }
      return found
    })
  let reply: unknown
  try {
    reply = await orglifeHere({ action: 'updateSession', payload: edit(mine) })
  } finally {
    read.mockRestore()
  }
  expect(raced).toBe(1)
  expect(reply).toMatchObject({
    ok: false,
    code: 'CONFLICT',
    message: '会议内容已被修改，请刷新后再试',
  })
  // What is stored is "theirs", under the check started for it.
  const [stored] = await cloud.docs<SessionDoc>('orglife_sessions', { _id: id })
  expect(stored.materials.images).toEqual(theirs)
  const checked = (await cloud.media.checks()).filter((c) =>
    stored.media?.traceIds.includes(c.trace_id),
  )
  expect(checked.map((c) => decodeURIComponent(c.media_url))).toEqual([
    expect.stringContaining(theirs[0]),
  ])
})

describe('materials WeChat is unsure of', () => {
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
  const DECIDED = {
    ok: false,
    code: 'PERMISSION_DENIED',
    message: '图片已审核完毕，本次组织生活的内容仅本支部党员可见',
  }
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
    // Outside their branch, an admin opens a session only when its materials went to a person; others
    // of the community's sessions are not there for them.
    expect(await as(ADMIN, PLANNED).orglife.sessionDetail({ sessionId: passed })).toMatchObject({
      code: 'NOT_FOUND',
      message: '该组织生活不存在',
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
    // Opening to decide is reading only: taking part stays with the branch.
    expect(
      await as(ADMIN, PLANNED).orglife.requestLeave({ sessionId: id, reason: '不是本支部' }),
    ).toMatchObject({ code: 'PERMISSION_DENIED', message: '只能参加本支部的组织生活' })
    expect(await as(OTHER_ADMIN, PLANNED).orglife.sessionDetail({ sessionId: id })).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await toReview(ADMIN)).toContain(id)
    expect(await toReview(OTHER_ADMIN)).not.toContain(id)
  })

  test('a reviewer from outside the branch reads the session and its materials only: no statements, attendance, leave reasons or minutes; members read them all', async () => {
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
    const materialsOnly = (phase: string) => ({
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
        session: materialsOnly('open'),
      })
    const room = inBranch(
      dataOf(await as(SECRETARY, during).orglife.sessionDetail({ sessionId: id })),
    )
    expect(room.statements.map((st) => st.text)).toEqual([SAID])
    expect(room.leaves).toEqual([expect.objectContaining({ memberId, reason: REASON })])

    dataOf(await as(SECRETARY, during).orglife.closeSession({ sessionId: id, minutes: MINUTES }))
    for (const reviewer of [ADMIN, DISTRICT])
      expect(dataOf(await as(reviewer, closesAt).orglife.record({ sessionId: id }))).toEqual({
        inBranch: false,
        record: materialsOnly('closed'),
      })
    const { record } = inBranch(
      dataOf(await as(MEMBER, closesAt).orglife.record({ sessionId: id })),
    )
    expect(record).toMatchObject({
      minutes: MINUTES,
      statements: [expect.objectContaining({ text: SAID })],
      attended: [expect.objectContaining({ memberId: memberIdOf(SECRETARY) })],
      onLeave: [expect.objectContaining({ memberId, reason: REASON })],
    })
    expect(record.absent.length).toBeGreaterThan(0)
  })

  test('the community admin passes them: members see the images, the session leaves the 待办 and no longer opens for a reviewer from outside the branch', async () => {
    const { id } = await waiting()
    expect(await review(ADMIN, id, 'pass')).toEqual({
      ok: true,
      data: { kind: 'sessionMaterials', id, mediaStatus: 'pass' },
    })
    expect(await mediaOf(id)).toMatchObject({ status: 'pass', reviewedBy: memberIdOf(ADMIN) })
    expect(await imagesFor(MEMBER, id)).toEqual({ images: IMAGES, mediaStatus: 'pass' })
    for (const reviewer of [ADMIN, DISTRICT])
      expect(await as(reviewer, PLANNED).orglife.sessionDetail({ sessionId: id })).toEqual(DECIDED)
    expect(await toReview(ADMIN)).not.toContain(id)
    expect(await review(DISTRICT, id, 'risky')).toMatchObject({
      code: 'CONFLICT',
      message: '图片已通过审核，无需再审',
    })
  })

  test('a district admin’s 不通过 on the frozen record hides the images for good, from the secretary too, and closes it to the district admin', async () => {
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
    for (const reader of [SECRETARY, MEMBER])
      expect(await recordFor(reader)).toMatchObject({
        materials: { images: [] },
        mediaStatus: 'risky',
        awaitingReview: false,
      })
    expect(await as(DISTRICT, closesAt).orglife.record({ sessionId: id })).toEqual(DECIDED)
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
