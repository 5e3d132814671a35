import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'

// community.branchRecord: the branch secretary sees each member's 社区报到 and the half-year's 反馈卡.

const cloud = useTestCloud()

const ADMIN = 'demo-community-admin-2' // community-jiangsu
const DEC_1 = '2026-12-01T10:00:00+08:00'
const AFTER = '2026-12-05T18:00:00+08:00'
const SERVED = 'demo-member-1' // branch-1, lives in community-jiangsu
const ABSENT = 'demo-member-3' // branch-1, never reports

beforeAll(async () => {
  const as = (openid: string, now: string) => cloud.as(openid, { now })
  dataOf(
    await as(SERVED, DEC_1).community.report({
      communityId: 'community-jiangsu',
      area: '江苏路 480 弄',
      willingness: ['便民服务'],
    }),
  )
  const { service } = dataOf(
    await as(ADMIN, DEC_1).community.postService({
      title: '社区助老服务',
      kind: '志愿活动',
      category: '爱心帮扶',
      date: '2026-12-05',
      place: '江苏路街道为老服务中心',
      slots: 5,
    }),
  )
  dataOf(await as(SERVED, DEC_1).community.signup({ serviceId: service.id }))
  dataOf(
    await as(ADMIN, AFTER).community.confirmService({
      serviceId: service.id,
      cards: [{ memberId: memberIdOf(SERVED), hours: 2.5, rating: 4, comment: '服务热情' }],
    }),
  )
})

const read = (openid: string, branchId?: string) =>
  cloud
    .as(openid, { now: AFTER })
    .community.branchRecord({ month: '2026-12', ...(branchId ? { branchId } : {}) })

test('the secretary sees a member’s community, half-year hours and latest card; one who never reported shows none', async () => {
  const view = dataOf(await read('demo-secretary-1'))
  expect(view.months).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'])
  const row = (openid: string) => view.members.find((m) => m.memberId === memberIdOf(openid))
  expect(row(SERVED)).toEqual({
    memberId: memberIdOf(SERVED),
    state: 'current',
    communityName: expect.stringContaining('江苏路'),
    hours: 2.5,
    services: 1,
    rating: 4,
    comment: '服务热情',
  })
  expect(row(ABSENT)).toMatchObject({ state: 'none', communityName: null, hours: 0, rating: null })
  // Another half-year counts none of these hours.
  const spring = dataOf(
    await cloud.as('demo-secretary-1', { now: AFTER }).community.branchRecord({ month: '2027-03' }),
  )
  expect(spring.members.find((m) => m.memberId === memberIdOf(SERVED))).toMatchObject({
    hours: 0,
    rating: null,
  })
})

test('the whole branch is read in a fixed number of round trips', async () => {
  const { reply, meta } = await cloud.measure('demo-secretary-1').community.branchRecord({})
  const members = dataOf(reply).members.length
  // Caller, branch, members, then reports and sign-ups (at once): not one read per member.
  expect(meta.dbRoundTrips).toBe(5)
  // The caller, the branch, its members, the one report and the one card.
  expect(meta.docsExamined).toBe(2 + members + 2)
})

test('the community admin over the branch may read it; another branch’s secretary and a member may not', async () => {
  expect((await read('demo-community-admin-1', 'branch-1')).ok).toBe(true)
  expect((await read('demo-district-admin', 'branch-1')).ok).toBe(true)
  for (const refused of ['demo-secretary-2', ABSENT, ADMIN])
    expect(await read(refused, 'branch-1')).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  // Refused before anything of the branch's members is read.
  const { meta } = await cloud
    .measure('demo-secretary-2')
    .community.branchRecord({ branchId: 'branch-1' })
  expect(meta).toMatchObject({ dbRoundTrips: 2, docsExamined: 2 })
  // A plain member asking for their own branch is refused too.
  expect(await read(ABSENT)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
})
