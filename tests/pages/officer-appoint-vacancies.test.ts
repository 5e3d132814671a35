// 任免 from what is missing: the district admin sees the branches without a secretary and the communities
// without an admin, opens one to its members (phones masked) and appoints from them; a 待办 line opens its
// branch straight away.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf } from '../support/cloud'
import { handled, tap, textOf, until, usePages, wxMock } from './harness'

const DISTRICT = 'demo-district-admin'
const { cloud, show } = usePages(['officer/appoint', 'todo'])

beforeAll(async () => {
  // Branch-6 loses its secretary, 江苏路 its admin.
  for (const payload of [
    { memberId: memberIdOf('demo-secretary-6'), role: 'secretary', branchId: 'branch-6' },
    { memberId: memberIdOf('demo-community-admin-2'), role: 'communityAdmin' },
  ] as const)
    dataOf(await cloud.as(DISTRICT).member.setRole({ ...payload, grant: false }))
})

test('the district 待办’s line for the branch opens 任免 on it', async () => {
  const todo = await show('todo', DISTRICT)
  tap(todo, '#item-unstaffed-branch-6')
  await until(
    () => wxMock.navigateTo.mock.lastCall?.[0].url === '/officer/appoint/index?branchId=branch-6',
    '任免 to open on the branch',
  )
})

test('a branch without a secretary: its members to pick from, one appointed, and it leaves the list', async () => {
  const page = await show('officer/appoint', DISTRICT)
  expect(page.data.vacantBranches.map((b) => b.id)).toEqual(['branch-6'])
  expect(textOf(page, '#branch-branch-6')).toContain('江苏路街道社区综合党委 · 尚无支部书记')
  expect(textOf(page, '#community-community-jiangsu')).toContain('尚无社区管理员')

  await handled(page, 'onOpenBranch', () => tap(page, '#branch-branch-6'))
  const roster = dataOf(await cloud.as(DISTRICT).member.directory({ branchId: 'branch-6' }))
  expect(page.data.hits.map((h) => h.id)).toEqual(roster.members.map((m) => m.id))
  expect(page.data.hits.length).toBeGreaterThan(1)
  expect(page.data.hits.every((h) => /^\d{3}\*{4}\d{4}$/.test(h.phone))).toBe(true)
  expect(textOf(page, '.listed-title')).toContain(`${roster.branchName}的在册党员`)

  const chosen = page.data.hits[0]
  await handled(page, 'onAppointSecretary', () => tap(page, `#hit-${chosen.id} .appoint-secretary`))
  expect(await cloud.doc('members', chosen.id)).toMatchObject({
    roles: ['secretary'],
    branchId: 'branch-6',
  })
  await until(() => !page.data.vacantBranches.length, 'the branch to leave the list')
  expect(page.querySelector('#branch-branch-6')).toBeFalsy()
  await until(() => page.data.hits[0]?.isSecretary === true, 'the row to show the new role')
})

test('a community without an admin: its members, secretaries first, one appointed after confirming', async () => {
  const page = await show('officer/appoint', DISTRICT)
  await handled(page, 'onOpenCommunity', () => tap(page, '#community-community-jiangsu'))
  const { hits } = page.data
  expect(hits.length).toBeGreaterThan(1)
  expect(hits[0].isSecretary).toBe(true)
  expect(hits.every((h) => h.place.startsWith('江苏路街道社区综合党委'))).toBe(true)

  const chosen = hits[0]
  await handled(page, 'onAppointAdmin', () => tap(page, `#hit-${chosen.id} .appoint-admin`))
  expect(wxMock.showModal.mock.lastCall?.[0].content).toBe(
    `确认任命${chosen.name}为江苏路街道社区综合党委管理员？`,
  )
  expect(await cloud.doc('members', chosen.id)).toMatchObject({
    roles: expect.arrayContaining(['secretary', 'communityAdmin']),
    adminCommunityId: 'community-jiangsu',
  })
  await until(() => !page.data.vacantCommunities.length, 'the community to leave the list')
})

test('?branchId= (the 待办 line) opens that branch’s members straight away', async () => {
  const page = await show('officer/appoint', DISTRICT, { branchId: 'branch-3' })
  await until(() => page.data.resultStatus === 'ready', 'the branch’s members')
  expect(page.data).toMatchObject({ listed: 'branch', pickedId: 'branch-3' })
  const roster = dataOf(await cloud.as(DISTRICT).member.directory({ branchId: 'branch-3' }))
  expect(page.data.hits.map((h) => h.id)).toEqual(roster.members.map((m) => m.id))
  // Its secretary is in office: appointing another asks first (the existing confirm step).
  const other = page.data.hits.find((h) => !h.isSecretary)!
  expect(other.secretaryName).toBe(roster.members.find((m) => m.roles.includes('secretary'))!.name)

  // A community's line carries the community's id: its members open instead.
  const community = await show('officer/appoint', DISTRICT, { branchId: 'community-jiangsu' })
  await until(() => community.data.resultStatus === 'ready', 'the community’s members')
  expect(community.data).toMatchObject({ listed: 'community', pickedId: 'community-jiangsu' })
  expect(community.data.hits.every((h) => h.place.startsWith('江苏路'))).toBe(true)
})

test('a community admin is told the page is the district’s', async () => {
  const page = await show('officer/appoint', 'demo-community-admin-1')
  expect(page.data.status).toBe('forbidden')
  expect(page.data.message).toContain('区委组织部')
  expect(page.querySelector('.vacancies')).toBeFalsy()
})
