import { rows } from '../../cloudfunctions/_shared/db'
import { dataOf } from '../support/cloud'
import { awaitingPerson } from '../support/fixtures'
import { tap, textOf, until, usePages, wxMock, type Rendered } from './harness'
import { filePath, loaded, shown } from './photos-support'

// Community business with images WeChat answers 'review' for (the emulator's `needs-review` marker): demo-resident-1's
// wish photo, demo-member-46's fulfilment photos and demo-secretary-1's session materials (branch-1), all in
// community-xinhua. Its admin (demo-community-admin-1) finds them in 待办 and decides on the wish detail and the
// session's room or record with the shared 通过 / 不通过; demo-member-1 (branch-1) reads.
const { cloud, show } = usePages(['wish/detail', 'orglife/room', 'orglife/record', 'todo'])

const ADMIN = 'demo-community-admin-1'
const READER = 'demo-member-1'
const HOUR = 3600 * 1000
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()
let wishes = 0
let sessions = 0

type Stored = Record<string, { status: string; needsReview?: boolean } | undefined>
const stored = async (collection: 'wishes' | 'orglife_sessions', id: string) =>
  (await rows<Stored>(cloud.db.collection(collection).where({ _id: id })))[0]

/** A published wish whose resident's photo waits for a person. */
async function waitingWish(photo: string): Promise<string> {
  const { wish } = dataOf(
    await cloud.as('demo-resident-1').wish.submit({
      title: `想请人修理门锁${++wishes}`,
      description: '门锁坏了，照片里是锁的样子',
      category: '服务',
      photo,
    }),
  )
  dataOf(await cloud.as(ADMIN).wish.review({ wishId: wish.id, decision: 'publish' }))
  return awaitingPerson(cloud, 'wishes', wish.id, 'photoMedia')
}

/** A branch-1 session (upcoming, or already over with `closed`) whose materials wait for a person. */
async function waitingSession(image: string, closed = false): Promise<string> {
  // A day apart each, since one branch may not hold two sessions of a type at the same time.
  const day = 24 * HOUR * ++sessions
  const reply = await cloud
    .as('demo-secretary-1', closed ? { now: iso(-day - 2 * HOUR) } : {})
    .orglife.createSession({
      type: 'partyLecture',
      topic: '学习党章',
      materials: { text: '学习材料见图', links: [], images: [image] },
      opensAt: iso(closed ? -day - HOUR : day),
      closesAt: iso(closed ? -day : day + HOUR),
    })
  return awaitingPerson(cloud, 'orglife_sessions', dataOf(reply).session.id, 'media')
}

/** Taps `button` (通过 passes at once; 不通过 is confirmed) and waits until `done` holds after the reload. */
async function decide(page: Rendered, button: string, done: () => boolean) {
  if (button.endsWith('.reject-media'))
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false })
  tap(page, button)
  await until(done, 'the page to reload after the decision')
}

