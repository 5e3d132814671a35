import type { SessionType } from '../../typings/index'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf } from '../support/cloud'
import { type PageComponent, tap, textOf, until, wxMock, usePages } from './harness'

const { cloud, show } = usePages([
  'orglife',
  'orglife/room',
  'orglife/record',
  'branch/orglife-form',
])

const HOUR = 3600 * 1000
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()

/** A branch-1 session scheduled `createdAgo` ms ago, opening and closing at offsets from now. */
async function scheduled(
  topic: string,
  type: SessionType,
  opens: number,
  closes: number,
  createdAgo = 0,
) {
  const reply = await cloud
    .as('demo-secretary-1', { now: iso(-createdAgo) })
    .orglife.createSession({
      type,
      topic,
      materials: { text: '学习《党章》第一章', links: [], images: [] },
      opensAt: iso(opens),
      closesAt: iso(closes),
    })
  return dataOf(reply).session.id
}

let openId: string
let upcomingId: string
let closedId: string

beforeAll(async () => {
  openId = await scheduled('学习二十届三中全会精神', 'branchAssembly', -HOUR, 48 * HOUR)
  upcomingId = await scheduled('七一主题党日', 'themeDay', 24 * HOUR, 48 * HOUR)
  closedId = await scheduled('上月支委会', 'committee', -72 * HOUR, -HOUR, 96 * HOUR)
})

const attendanceOf = async (openid: string, sessionId: string) =>
  (
    await rows<{ attendedAt: Date | null; leave: { status: string } | null }>(
      cloud.db.collection('orglife_attendance').where({ sessionId, memberId: memberIdOf(openid) }),
    )
  )[0]

describe('the 组织生活 tab', () => {
  test('a member sees open, upcoming and closed sessions, and each opens the right page', async () => {
    const page = await show('orglife', 'demo-member-1')
    expect(page.data.open.map((s) => s.id)).toEqual([openId])
    expect(page.data.upcoming.map((s) => s.id)).toEqual([upcomingId])
    expect(page.data.closed.map((s) => s.id)).toEqual([closedId])
    expect(textOf(page, '.open-section')).toContain('学习二十届三中全会精神')
    expect(page.querySelector('.cadence-section')).toBeUndefined()

    const before = wxMock.navigateTo.mock.calls.length
    tap(page, `#session-${openId}`)
    await until(() => wxMock.navigateTo.mock.calls.length > before, 'navigation')
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: `/orglife/room/index?id=${openId}`,
    })
    tap(page, `#session-${closedId}`)
    await until(() => wxMock.navigateTo.mock.calls.length > before + 1, 'the second navigation')
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: `/orglife/record/index?id=${closedId}`,
    })
  })

  test('each card shows the member’s own part: 已签到, 请假待批准, 缺席; 未签到 and 未开始 for one who did nothing', async () => {
    // Sessions of their own, so the room and record tests below find the others as they were.
    const open = await scheduled('学习党史', 'partyLecture', -HOUR, 48 * HOUR)
    const upcoming = await scheduled('党小组学习讨论', 'groupMeeting', 24 * HOUR, 48 * HOUR)
    const as = cloud.as('demo-member-10').orglife
    dataOf(await as.attend({ sessionId: open }))
    dataOf(await as.requestLeave({ sessionId: upcoming, reason: '出差在外地' }))
    const mine = (page: PageComponent<'orglife'>, id: string) =>
      textOf(page, `#session-${id} .session-mine`)

    const page = await show('orglife', 'demo-member-10')
    expect(mine(page, open)).toBe('我：已签到')
    expect(mine(page, upcoming)).toBe('我：请假待批准')
    expect(mine(page, closedId)).toBe('我：缺席')
    expect(page.querySelector(`#session-${closedId} .mine-absent`)).toBeDefined()

    const other = await show('orglife', 'demo-member-11')
    expect(mine(other, open)).toBe('我：未签到')
    expect(mine(other, upcoming)).toBe('我：未开始')
    expect(mine(other, closedId)).toBe('我：缺席')
  })

  test('the secretary sees 三会一课 progress and can start scheduling', async () => {
    const page = await show('orglife', 'demo-secretary-1')
    expect(page.querySelectorAll('.cadence-item')).toHaveLength(4)
    expect(textOf(page, '.cadence-section')).toContain('支委会（每月）')
    tap(page, '.create-button')
    await until(
      () => wxMock.navigateTo.mock.lastCall?.[0]?.url === '/branch/orglife-form/index',
      'navigation',
    )
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/branch/orglife-form/index' })
  })

  test('a community admin sees the community’s branches with overdue meetings flagged', async () => {
    const page = await show('orglife', 'demo-community-admin-2')
    expect(page.data.view).toBe('community')
    expect(page.querySelectorAll('.branch-cadence')).toHaveLength(4)
    expect(textOf(page, '.overdue-text')).toMatch(/^逾期：/)
  })

  test('a community admin’s branch card opens that branch’s sessions', async () => {
    const page = await show('orglife', 'demo-community-admin-2')
    const [branch] = page.data.branches
    tap(page, `#branch-${branch.branchId}`)
    await until(
      () =>
        wxMock.navigateTo.mock.lastCall?.[0]?.url ===
        `/officer/sessions/index?branchId=${branch.branchId}`,
      'the branch’s sessions',
    )
  })

  test('a district admin is told how to read branches’ sessions, not the member-only text', async () => {
    const page = await show('orglife', 'demo-district-admin')
    expect(page.data.view).toBe('district')
    expect(page.querySelector('.state-empty')).toBeUndefined()
    expect(textOf(page, '.district-orglife')).toContain('区委组织部不参加支部的会议')
    expect(textOf(page, '.district-orglife')).not.toContain('认证为党员后')
    tap(page, '.overview-link')
    await until(
      () => wxMock.navigateTo.mock.lastCall?.[0]?.url === '/officer/overview/index',
      '组织概况',
    )
  })

  test('a resident is told who 组织生活 is for', async () => {
    const page = await show('orglife', 'demo-resident-1')
    expect(textOf(page, '.state-empty')).toBe('认证为党员后，可以参加本支部的网上组织生活')
  })
})

