import type { SessionDoc } from '../../cloudfunctions/orglife/src/store'
import { type TestCloud, startTestCloud } from '../support/cloud'
import { mediaCheck } from './media-support'
import { orglife, sessionInput } from './orglife-support'

// A session's materials images go through WeChat's media check: the secretary (who stores them) sees them
// while it is pending, the branch's members once it passed, nobody once one is risky. The emulator pushes
// each result to interact (as 消息推送 is configured), which settles the session waiting for the trace id.
let cloud: TestCloud
let o: ReturnType<typeof orglife>
beforeAll(async () => {
  cloud = await startTestCloud()
  o = orglife(cloud)
})
afterAll(async () => {
  await hold(false)
  await cloud?.close()
})

const { hold, delivered, push } = mediaCheck(() => cloud)

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
  const { session } = await o.ok(SECRETARY, 'createSession', { ...input, materials }, PLANNED)
  return { id: session.id, closesAt: `2026-06-${day}T22:00:00+08:00` }
}
const mediaOf = async (id: string) =>
  (await o.docs<SessionDoc>('orglife_sessions', { _id: id }))[0].media
const detailFor = async (openid: string, sessionId: string) =>
  (await o.ok(openid, 'sessionDetail', { sessionId }, PLANNED)).session
const imagesFor = async (openid: string, sessionId: string) => {
  const { materials, mediaStatus } = await detailFor(openid, sessionId)
  return { images: materials.images, mediaStatus }
}

test('materials images wait hidden from members until WeChat’s check passes; the secretary sees them 审核中', async () => {
  await hold(true)
  const images = ['cloud://local.env/orglife/agenda.jpg', 'cloud://local.env/orglife/hall.jpg']
  const { id } = await createWith(images)
  const media = await mediaOf(id)
  expect(media).toMatchObject({ status: 'pending' })
  expect(media?.traceIds).toHaveLength(2)

  expect(await imagesFor(SECRETARY, id)).toEqual({ images, mediaStatus: 'pending' })
  expect(await imagesFor(MEMBER, id)).toEqual({ images: [], mediaStatus: 'pending' })

  await hold(false)
  await delivered(media!.traceIds)
  expect(await mediaOf(id)).toMatchObject({ status: 'pass' })
  expect(await imagesFor(MEMBER, id)).toEqual({ images, mediaStatus: 'pass' })
})

test('one risky image hides the materials’ images from everyone, the secretary too', async () => {
  const { id } = await createWith([
    'cloud://local.env/orglife/fine.jpg',
    'cloud://local.env/orglife/risky-photo.jpg',
  ])
  await delivered((await mediaOf(id))!.traceIds)
  for (const reader of [SECRETARY, MEMBER])
    expect(await imagesFor(reader, id)).toEqual({ images: [], mediaStatus: 'risky' })
})

test('changing the images restarts the check; an edit that keeps them keeps their passed check', async () => {
  const first = 'cloud://local.env/orglife/map.jpg'
  const { id } = await createWith([first])
  await delivered((await mediaOf(id))!.traceIds)
  const passed = await mediaOf(id)
  expect(passed).toMatchObject({ status: 'pass' })
  const update = (changes: object) =>
    o.ok(SECRETARY, 'updateSession', { sessionId: id, ...changes }, PLANNED)
  const materials = (images: string[]) => ({ text: '集合地点见图', links: [], images })

  await update({ topic: '参观红色教育基地' })
  await update({ materials: materials([first]) })
  expect(await mediaOf(id)).toEqual(passed)

  await hold(true)
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
  expect((await push(passed!.traceIds[0], 'pass')).body).toMatchObject({ data: { settled: 0 } })
  expect(await mediaOf(id)).toMatchObject({ status: 'pending' })

  await hold(false)
  await delivered(restarted!.traceIds)
  expect(await imagesFor(MEMBER, id)).toEqual({ images, mediaStatus: 'pass' })

  await update({ materials: materials([]) })
  expect(await mediaOf(id)).toBeUndefined()
  expect(await imagesFor(MEMBER, id)).toEqual({ images: [], mediaStatus: 'none' })
})

test('the frozen record’s images follow the session’s check', async () => {
  await hold(true)
  const images = ['cloud://local.env/orglife/minutes.jpg']
  const { id, closesAt } = await createWith(images)
  const recordFor = async (openid: string) => {
    const { record } = await o.ok(openid, 'record', { sessionId: id }, closesAt)
    return { images: record.materials.images, mediaStatus: record.mediaStatus }
  }
  expect(await recordFor(MEMBER)).toEqual({ images: [], mediaStatus: 'pending' })
  expect(await recordFor(SECRETARY)).toEqual({ images, mediaStatus: 'pending' })

  await hold(false)
  await delivered((await mediaOf(id))!.traceIds)
  expect(await recordFor(MEMBER)).toEqual({ images, mediaStatus: 'pass' })
})