describe('微心愿', () => {
  test('a reader sees neither the photo nor the buttons; the community admin passes it and readers then see it', async () => {
    const photo = 'cloud://local.env/wish/needs-review-lock.jpg'
    const id = await waitingWish(photo)
    const reader = await show('wish/detail', READER, { id })
    expect(reader.querySelector('.wish-photo')).toBeUndefined()
    expect(reader.querySelector('.pass-media')).toBeUndefined()
    expect(textOf(reader, '#photo-status .media-pending')).toBe('图片审核中')

    const page = await show('wish/detail', ADMIN, { id })
    expect(await loaded([page.data.photoSrc])).toEqual([filePath(photo)])
    expect(page.querySelector('#photo-status .media-pending')).toBeUndefined()
    expect(textOf(page, '#photo-review .media-review')).toContain('请您审核')
    expect(textOf(page, '#photo-review .pass-media')).toBe('通过')
    expect(textOf(page, '#photo-review .reject-media')).toBe('不通过')
    expect(page.querySelector('#fulfil-photos-review')).toBeUndefined()

    const modals = wxMock.showModal.mock.calls.length
    await decide(page, '#photo-review .pass-media', () => page.data.wish?.photoStatus === 'pass')
    expect(wxMock.showModal.mock.calls.length).toBe(modals)
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已通过', icon: 'success' })
    expect(page.querySelector('#photo-review')).toBeUndefined()
    expect((await stored('wishes', id)).photoMedia?.status).toBe('pass')

    const after = await show('wish/detail', READER, { id })
    expect(await loaded([after.data.photoSrc])).toEqual([filePath(photo)])
  })

  test('不通过 on the fulfilment photos asks first, then hides them from everyone, the claimer too', async () => {
    const id = await waitingWish('cloud://local.env/wish/needs-review-before.jpg')
    dataOf(
      await cloud.as(ADMIN).interact.reviewMedia({
        kind: 'wishPhoto',
        id,
        images: ['cloud://local.env/wish/needs-review-before.jpg'],
        decision: 'pass',
      }),
    )
    dataOf(await cloud.as('demo-member-46').wish.claim({ wishId: id }))
    const done = 'cloud://local.env/wish/needs-review-after.jpg'
    dataOf(
      await cloud.as('demo-member-46').wish.fulfil({
        wishId: id,
        note: '门锁已经换好',
        photos: [done],
      }),
    )
    await awaitingPerson(cloud, 'wishes', id, 'fulfilMedia')

    const page = await show('wish/detail', ADMIN, { id })
    expect(await loaded(page.data.fulfilSrcs)).toEqual([filePath(done)])
    expect(page.querySelector('#fulfil-photos-status .media-pending')).toBeUndefined()
    expect(page.querySelector('#photo-review')).toBeUndefined()
    expect(textOf(page, '#fulfil-photos-review .media-review')).toContain('请您审核')

    const modals = wxMock.showModal.mock.calls.length
    await decide(
      page,
      '#fulfil-photos-review .reject-media',
      () => page.data.wish?.fulfilPhotosStatus === 'risky',
    )
    expect(wxMock.showModal.mock.calls[modals][0].title).toBe('判定图片不通过？')
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已判定不通过', icon: 'success' })
    expect(page.data.fulfilSrcs).toEqual([])
    expect(page.querySelector('#fulfil-photos-review')).toBeUndefined()
    const claimer = await show('wish/detail', 'demo-member-46', { id })
    expect(claimer.data.fulfilSrcs).toEqual([])
    // The claimer who attached them is told why they are gone; the resident sees neither photos nor note.
    expect(textOf(claimer, '#fulfil-photos-status .media-risky')).toBe(
      '图片未通过内容安全审核，其他人看不到',
    )
    const resident = await show('wish/detail', 'demo-resident-1', { id })
    expect(resident.querySelector('.media-risky')).toBeUndefined()
    expect(resident.querySelector('.media-pending')).toBeUndefined()
  })

  test('a district admin decides an unpublished wish’s photo; the wish then says so instead of failing', async () => {
    const photo = 'cloud://local.env/wish/needs-review-unpublished.jpg'
    const { wish } = dataOf(
      await cloud.as('demo-resident-1').wish.submit({
        title: `想请人修理门锁${++wishes}`,
        description: '还没发布的心愿',
        category: '服务',
        photo,
      }),
    )
    await awaitingPerson(cloud, 'wishes', wish.id, 'photoMedia')
    const page = await show('wish/detail', 'demo-district-admin', { id: wish.id })
    expect(await loaded([page.data.photoSrc])).toEqual([filePath(photo)])
    await decide(page, '#photo-review .pass-media', () => page.data.status === 'empty')
    expect(textOf(page, '.state-message')).toBe('图片已审核完毕，这个心愿暂不对您公开')
    expect(page.querySelector('.state-retry')).toBeUndefined()
    expect((await stored('wishes', wish.id)).photoMedia?.status).toBe('pass')
  })
})