describe('the session room', () => {
  test('a member signs in, then speaks, and the statement joins the feed', async () => {
    const page = await show('orglife/room', 'demo-member-4', { id: openId })
    expect(textOf(page, '.mine-text')).toBe('尚未签到')
    tap(page, '.attend-button')
    await until(() => page.data.mine.mark === 'attended', 'attendance')
    expect((await attendanceOf('demo-member-4', openId)).attendedAt).toBeInstanceOf(Date)

    page
      .querySelector('.speak-input')!
      .dispatchEvent('input', { detail: { value: '要把学习成果转化为工作动力' } })
    await until(() => page.data.draft !== '', 'the draft')
    tap(page, '.speak-button')
    await until(() => page.data.statements.length === 1, 'the statement')
    expect(textOf(page, '.statement-text')).toBe('要把学习成果转化为工作动力')
    expect(page.data.draft).toBe('')
  })

  test('a member of another branch finds no such session, with nothing to retry', async () => {
    const page = await show('orglife/room', 'demo-member-31', { id: openId })
    expect(textOf(page, '.state-empty')).toContain('该组织生活不存在')
    expect(page.querySelector('.state-retry')).toBeUndefined()
  })

  test('a member asks for leave and the secretary approves it in the room', async () => {
    const member = await show('orglife/room', 'demo-member-5', { id: upcomingId })
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '出差在外' })
    tap(member, '.leave-button')
    await until(() => member.data.mine.mark === 'leave', 'the leave request')
    expect(textOf(member, '.mine-text')).toBe('已请假：待审批')

    const secretary = await show('orglife/room', 'demo-secretary-1', { id: upcomingId })
    const memberId = memberIdOf('demo-member-5')
    expect(textOf(secretary, '.leaves-section')).toContain('出差在外')
    tap(secretary, `#approve-${memberId}`)
    await until(() => secretary.data.leaves[0]?.status === 'approved', 'the decision')
    expect((await attendanceOf('demo-member-5', upcomingId)).leave?.status).toBe('approved')
  })

  test('the secretary closes the session with minutes and lands on the frozen record', async () => {
    const page = await show('orglife/room', 'demo-secretary-1', { id: openId })
    page
      .querySelector('.minutes-input')!
      .dispatchEvent('input', { detail: { value: '会议传达学习了全会精神。' } })
    await until(() => page.data.minutes !== '', 'the minutes')
    tap(page, '.close-button')
    await until(() => wxMock.redirectTo.mock.calls.length > 0, 'the redirect')
    expect(wxMock.redirectTo).toHaveBeenLastCalledWith({
      url: `/orglife/record/index?id=${openId}`,
    })
    const stored = await rows(cloud.db.collection('orglife_records').where({ sessionId: openId }))
    expect(stored).toHaveLength(1)
  })
})

