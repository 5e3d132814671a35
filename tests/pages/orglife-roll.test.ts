// The secretary in a running session: who has not signed in with 提醒未签到, the 会议纪要 field and its
// confirm step before the record is frozen, and 补充纪要 appended to the frozen record.
import { rows } from '../../cloudfunctions/_shared/db'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf } from '../support/cloud'
import { tap, textOf, until, wxMock, usePages } from './harness'

const { cloud, show } = usePages(['orglife/room', 'orglife/record'])

const HOUR = 3600 * 1000
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()
// branch-2: demo-secretary-2 and three members, so the roll is short enough to read whole.
const SECRETARY = 'demo-secretary-2'
let sessionId: string

const nameOf = async (openid: string) =>
  (await rows<{ name: string }>(cloud.db.collection('members').where({ openid })))[0].name

beforeAll(async () => {
  const { session } = dataOf(
    await cloud.as(SECRETARY, { now: iso(-2 * HOUR) }).orglife.createSession({
      type: 'themeDay',
      topic: '学习《中国共产党支部工作条例》',
      materials: { text: '', links: [], images: [] },
      opensAt: iso(-HOUR),
      closesAt: iso(48 * HOUR),
    }),
  )
  sessionId = session.id
  dataOf(await cloud.as('demo-member-31').orglife.attend({ sessionId }))
})

test('the secretary sees who has not signed in and reminds them once, after a confirm step', async () => {
  const page = await show('orglife/room', SECRETARY, { id: sessionId })
  const names = page.data.roll?.notSignedIn.map((p) => p.name).sort()
  expect(names).toEqual(
    (await Promise.all(['demo-member-32', 'demo-member-33', SECRETARY].map(nameOf))).sort(),
  )
  expect(textOf(page, '.roll-section .section-title')).toBe('未签到（3）')
  expect(textOf(page, '.roll-names')).not.toContain(await nameOf('demo-member-31'))

  // demo-member-33 has not turned on notifications: WeChat refuses the message, and the toast says so.
  cloud.app.openapi.unsubscribed.add('demo-member-33')
  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '' })
  tap(page, '.remind-button')
  await until(() => page.data.roll?.remindable === 0, 'the reminders')
  cloud.app.openapi.unsubscribed.delete('demo-member-33')
  expect(wxMock.showModal.mock.lastCall?.[0].content).toContain('3 名尚未签到的党员')
  expect(wxMock.showToast).toHaveBeenLastCalledWith({
    title: '已送达 2 人，1 人未开启通知',
    icon: 'none',
  })
  const sent = (await cloud.outbox()).filter(
    (m) => m.template_id === SUBSCRIBE_TEMPLATES.closingReminder.id && m.page.includes(sessionId),
  )
  expect(sent.map((m) => m.touser).sort()).toEqual(['demo-member-32', SECRETARY].sort())
  expect(page.data.roll?.notSignedIn.map((p) => p.note)).toEqual(['已提醒', '已提醒', '已提醒'])
  expect(textOf(page, '.remind-why')).toContain('只提醒一次')

  const member = await show('orglife/room', 'demo-member-31', { id: sessionId })
  expect(member.querySelector('.roll-section')).toBeUndefined()
})

test('closing asks first that the record and 会议纪要 be frozen; cancelling closes nothing', async () => {
  const page = await show('orglife/room', SECRETARY, { id: sessionId })
  expect(textOf(page, '.minutes-label')).toBe('会议纪要')
  page
    .querySelector('.minutes-input')!
    .dispatchEvent('input', { detail: { value: '会议学习了支部工作条例。' } })
  await until(() => page.data.minutes !== '', 'the minutes')

  const modals = wxMock.showModal.mock.calls.length
  wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, content: '' })
  tap(page, '.close-button')
  await until(() => wxMock.showModal.mock.calls.length > modals, 'the confirm step')
  expect(wxMock.showModal.mock.lastCall?.[0].content).toContain('封存')
  expect(await rows(cloud.db.collection('orglife_records').where({ sessionId }))).toEqual([])

  tap(page, '.close-button')
  await until(() => wxMock.redirectTo.mock.calls.length > 0, 'the redirect to the record')
  expect(await rows(cloud.db.collection('orglife_records').where({ sessionId }))).toHaveLength(1)
})

test('the secretary appends 补充纪要 under the frozen minutes; members read it and get no form', async () => {
  const page = await show('orglife/record', SECRETARY, { id: sessionId })
  page
    .querySelector('.addendum-input')!
    .dispatchEvent('input', { detail: { value: '会后又收到两条建议，已转交支委会。' } })
  await until(() => page.data.addendum !== '', 'the addendum')
  tap(page, '.append-button')
  await until(() => page.data.addenda.length === 1, 'the appended addendum')
  expect(wxMock.showModal.mock.lastCall?.[0].content).toContain('不能修改')
  expect(textOf(page, '.minutes-text')).toBe('会议学习了支部工作条例。')
  expect(textOf(page, '.addendum-text')).toBe('会后又收到两条建议，已转交支委会。')
  expect(textOf(page, '.addendum-meta')).toBe(
    `补充纪要 · ${page.data.addenda[0].timeText} · ${await nameOf(SECRETARY)}`,
  )
  expect(page.data.addenda[0].timeText).toMatch(/^今天 \d{2}:\d{2}$/)
  expect(page.data.addendum).toBe('')

  const member = await show('orglife/record', 'demo-member-33', { id: sessionId })
  expect(textOf(member, '.addendum-text')).toBe('会后又收到两条建议，已转交支委会。')
  expect(member.querySelector('.addendum-form')).toBeUndefined()
})
