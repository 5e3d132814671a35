// The secretary at month end: the 待办's one line for members below the minimums with 一键提醒, the list of
// them sorted by how far each is short, and 支部通讯录 (masked numbers, search by name, a full number only
// to the branch's secretary on demand, recorded).
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf } from '../support/cloud'
import { tap, textOf, until, usePages, wxMock } from './harness'

const { cloud, show } = usePages(['todo', 'branch/below-minimum', 'branch/directory', 'privacy'])

const MASKED = /^1\d{2}\*{4}\d{4}$/
const reminders = async () =>
  (await cloud.outbox()).filter((m) => m.template_id === SUBSCRIBE_TEMPLATES.monthlyMinimum.id)
const makePhoneCall = () => (wx as unknown as { makePhoneCall: jest.Mock }).makePhoneCall

test('the 待办 shows members below the minimums as one line; 一键提醒 reminds them and the line stops counting', async () => {
  const secretary = 'demo-secretary-5'
  // One of them has not turned on notifications: WeChat refuses the message, and the toast says so.
  const off = (
    await cloud.docs<{ openid: string }>('members', { branchId: 'branch-5', status: 'active' })
  ).find((m) => m.openid !== secretary)!
  cloud.app.openapi.unsubscribed.add(off.openid)
  const page = await show('todo', secretary)
  const { belowMinimum, total } = dataOf(await cloud.as(secretary).todo.secretary())
  expect(belowMinimum.below).toBeGreaterThan(1)

  expect(textOf(page, '.below-title')).toBe(`本月 ${belowMinimum.below} 人未达最低要求`)
  expect(page.querySelectorAll('#section-belowMinimum')).toHaveLength(0)
  expect(page.data.total).toBe(total)
  expect(textOf(page, '.remind-below')).toBe('一键提醒')

  const before = (await reminders()).length
  tap(page, '.remind-below')
  await until(() => page.data.below?.open === false, 'the reminding to land')
  expect(wxMock.showToast).toHaveBeenCalledWith({
    title: `已送达 ${belowMinimum.below - 1} 人，1 人未开启通知`,
    icon: 'none',
  })
  expect((await reminders()).length).toBe(before + belowMinimum.below - 1)
  cloud.app.openapi.unsubscribed.delete(off.openid)
  expect(page.data.total).toBe(total - 1)
  expect(textOf(page, '.remind-below')).toBe('今天已提醒')
  expect(textOf(page, '.below-note')).toContain('今天已全部提醒')

  tap(page, '.below-open')
  await until(
    () => wxMock.navigateTo.mock.calls.some(([a]) => a.url === '/branch/below-minimum/index'),
    'the list to open',
  )
})

test('the list puts the furthest short first, says what each misses, and reminds from the page', async () => {
  const secretary = 'demo-secretary-6'
  dataOf(await cloud.as(secretary).checkin.updateSettings({ minimums: { checkin: 2, comment: 0 } }))
  const members = await cloud.docs<{ _id: string; openid: string; name: string }>('members', {
    branchId: 'branch-6',
    status: 'active',
  })
  const closest = members.find((m) => !m.openid.startsWith('demo-secretary'))!
  dataOf(await cloud.as(closest.openid).checkin.checkIn({}))

  const page = await show('branch/below-minimum', secretary)
  expect(page.data.status).toBe('ready')
  const rows = page.querySelectorAll('.below-row')
  expect(rows).toHaveLength(members.length)
  expect(textOf(page, '.below-row .below-missing')).toBe('还差 报到 2 次')
  const last = page.data.members[page.data.members.length - 1]
  expect(last).toMatchObject({ id: closest._id, name: closest.name, missing: '还差 报到 1 次' })
  expect(textOf(page, `#below-${closest._id} .below-missing`)).toBe('还差 报到 1 次')

  tap(page, '.remind-below')
  await until(() => page.data.remindedToday === members.length, 'everyone to be reminded')
  expect(wxMock.showToast).toHaveBeenLastCalledWith({
    title: `已送达 ${members.length} 人`,
    icon: 'success',
  })
  expect(page.querySelectorAll('.reminded-tag')).toHaveLength(members.length)
  expect(textOf(page, '.remind-below')).toBe('今天已提醒')
})

