import * as db from '../../cloudfunctions/_shared/db'
import { main as orglifeHere } from '../../cloudfunctions/orglife/src/index'
import type { SessionDoc } from '../../cloudfunctions/orglife/src/store'
import { dataOf, runHere, useTestCloud } from '../support/cloud'
import { sessions } from '../support/fixtures'

// A session's materials images go through WeChat's media check: the secretary (who stores them) sees them
// while it is pending, the branch's members once it passed, nobody once one is risky. The emulator pushes
// each result to interact (as 消息推送 is configured), which settles the session waiting for the trace id.
// (Images WeChat is unsure of: orglife-materials-review.test.ts.)
const cloud = useTestCloud()
const as = (openid: string, now: string) => cloud.as(openid, { now })

const SECRETARY = 'demo-secretary-1'
const MEMBER = 'demo-member-3'
const PLANNED = '2026-06-01T10:00:00+08:00'

const { withImages: createWith, detail: detailFor, media: mediaOf } = sessions(cloud, PLANNED)
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
