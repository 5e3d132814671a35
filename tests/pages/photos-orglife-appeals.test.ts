// Photos in a session's materials and in an appeal: attached through the photo-picker, uploaded to cloud storage,
// sent as ids, then shown read-only as thumbnails that open full screen (wx.previewImage).
import { rows } from '../../cloudfunctions/_shared/db'
import type { AppealDoc } from '../../cloudfunctions/interact/src/records'
import type { Materials } from '../../typings/index'
import { dataOf } from '../support/cloud'
import { cloudMock, tap, until, wxMock, usePages, type Rendered, handled } from './harness'
import {
  CLOUD_ID,
  addPhoto,
  filePath,
  get,
  preview,
  shown,
  thumbs,
  submitAndFollow,
} from './photos-support'

const { cloud, open, show } = usePages([
  'branch/orglife-form',
  'orglife/room',
  'orglife/record',
  'appeal/new',
  'appeal/mine',
  'branch/appeal-inbox',
])

const HOUR = 3600 * 1000
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()

const sessionMaterials = async (sessionId: string) =>
  (
    await rows<{ materials: Materials }>(
      cloud.db.collection('orglife_sessions').where({ _id: sessionId }),
    )
  )[0].materials

const pendingNote = (page: Rendered) => page.querySelector('.media-pending')?.dom?.textContent

/** Waits until the emulator has pushed the check result for each of these files back to interact. */
async function mediaChecked(ids: string[]): Promise<void> {
  const urls = ids.map((id) => `${cloud.url}${filePath(id)}`)
  const delivered = async () =>
    (await cloud.media.checks()).filter((c) => urls.includes(c.media_url) && c.delivered)
  await until(async () => (await delivered()).length === urls.length, 'the media check results')
}