describe('组织生活 materials', () => {
  test('the community admin, who oversees the branch, decides in the room: photos and buttons, the meeting read-only; after 通过 the photos stay with nothing to decide', async () => {
    const image = 'cloud://local.env/orglife/needs-review-hall.jpg'
    const id = await waitingSession(image)
    const member = await show('orglife/room', READER, { id })
    expect(member.querySelector('#material-photos')).toBeUndefined()
    expect(member.querySelector('.pass-media')).toBeUndefined()
    expect(textOf(member, '.media-pending')).toBe('图片审核中')
    expect(member.querySelector('.leave-button')).toBeDefined()
    expect(member.querySelector('.statements-section')).toBeDefined()

    const room = await show('orglife/room', ADMIN, { id })
    expect(room.data.status).toBe('ready')
    expect(await shown(room, '#material-photos')).toEqual([filePath(image)])
    expect(room.querySelector('.media-pending')).toBeUndefined()
    expect(textOf(room, '.media-review')).toContain('请您审核')
    expect(textOf(room, '.outside-note')).toContain('上级党组织')
    expect(room.querySelector('.statements-section')).toBeDefined()
    for (const part of ['.leave-button', '.mine-text', '.leaves-section'])
      expect(room.querySelector(part)).toBeUndefined()

    await decide(room, '.pass-media', () => !room.data.session?.awaitingReview)
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已通过', icon: 'success' })
    expect(room.querySelector('.media-review')).toBeUndefined()
    expect(await shown(room, '#material-photos')).toEqual([filePath(image)])
    expect((await stored('orglife_sessions', id)).media?.status).toBe('pass')

    const after = await show('orglife/room', READER, { id })
    expect(await shown(after, '#material-photos')).toEqual([filePath(image)])
  })

  test('a closed session’s record offers the same decision beside the whole record; after 不通过 the images are gone and the secretary is told', async () => {
    const id = await waitingSession('cloud://local.env/orglife/needs-review-minutes.jpg', true)
    const record = await show('orglife/record', ADMIN, { id })
    expect(textOf(record, '.media-review')).toContain('请您审核')
    for (const part of ['.closed-text', '.attendance-section', '.minutes-section'])
      expect(record.querySelector(part)).toBeDefined()

    await decide(record, '.reject-media', () => !record.data.record?.awaitingReview)
    expect(record.querySelector('#material-photos')).toBeUndefined()
    const own = await show('orglife/record', 'demo-secretary-1', { id })
    expect(own.querySelector('#material-photos')).toBeUndefined()
    expect(textOf(own, '.media-risky')).toBe('图片未通过内容安全审核，其他人看不到')
    expect(own.querySelector('.attendance-section')).toBeDefined()
  })
})

test('the community admin’s 待办 lists both; their lines open the wish detail and the session’s room', async () => {
  const wishId = await waitingWish('cloud://local.env/wish/needs-review-todo.jpg')
  const sessionId = await waitingSession('cloud://local.env/orglife/needs-review-todo.jpg')
  const todo = await show('todo', ADMIN, { scope: 'community' })
  expect(textOf(todo, '#section-wishMediaReview .section-title')).toBe('心愿图片待人工审核')
  expect(textOf(todo, '#section-sessionMediaReview .section-title')).toBe(
    '组织生活材料图片待人工审核',
  )
  expect(textOf(todo, `#item-wishMediaReview-${wishId} .todo-note`)).toMatch(/^居民的照片待审核/)
  expect(textOf(todo, `#item-sessionMediaReview-${sessionId} .todo-title`)).toBe('党课「学习党章」')

  const opens = async (item: string, url: string) => {
    tap(todo, item)
    await until(
      () => wxMock.navigateTo.mock.calls.some(([arg]) => arg.url === url),
      `${url} to open`,
    )
  }
  await opens(`#item-wishMediaReview-${wishId}`, `/wish/detail/index?id=${wishId}`)
  await opens(`#item-sessionMediaReview-${sessionId}`, `/orglife/room/index?id=${sessionId}`)
})