describe('the record', () => {
  test('an absentee reads the record, whose counts add up to the branch’s active members', async () => {
    const page = await show('orglife/record', 'demo-member-9', { id: openId })
    const active = await rows(
      cloud.db.collection('members').where({ branchId: 'branch-1', status: 'active' }).limit(1000),
    )
    const { record } = page.data
    if (!record || !('counts' in record)) throw new Error('expected the branch’s whole record')
    const { counts } = record
    expect(counts.attended + counts.onLeave + counts.absent).toBe(active.length)
    expect(textOf(page, '.attendance-counts')).toBe(
      `应到 ${active.length} 人：出席 1 人，请假 0 人，缺席 ${active.length - 1} 人`,
    )
    expect(textOf(page, '.absent-names')).toContain(
      (
        await rows<{ name: string }>(
          cloud.db.collection('members').where({ _id: memberIdOf('demo-member-9') }),
        )
      )[0].name,
    )
    expect(textOf(page, '.minutes-text')).toBe('会议传达学习了全会精神。')
    expect(page.querySelectorAll('.record-statement')).toHaveLength(1)
  })

  test('a session past its closes-at has a record nobody had to close', async () => {
    const page = await show('orglife/record', 'demo-member-1', { id: closedId })
    expect(textOf(page, '.closed-text')).toContain('到时自动结束')
    expect(textOf(page, '.minutes-text')).toBe('支部书记尚未填写会议纪要')
  })
})

describe('the secretary’s form', () => {
  test('filling the topic and submitting schedules the session and opens its room', async () => {
    const page = await show('branch/orglife-form', 'demo-secretary-1')
    page
      .querySelector('.topic-input')!
      .dispatchEvent('input', { detail: { value: '党小组集中学习' } })
    await until(() => page.data.topic !== '', 'the topic')
    page.instance.onType({ detail: { value: '2' } })
    tap(page, '.submit-button')
    await until(() => wxMock.redirectTo.mock.calls.length > 1, 'the redirect')
    const [created] = await rows<{ _id: string; type: string }>(
      cloud.db.collection('orglife_sessions').where({ topic: '党小组集中学习' }),
    )
    expect(created.type).toBe('groupMeeting')
    expect(wxMock.redirectTo).toHaveBeenLastCalledWith({
      url: `/orglife/room/index?id=${created._id}`,
    })
  })

  test('a schedule the server refuses shows its Chinese message and stores nothing', async () => {
    const page = await show('branch/orglife-form', 'demo-secretary-1')
    page.setData({ topic: '时间填错的会议', closesDate: page.data.opensDate, closesTime: '18:00' })
    const modals = wxMock.showModal.mock.calls.length
    tap(page, '.submit-button')
    await until(() => wxMock.showModal.mock.calls.length > modals, 'the failure dialog')
    expect(wxMock.showModal.mock.lastCall?.[0].content).toBe('结束时间须晚于开始时间')
    expect(
      await rows(cloud.db.collection('orglife_sessions').where({ topic: '时间填错的会议' })),
    ).toEqual([])
  })
})
