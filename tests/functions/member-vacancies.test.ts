// 任免's starting point (member.vacancies): the branches without a secretary and the communities without an
// admin, exactly as the district's 待办 lists them, and a community's members to appoint as its admin.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT } from '../support/fixtures'

const DISTRICT = 'demo-district-admin'
const cloud = useTestCloud()
const vacancies = (communityId?: string, openid = DISTRICT) =>
  cloud.as(openid).member.vacancies(communityId ? { communityId } : {})
const setRole = (payload: Parameters<ReturnType<typeof cloud.as>['member']['setRole']>[0]) =>
  cloud.as(DISTRICT).member.setRole(payload).then(dataOf)

test('only the district admin may read it; an unknown community is not found', async () => {
  for (const openid of [ADMIN_XINHUA, 'demo-secretary-1', 'demo-member-1', RESIDENT])
    expect(await vacancies(undefined, openid)).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  // A branch is no community.
  for (const id of ['community-nowhere', 'branch-1'])
    expect(await vacancies(id)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
})

test('what the district 待办 lists as unstaffed, with a community’s members to appoint; appointed, they leave', async () => {
  expect(dataOf(await vacancies())).toEqual({ branches: [], communities: [], candidates: [] })
  await setRole({
    memberId: memberIdOf('demo-secretary-6'),
    role: 'secretary',
    grant: false,
    branchId: 'branch-6',
  })
  await setRole({
    memberId: memberIdOf('demo-community-admin-2'),
    role: 'communityAdmin',
    grant: false,
  })
  const { sections } = dataOf(await cloud.as(DISTRICT).todo.district({}))
  const unstaffed = sections.find((s) => s.kind === 'unstaffed')!.items.map((i) => i.id)
  const open = dataOf(await vacancies())
  expect(open.communities).toEqual([{ id: 'community-jiangsu', name: '江苏路街道社区综合党委' }])
  expect(open.branches).toEqual([
    { id: 'branch-6', name: expect.any(String), communityName: '江苏路街道社区综合党委' },
  ])
  expect(unstaffed).toEqual([...open.communities, ...open.branches].map((o) => o.id))
  expect(open.candidates).toEqual([])

  // The community's active members, its secretaries first, phones masked; no one from elsewhere.
  const { candidates } = dataOf(await vacancies('community-jiangsu'))
  expect(candidates.length).toBeGreaterThan(3)
  expect(candidates.every((c) => c.communityId === 'community-jiangsu')).toBe(true)
  expect(candidates.every((c) => /^\d{3}\*{4}\d{4}$/.test(c.phone))).toBe(true)
  const secretaries = candidates.filter((c) => c.roles.includes('secretary'))
  expect(secretaries.length).toBeGreaterThan(0)
  expect(candidates.slice(0, secretaries.length)).toEqual(secretaries)
  expect(candidates.map((c) => c.id)).not.toContain(memberIdOf('demo-secretary-1'))

  // Appointed, each leaves the list.
  await setRole({
    memberId: secretaries[0].id,
    role: 'communityAdmin',
    grant: true,
    communityId: 'community-jiangsu',
  })
  const inBranch6 = candidates.find((c) => c.branchId === 'branch-6' && !c.roles.length)!
  await setRole({ memberId: inBranch6.id, role: 'secretary', grant: true, branchId: 'branch-6' })
  expect(dataOf(await vacancies())).toEqual({ branches: [], communities: [], candidates: [] })
})