describe('组织生活 materials', () => {
  test('the secretary attaches two photos to a new session; they are stored and the room shows them', async () => {
    const form = await show('branch/orglife-form', 'demo-secretary-1')
    form.setData({ topic: '学习新修订的党章' })
    await addPhoto(form)
    await addPhoto(form)
    expect(form.querySelector('#photos')!.querySelector('.photo-count')!.dom!.textContent).toBe(
      '已加 2 / 9 张',
    )

    const sessionId = await submitAndFollow(form, '.submit-button')
    const { images } = await sessionMaterials(sessionId)
    expect(images).toHaveLength(2)
    expect(images).toEqual(form.data.images)
    for (const id of images) {
      expect(id).toMatch(CLOUD_ID)
      expect((await get(`${cloud.url}${filePath(id)}`)).status).toBe(200)
    }
    // Members see them once WeChat's check has passed.
    await mediaChecked(images)

    const room = await show('orglife/room', 'demo-member-11', { id: sessionId })
    expect(await shown(room, '#material-photos')).toEqual(images.map(filePath))
    const picker = room.querySelector('#material-photos')!
    expect(picker.querySelector('.photo-add')).toBeUndefined()
    expect(picker.querySelector('.photo-remove')).toBeUndefined()
    expect(await preview(room, '#material-photos', 1)).toEqual({
      current: filePath(images[1]),
      urls: images.map(filePath),
    })
  })

  test('changing a session before it opens keeps the photo left after removing the other', async () => {
    const images = ['cloud://local.env/orglife/agenda.jpg', 'cloud://local.env/orglife/hall.jpg']
    const { session } = dataOf(
      await cloud.as('demo-secretary-1').orglife.createSession({
        type: 'themeDay',
        topic: '参观红色教育基地',
        materials: { text: '集合地点见图', links: [], images },
        opensAt: iso(24 * HOUR),
        closesAt: iso(48 * HOUR),
      }),
    )
    const form = await show('branch/orglife-form', 'demo-secretary-1', { id: session.id })
    expect(thumbs(form)).toHaveLength(2)
    form.querySelector('#photos')!.querySelectorAll('.photo-remove')[0].dispatchEvent('tap')
    await until(() => form.data.images.length === 1, 'the photo to be removed')

    expect(await submitAndFollow(form, '.submit-button')).toBe(session.id)
    expect((await sessionMaterials(session.id)).images).toEqual([images[1]])
  })

  test('while WeChat’s check is pending the secretary sees the photos 图片审核中 and members only the note', async () => {
    await cloud.media.hold(true)
    const images = ['cloud://local.env/orglife/route.jpg']
    const { session } = dataOf(
      await cloud.as('demo-secretary-1').orglife.createSession({
        type: 'partyLecture',
        topic: '学习贯彻党的二十大精神',
        materials: { text: '', links: [], images },
        opensAt: iso(24 * HOUR),
        closesAt: iso(48 * HOUR),
      }),
    )
    const own = await show('orglife/room', 'demo-secretary-1', { id: session.id })
    expect(await shown(own, '#material-photos')).toEqual(images.map(filePath))
    expect(pendingNote(own)).toBe('图片审核中，通过后其他人才能看到')
    const member = await show('orglife/room', 'demo-member-11', { id: session.id })
    expect(member.querySelector('#material-photos')).toBeUndefined()
    expect(pendingNote(member)).toBe('图片审核中')
    // Their only materials are the photos: nobody is told there are none.
    for (const page of [own, member])
      expect(page.dom!.textContent).not.toContain('本次没有学习材料')

    await cloud.media.hold(false)
    await mediaChecked(images)
    const passed = await show('orglife/room', 'demo-member-11', { id: session.id })
    expect(await shown(passed, '#material-photos')).toEqual(images.map(filePath))
    expect(pendingNote(passed)).toBeUndefined()
  })

  test('the frozen record shows the session’s photos with its materials, once checked', async () => {
    const images = [
      'cloud://local.env/orglife/minutes-1.jpg',
      'cloud://local.env/orglife/minutes-2.jpg',
    ]
    await cloud.media.hold(true)
    const reply = await cloud
      .as('demo-secretary-1', { now: iso(-96 * HOUR) })
      .orglife.createSession({
        type: 'committee',
        topic: '研究发展党员工作',
        materials: { text: '', links: [], images },
        opensAt: iso(-72 * HOUR),
        closesAt: iso(-HOUR),
      })
    const id = dataOf(reply).session.id
    const own = await show('orglife/record', 'demo-secretary-1', { id })
    expect(await shown(own, '#material-photos')).toEqual(images.map(filePath))
    expect(pendingNote(own)).toBe('图片审核中，通过后其他人才能看到')
    const early = await show('orglife/record', 'demo-member-11', { id })
    expect(early.querySelector('#material-photos')).toBeUndefined()
    expect(pendingNote(early)).toBe('图片审核中')
    expect(early.dom!.textContent).not.toContain('本次没有学习材料')

    await cloud.media.hold(false)
    await mediaChecked(images)
    const record = await show('orglife/record', 'demo-member-11', { id })
    expect(pendingNote(record)).toBeUndefined()
    expect(await shown(record, '#material-photos')).toEqual(images.map(filePath))
    expect(record.dom!.textContent).not.toContain('本次没有学习材料')
    expect((await preview(record, '#material-photos', 0)).current).toBe(filePath(images[0]))
  })

  test('photos judged risky: the secretary who attached them is told so in the room and the record, members see nothing', async () => {
    const images = ['cloud://local.env/orglife/risky-banner.jpg']
    const reply = await cloud
      .as('demo-secretary-1', { now: iso(-96 * HOUR) })
      .orglife.createSession({
        type: 'groupMeeting',
        topic: '党小组学习',
        materials: { text: '', links: [], images },
        opensAt: iso(-72 * HOUR),
        closesAt: iso(-HOUR),
      })
    const id = dataOf(reply).session.id
    await mediaChecked(images)
    for (const page of [
      await show('orglife/room', 'demo-secretary-1', { id }),
      await show('orglife/record', 'demo-secretary-1', { id }),
    ]) {
      expect(page.querySelector('#material-photos')).toBeUndefined()
      expect(page.querySelector('.media-risky')?.dom?.textContent).toBe(
        '图片未通过内容安全审核，其他人看不到',
      )
      expect(page.dom!.textContent).not.toContain('本次没有学习材料')
    }
    const member = await show('orglife/record', 'demo-member-11', { id })
    expect(member.querySelector('#material-photos')).toBeUndefined()
    expect(member.querySelector('.media-risky')).toBeUndefined()
    expect(pendingNote(member)).toBeUndefined()
  })
})

