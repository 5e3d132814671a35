import { tap, textOf, until, usePages } from './harness'

const { cloud, show } = usePages(['ranking', 'privacy'])

beforeAll(async () => {
  // Page calls carry no clock header, so these check-ins land in the real current month, as the page reads it.
  for (const openid of ['demo-member-31', 'demo-member-32'])
    await cloud.as(openid).checkin.checkIn({})
})

test('the members tab lists my branch with my row highlighted and a bar per score', async () => {
  const page = await show('ranking', 'demo-member-32')
  expect(page.data.status).toBe('ready')
  expect(page.data.members.map((r) => r.rank)).toEqual([1, 2])
  expect(page.data.members[1]).toMatchObject({ mine: true, score: 2, percent: 100 })
  expect(textOf(page, '.rank-mine')).toContain('我')
})

test('a member without a score sees the empty state', async () => {
  const page = await show('ranking', 'demo-member-1')
  expect(page.data.status).toBe('empty')
  expect(textOf(page, '.state-message')).toBe('本月支部还没有人获得积分，去报到吧')
})

test('the branches tab ranks my community’s branches with my branch highlighted and the 末位 marked', async () => {
  const page = await show('ranking', 'demo-member-31')
  tap(page, '.tab-branches')
  await until(() => page.data.tab === 'branches' && page.data.status === 'ready', 'branches')
  expect(page.data.branches[0]).toMatchObject({ name: '番禺路小微企业联合党支部', mine: true })
  expect(page.data.branches).toHaveLength(4)
  expect(page.data.branches[3].bottom).toBe(true)
  expect(textOf(page, '.rank-mine')).toContain('人均')
})

test('staff without a branch see the branch ranking of their scope and the way to the officers’ views', async () => {
  const admin = await show('ranking', 'demo-community-admin-1')
  expect(admin.data).toMatchObject({ status: 'ready', tab: 'branches', officer: true })
  expect(admin.data.branches).toHaveLength(4)
  expect(admin.querySelector('.officer-link')).toBeDefined()
  expect(admin.querySelector('.state-error')).toBeUndefined()
  const district = await show('ranking', 'demo-district-admin')
  expect(district.data).toMatchObject({ status: 'ready', tab: 'branches', officer: true })
  expect(district.data.branches).toHaveLength(8)
})

test('the privacy guide says what the ranking shows: fellow members’ names and scores, never phones', async () => {
  const page = await show('ranking', 'demo-member-32')
  const fellow = page.data.members.find((row) => !row.mine)!
  expect(fellow.name).toMatch(/\S/)
  expect(textOf(page, '.card')).toContain(fellow.name)
  expect(page.dom!.textContent).not.toMatch(/1\d{2}(\*{4}|\d{4})\d{4}/)

  const guide = await show('privacy', 'demo-member-32')
  expect(textOf(guide, '.who-ranking')).toContain(
    '本支部党员可以看到本支部党员的姓名和月度积分排名',
  )
  expect(textOf(guide, '.who-ranking')).toContain('不含手机号')
  // orglife-room.test.ts checks the record keeps a leave's reason from fellow members, as this line says.
  expect(textOf(guide, '.who-orglife')).toContain('请假事由只有支部书记和请假的党员本人能看到')
})