test('a member who opens the below-minimum list is told whose page it is, without an error', async () => {
  const page = await show('branch/below-minimum', 'demo-member-1')
  expect(page.data.status).toBe('forbidden')
  expect(textOf(page, '.state-forbidden')).toContain(
    '这里是支部书记查看、提醒本支部未达到每月最低要求的党员的页面',
  )
})

test('支部通讯录: a member sees masked numbers, finds by name, and has no way to a full number', async () => {
  const page = await show('branch/directory', 'demo-member-1')
  const { members } = dataOf(await cloud.as('demo-member-1').member.directory({ status: 'active' }))
  expect(page.data.status).toBe('ready')
  expect(page.data.secretary).toBe(false)
  expect(page.data.matched).toBe(members.length)
  expect(page.data.shown.every((r) => MASKED.test(r.phone))).toBe(true)
  expect(page.querySelector('.reveal-button')).toBeUndefined()
  expect(page.querySelector('.call-button')).toBeUndefined()

  const target = members[members.length - 1]
  page.instance.onSearch({ detail: { value: target.name } } as WechatMiniprogram.Input)
  await until(() => page.data.query === target.name, 'the search')
  expect(page.data.shown.map((r) => r.name).every((n) => n.includes(target.name))).toBe(true)
  expect(page.data.shown.map((r) => r.id)).toContain(target.id)

  page.instance.onSearch({ detail: { value: '不存在的名字' } } as WechatMiniprogram.Input)
  await until(() => page.data.matched === 0, 'no match')
  expect(textOf(page, '.state-empty .state-message')).toBe('没有找到姓名含“不存在的名字”的党员')
  tap(page, '.clear-search')
  await until(() => page.data.matched === members.length, 'every member again')
})

test('支部通讯录: the secretary sees a full number on demand, recorded, and calls with it', async () => {
  const page = await show('branch/directory', 'demo-secretary-1')
  expect(page.data.secretary).toBe(true)
  expect(page.data.shown.every((r) => MASKED.test(r.phone))).toBe(true)
  // Their own row offers neither: a branch has one secretary.
  const own = page.data.shown.find((r) => r.id === memberIdOf('demo-secretary-1'))!
  expect(own.own).toBe(true)
  expect(page.querySelector(`#member-${own.id} .call-button`)).toBeUndefined()
  const target = page.data.shown.find((r) => r.id === memberIdOf('demo-member-7'))!
  const stored = (await cloud.doc<{ phone: string }>('members', target.id))!

  tap(page, `#member-${target.id} .reveal-button`)
  await until(
    () => page.data.shown.find((r) => r.id === target.id)?.revealed === true,
    'the number',
  )
  expect(textOf(page, `#member-${target.id} .directory-phone`)).toBe(stored.phone)
  expect(await cloud.docs('phone_reveals', { memberId: target.id })).toEqual([
    expect.objectContaining({ by: memberIdOf('demo-secretary-1') }),
  ])
  // Other rows stay masked.
  expect(page.data.shown.filter((r) => r.id !== target.id).every((r) => MASKED.test(r.phone))).toBe(
    true,
  )

  // 拨打 on a row not yet shown asks for its number (recorded) and calls it.
  const other = page.data.shown.find((r) => r.id === memberIdOf('demo-member-8'))!
  tap(page, `#member-${other.id} .call-button`)
  await until(() => makePhoneCall().mock.calls.length > 0, 'the call')
  const otherPhone = (await cloud.doc<{ phone: string }>('members', other.id))!.phone
  expect(makePhoneCall()).toHaveBeenLastCalledWith({ phoneNumber: otherPhone })
  expect(await cloud.docs('phone_reveals', { memberId: other.id })).toHaveLength(1)
})

test('支部通讯录 tells a resident and a district admin whose page it is, without an error', async () => {
  for (const openid of ['demo-resident-1', 'demo-district-admin']) {
    const page = await show('branch/directory', openid)
    expect(page.data.status).toBe('forbidden')
    expect(textOf(page, '.state-forbidden')).toContain('支部通讯录供本支部党员查看')
  }
})

test('the privacy guide says what 支部通讯录 does: masked for all, the secretary’s full number on demand, recorded', async () => {
  const page = await show('privacy', 'demo-member-1')
  expect(textOf(page, '.who-card')).toContain(
    '在支部通讯录里所有人只看到前三位和后四位，如 138****1234；本支部书记需要联系您时可以逐个查看完整号码，每次查看都记下是谁、在什么时间',
  )
})
