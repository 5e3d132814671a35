// The main package's pages as the officers meet them: where a community admin or a district admin oversees
// the object (a branch's sessions, board and month) they read it without a member's buttons; where a page is
// not theirs it says what it is for and where to go, never an error. An in-service member's 微心愿 wall is the
// community they reported to, where they claim. The secretary appoints and removes the branch's 信息员.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf } from '../support/cloud'
import { ADMIN_JIANGSU, ADMIN_XINHUA, draft, wishes } from '../support/fixtures'
import { handled, memberMe, tap, textOf, until, usePages, wxMock } from './harness'

const { cloud, show } = usePages([
  'orglife/room',
  'orglife/record',
  'board',
  'branch/branch-month',
  'branch/appeal-inbox',
  'community/services',
  'wish-wall',
  'wish/detail',
  'officer/info-officers',
  'interact',
  'branch/news-editor',
  'mine',
  'officer/services',
  'officer/appoint',
])

const DISTRICT = 'demo-district-admin'
const OFFICERS = [ADMIN_XINHUA, DISTRICT]
const HOUR = 3600 * 1000
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()

/** The no-permission state (暂无权限, what the page is for, 返回首页), and none of the page's own content. */
function expectForbidden(page: Parameters<typeof textOf>[0], note: RegExp, content: string[]) {
  expect((page.data as { status: string }).status).toBe('forbidden')
  expect(textOf(page, '.state-forbidden')).toMatch(note)
  expect(textOf(page, '.state-forbidden .state-home')).toBe('返回首页')
  for (const part of content) expect(page.querySelector(part)).toBeUndefined()
}

test('a member opening an editor or an officer page is told it is not theirs, with no form', async () => {
  const MEMBER = 'demo-member-1'
  expectForbidden(await show('branch/news-editor', MEMBER), /支部书记和信息员/, [
    '.title-input',
    '.submit-news',
  ])
  expectForbidden(await show('officer/services', MEMBER), /社区综合党委管理员/, [
    '.post-button',
    '.service-card',
  ])
  expectForbidden(await show('officer/appoint', MEMBER), /区委组织部/, ['.search-input'])
  // Those the pages are for get them.
  const editor = await show('branch/news-editor', 'demo-secretary-1')
  expect(editor.data.status).toBe('ready')
  expect(editor.querySelector('.submit-news')).toBeDefined()
  expect((await show('officer/appoint', DISTRICT)).querySelector('.search-input')).toBeDefined()
})

/** No error state, and the empty state's note when `note` is given. */
function expectNote(page: Parameters<typeof textOf>[0], note: RegExp) {
  expect(page.querySelector('.state-error')).toBeUndefined()
  expect(textOf(page, '.state-empty')).toMatch(note)
}

test('a session of branch-1 opens read-only for the officers who oversee it, and its record in full', async () => {
  const session = (opens: number, closes: number, createdAgo: number) =>
    cloud
      .as('demo-secretary-1', { now: iso(-createdAgo) })
      .orglife.createSession({
        type: 'partyLecture',
        topic: '学习新修订的党章',
        materials: { text: '学习《党章》总纲', links: [], images: [] },
        opensAt: iso(opens),
        closesAt: iso(closes),
      })
      .then((reply) => dataOf(reply).session.id)
  const open = await session(-HOUR, 24 * HOUR, 2 * HOUR)
  const closed = await session(-200 * HOUR, -190 * HOUR, 210 * HOUR)
  dataOf(await cloud.as('demo-member-1').orglife.attend({ sessionId: open }))
  dataOf(await cloud.as('demo-member-1').orglife.speak({ sessionId: open, text: '对照党章找差距' }))

  for (const officer of OFFICERS) {
    const room = await show('orglife/room', officer, { id: open })
    expect(room.data.status).toBe('ready')
    expect(textOf(room, '.session-topic')).toBe('学习新修订的党章')
    expect(textOf(room, '.statement-text')).toBe('对照党章找差距')
    expect(textOf(room, '.outside-note')).toContain('上级党组织')
    for (const part of ['.attend-button', '.leave-button', '.speak-box', '.close-section'])
      expect(room.querySelector(part)).toBeUndefined()

    const record = await show('orglife/record', officer, { id: closed })
    expect(record.data.status).toBe('ready')
    expect(textOf(record, '.attendance-counts')).toMatch(/^应到 \d+ 人/)
    expect(record.querySelector('.minutes-section')).toBeDefined()
  }
  const away = await show('orglife/room', ADMIN_JIANGSU, { id: open })
  expectNote(away, /该组织生活不存在/)
})

test('a branch’s 留言板 opened for an officer shows its 留言 without the writing box; without a branch it explains', async () => {
  const text = '希望多组织一些线上学习'
  dataOf(await cloud.as('demo-member-6').interact.postMessage({ draftId: draft(), text }))
  for (const officer of OFFICERS) {
    const board = await show('board', officer, { branchId: 'branch-1' })
    expect(board.data.status).toBe('ready')
    expect(board.data.items.map((m) => m.text)).toContain(text)
    expect(board.querySelector('.message-input')).toBeUndefined()
    expect(board.querySelector('.reply-link')).toBeUndefined()

    expectNote(await show('board', officer), /留言板是各支部党员交流的地方.*工作台/)
  }
  const own = await show('board', 'demo-member-1')
  expect(own.querySelector('.message-input')).toBeDefined()
})