describe('诉求 photos', () => {
  afterAll(() => cloud.media.hold(false))

  const appealByText = async (text: string) =>
    (await rows<AppealDoc>(cloud.db.collection('appeals').where({ text })))[0]

  test('a member attaches two photos to an appeal; they are stored, checked, and shown to both sides', async () => {
    const page = open('appeal/new', 'demo-member-11')
    tap(page, '#category-4')
    page.instance.onText({ detail: { value: '厂区宿舍楼道的灯坏了很久' } })
    await addPhoto(page)
    await addPhoto(page)
    expect(page.querySelector('#photos')!.querySelector('.photo-count')!.dom!.textContent).toBe(
      '已加 2 / 6 张',
    )
    const redirects = wxMock.redirectTo.mock.calls.length
    tap(page, '.submit-appeal')
    await until(() => wxMock.redirectTo.mock.calls.length > redirects, 'redirect to 我的诉求')

    const stored = await appealByText('厂区宿舍楼道的灯坏了很久')
    expect(stored.images).toHaveLength(2)
    expect(stored.images).toEqual(page.data.images)
    stored.images.forEach((id) => expect(id).toMatch(CLOUD_ID))
    await mediaChecked(stored.images)

    const mine = await show('appeal/mine', 'demo-member-11')
    const picker = `#appeal-photos-${stored._id}`
    expect(await shown(mine, picker)).toEqual(stored.images.map(filePath))
    expect(mine.querySelector(picker)!.querySelector('.photo-remove')).toBeUndefined()

    const inbox = await show('branch/appeal-inbox', 'demo-secretary-1')
    expect(await shown(inbox, picker)).toEqual(stored.images.map(filePath))
    expect(await preview(inbox, picker, 1)).toEqual({
      current: filePath(stored.images[1]),
      urls: stored.images.map(filePath),
    })
  })

  test('while WeChat’s check is pending only the requester sees the photos, as the function answers', async () => {
    await cloud.media.hold(true)
    const { appeal } = dataOf(
      await cloud.as('demo-member-12').interact.submitAppeal({
        draftId: `photos-${process.pid}-pending`,
        category: '其他',
        text: '车间门口的台阶破损了',
        images: ['cloud://local.env/appeal/steps.jpg'],
      }),
    )
    const picker = `#appeal-photos-${appeal.id}`

    const inbox = await show('branch/appeal-inbox', 'demo-secretary-1')
    expect(inbox.querySelector(`#appeal-${appeal.id}`)).toBeDefined()
    expect(inbox.querySelector(picker)).toBeUndefined()

    const mine = await show('appeal/mine', 'demo-member-12')
    expect(await shown(mine, picker)).toEqual(appeal.images.map(filePath))
  })

  test('the appeal waits for a running upload: 提交 sends nothing until the photo is in', async () => {
    const upload = cloudMock.uploadFile.getMockImplementation()!
    let finish = () => {}
    cloudMock.uploadFile.mockImplementationOnce(
      (params: object) => new Promise((resolve) => (finish = () => resolve(upload(params)))),
    )
    const page = open('appeal/new', 'demo-member-13')
    tap(page, '#category-0')
    page.instance.onText({ detail: { value: '想了解创业担保贷款的申请条件' } })
    page.querySelector('#photos')!.querySelector('.photo-add')!.dispatchEvent('tap')
    await until(() => page.data.uploading, 'the upload to start')

    const calls = cloudMock.callFunction.mock.calls.length
    await handled(page, 'onSubmit', () => tap(page, '.submit-appeal'))
    expect(page.data.saving).toBe(false)
    expect(cloudMock.callFunction.mock.calls.length).toBe(calls)

    finish()
    await until(() => !page.data.uploading, 'the upload to finish')
    const redirects = wxMock.redirectTo.mock.calls.length
    tap(page, '.submit-appeal')
    await until(() => wxMock.redirectTo.mock.calls.length > redirects, 'redirect to 我的诉求')
    const stored = await appealByText('想了解创业担保贷款的申请条件')
    expect(stored.images).toEqual(page.data.images)
    expect(stored.images).toHaveLength(1)
  })
})
