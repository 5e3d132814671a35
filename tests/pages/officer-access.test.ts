// The main package's pages as the officers meet them: where a community admin or a district admin oversees
// the object (a branch's sessions, board and month) they read it without a member's buttons; where a page is
// not theirs it says what it is for and where to go, never an error. An in-service member's 微心愿 wall is the
// community they reported to, where they claim.
import { dataOf } from '../support/cloud'
import { ADMIN_JIANGSU, ADMIN_XINHUA, draft, wishes } from '../support/fixtures'
import { tap, textOf, until, usePages } from './harness'

const { cloud, show } = usePages([
  'orglife-room',
  'orglife-record',
  'board',
  'branch-month',
  'appeal-inbox',
  'community-services',
  'wish-wall',
  'wish-detail',
])

const DISTRICT = 'demo-district-admin'
const OFFICERS = [ADMIN_XINHUA, DISTRICT]
const HOUR = 3600 * 1000
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()

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
    const room = await show('orglife-room', officer, { id: open })
    expect(room.data.status).toBe('ready')
    expect(textOf(room, '.session-topic')).toBe('学习新修订的党章')
    expect(textOf(room, '.statement-text')).toBe('对照党章找差距')
    expect(textOf(room, '.outside-note')).toContain('上级党组织')
    for (const part of ['.attend-button', '.leave-button', '.speak-box', '.close-section'])
      expect(room.querySelector(part)).toBeUndefined()

    const record = await show('orglife-record', officer, { id: closed })
    expect(record.data.status).toBe('ready')
    expect(textOf(record, '.attendance-counts')).toMatch(/^应到 \d+ 人/)
    expect(record.querySelector('.minutes-section')).toBeDefined()
  }
  const away = await show('orglife-room', ADMIN_JIANGSU, { id: open })
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
    const month = await show('branch-month', officer, { branchId: 'branch-1' })
    expect(month.data.status).toBe('ready')
    expect(month.data.total).toBeGreaterThan(0)
    expect(month.querySelectorAll('.member-row').length).toBe(month.data.total)
    expect(month.querySelector('.save-minimums')).toBeUndefined()
    expectNote(await show('branch-month', officer), /支部书记查看本支部.*工作台/)
  }
  const own = await show('branch-month', 'demo-secretary-1')
  expect(own.querySelector('.save-minimums')).toBeDefined()
})

test('the 诉求 inbox and the service posts tell the district admin what they are for', async () => {
  expectNote(await show('appeal-inbox', DISTRICT), /支部书记和社区党委.*工作台/)
  expectNote(await show('community-services', DISTRICT), /各社区党委发布.*工作台/)
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

  const detail = await show('wish-detail', MEMBER, { id: wishId })
  tap(detail, '#act-claim')
  await until(() => detail.data.wish?.status === '已认领', 'the claim')
  expect((await cloud.doc<{ claimer: { openid: string } }>('wishes', wishId))?.claimer.openid).toBe(
    MEMBER,
  )
})