test('a branch’s month opened for an officer lists its members without the secretary’s minimums form', async () => {
  for (const officer of OFFICERS) {
    const month = await show('branch/branch-month', officer, { branchId: 'branch-1' })
    expect(month.data.status).toBe('ready')
    expect(month.data.total).toBeGreaterThan(0)
    expect(month.querySelectorAll('.member-row').length).toBe(month.data.total)
    expect(month.querySelector('.open-minimums')).toBeUndefined()
    expectNote(await show('branch/branch-month', officer), /支部书记查看本支部.*工作台/)
  }
  const own = await show('branch/branch-month', 'demo-secretary-1')
  expect(own.querySelector('.open-minimums')).toBeDefined()
})

test('the 诉求 inbox and the service posts tell the district admin what they are for', async () => {
  expectForbidden(await show('branch/appeal-inbox', DISTRICT), /支部书记和社区党委.*工作台/, [])
  expectNote(await show('community/services', DISTRICT), /各社区党委发布.*工作台/)
})

test('the district admin’s 微心愿 wall holds every community’s wishes', async () => {
  const w = wishes(cloud)
  const jiangsu = await w.published('demo-resident-2', ADMIN_JIANGSU)
  const xinhua = await w.published()
  const wall = await show('wish-wall', DISTRICT)
  expect(wall.data.cards.map((c) => c.id)).toEqual(expect.arrayContaining([jiangsu, xinhua]))
})

test('an in-service member’s wall is the community they reported to, and they claim a wish there', async () => {
  // demo-member-70 belongs to a branch of community-jiangsu and lives in community-xinhua.
  const MEMBER = 'demo-member-70'
  const wishId = await wishes(cloud).published()
  const before = await show('wish-wall', MEMBER)
  expect(before.data.cards.map((c) => c.id)).not.toContain(wishId)

  dataOf(
    await cloud.as(MEMBER).community.report({
      communityId: 'community-xinhua',
      area: '新华路 211 弄',
      skills: '陪老人聊天',
      willingness: ['爱心帮扶'],
    }),
  )
  const wall = await show('wish-wall', MEMBER)
  expect(wall.data.cards.map((c) => c.id)).toContain(wishId)

  const detail = await show('wish/detail', MEMBER, { id: wishId })
  tap(detail, '#act-claim')
  await until(() => detail.data.wish?.status === '已认领', 'the claim')
  expect((await cloud.doc<{ claimer: { openid: string } }>('wishes', wishId))?.claimer.openid).toBe(
    MEMBER,
  )
})

describe('任免信息员', () => {
  const SECRETARY = 'demo-secretary-1'
  // demo-member-12 belongs to branch-1 and holds no role.
  const MEMBER = 'demo-member-12'
  const row = `#member-${memberIdOf(MEMBER)}`
  const rolesOf = async () => (await memberMe(cloud, MEMBER)).roles

  test('the secretary reaches it from 我的; others are told whose page it is', async () => {
    const mine = await show('mine', SECRETARY)
    await until(() => mine.data.branchStatus === 'ready', 'the directory')
    expect(textOf(mine, '.branch-work .work-info-officers')).toBe('任免信息员')
    const member = await show('mine', 'demo-member-1')
    expect(member.querySelector('.work-info-officers')).toBeUndefined()
    for (const other of ['demo-member-1', ADMIN_XINHUA, DISTRICT])
      expectForbidden(await show('officer/info-officers', other), /信息员由支部书记在这里任免/, [
        '.toggle-officer',
      ])
  })

  test('appointing asks first; the member then has the role and publishes through the news editor; removing reverses it', async () => {
    const page = await show('officer/info-officers', SECRETARY)
    expect(textOf(page, `${row} .member-name`)).toBe((await memberMe(cloud, MEMBER)).name)
    expect(textOf(page, `${row} .toggle-officer`)).toBe('任命')

    wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, content: '' })
    await handled(page, 'onToggle', () => tap(page, `${row} .toggle-officer`))
    expect(await rolesOf()).not.toContain('infoOfficer')

    tap(page, `${row} .toggle-officer`)
    await until(() => page.querySelector(`${row} .officer-tag`) !== undefined, 'the 信息员 tag')
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: expect.stringContaining('为信息员'), confirmText: '任命' }),
    )
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已任命', icon: 'success' })
    expect(textOf(page, `${row} .toggle-officer`)).toBe('免去')
    expect(await rolesOf()).toContain('infoOfficer')

    const feed = await show('interact', MEMBER)
    await until(() => feed.data.canPost, 'the post entry')
    expect(feed.querySelector('.entry-post')).toBeDefined()
    const editor = await show('branch/news-editor', MEMBER)
    editor.setData({ title: '信息员的第一条动态', body: '支部本周组织了志愿服务。' })
    tap(editor, '.submit-news')
    await until(() => wxMock.redirectTo.mock.calls.length > 0, 'the published news')
    expect(await cloud.docs('news', { title: '信息员的第一条动态' })).toEqual([
      expect.objectContaining({ authorId: memberIdOf(MEMBER) }),
    ])

    // Back on the secretary's page (the pages call as whoever was shown last).
    const again = await show('officer/info-officers', SECRETARY)
    tap(again, `${row} .toggle-officer`)
    await until(() => again.querySelector(`${row} .officer-tag`) === undefined, 'the tag to go')
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已免去', icon: 'success' })
    expect(await rolesOf()).not.toContain('infoOfficer')
    const after = await show('interact', MEMBER)
    expect(after.data.canPost).toBe(false)
    expect(after.querySelector('.entry-post')).toBeUndefined()
    const refused = await cloud.as(MEMBER).interact.postNews({
      draftId: draft(),
      title: '再发一条',
      body: '内容',
      visibility: 'branch',
    })
    expect(refused).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
  })
})
