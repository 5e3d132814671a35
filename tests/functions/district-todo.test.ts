// The district admin's 待办 (todo.district): unstaffed communities and branches, quiet branch sites, appeals
// a community let run past due, lagging 三会一课 and an unsettled last month.
import type { TodoSection } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, postNews, settledMonth } from '../support/fixtures'

const DISTRICT = 'demo-district-admin'
const NOW = '2026-05-20T10:00:00+08:00'
const cloud = useTestCloud()
const as = (openid: string, now = NOW) => cloud.as(openid, { now })

const districtTodo = (now = NOW) => as(DISTRICT, now).todo.district({}).then(dataOf)
const section = (todo: { sections: TodoSection[] }, kind: TodoSection['kind']) =>
  todo.sections.find((s) => s.kind === kind)!
const ids = (s: TodoSection) => s.items.map((i) => i.id)

test('only a district admin may read it', async () => {
  for (const openid of [ADMIN_XINHUA, 'demo-secretary-1', 'demo-member-1', RESIDENT])
    expect(await as(openid).todo.district({})).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
})

test('the quiet demo district: every site quiet, every branch behind on 三会一课, April unsettled', async () => {
  const todo = await districtTodo()
  expect(todo).toMatchObject({ districtId: 'district-changning', districtName: '长宁区' })
  expect(todo.staleAfterDays).toBe(30)
  expect(todo.sections.map((s) => [s.kind, s.count])).toEqual([
    ['unstaffed', 0],
    ['staleBranches', 8],
    ['overdueAppeals', 0],
    ['branchCadence', 8],
    ['studyMediaReview', 0],
    ['unsettled', 1],
  ])
  expect(section(todo, 'unsettled').items).toEqual([
    expect.objectContaining({ id: '2026-04', title: '2026年4月结算', overdue: true }),
  ])
  // Lines in district order (community by community), the first few shown.
  expect(ids(section(todo, 'branchCadence'))).toEqual(['branch-1', 'branch-2', 'branch-3'])
  expect(ids(section(todo, 'staleBranches'))).toEqual(['branch-1', 'branch-2', 'branch-3'])
  expect(todo.total).toBe(17)
})

test('uses one batch of parallel reads after loading the caller', async () => {
  const { reply, meta } = await cloud.measure(DISTRICT, { now: NOW }).todo.district({})
  expect(reply.ok).toBe(true)
  // 1 caller lookup + 7 reads (district, communities and branches, secretaries, community admins,
  // appeals past due, sessions, last month's settlement) + 1 for 网上党校 items for every branch whose images
  // await review.
  expect(meta.dbRoundTrips).toBe(9)
})

test('a branch whose secretary is removed, and a community without an admin, are unstaffed', async () => {
  dataOf(
    await as(DISTRICT).member.setRole({
      memberId: memberIdOf('demo-secretary-6'),
      role: 'secretary',
      grant: false,
      branchId: 'branch-6',
    }),
  )
  dataOf(
    await as(DISTRICT).member.setRole({
      memberId: memberIdOf('demo-community-admin-2'),
      role: 'communityAdmin',
      grant: false,
    }),
  )
  const unstaffed = section(await districtTodo(), 'unstaffed')
  expect(unstaffed.items.map((i) => [i.id, i.note])).toEqual([
    ['community-jiangsu', '尚无社区管理员'],
    ['branch-6', '江苏路街道社区综合党委 · 尚无支部书记'],
  ])
  // Appointed again, they leave the list.
  for (const payload of [
    { memberId: memberIdOf('demo-secretary-6'), role: 'secretary', branchId: 'branch-6' },
    { memberId: memberIdOf('demo-community-admin-2'), role: 'communityAdmin' },
  ] as const)
    dataOf(await as(DISTRICT).member.setRole({ ...payload, grant: true }))
  expect(section(await districtTodo(), 'unstaffed').count).toBe(0)
})

test('a post takes its branch off the quiet list; deleting it puts the branch back', async () => {
  const posted = dataOf(await postNews(cloud, 'demo-secretary-3', {}, '2026-05-10T09:00:00+08:00'))
  expect(ids(section(await districtTodo(), 'staleBranches'))).not.toContain('branch-3')
  expect((await cloud.doc('orgs', 'branch-3'))?.lastNewsAt).toEqual(new Date(posted.news.createdAt))
  // 30 Shanghai days after the post it is quiet again.
  expect(section(await districtTodo('2026-06-09T00:00:00+08:00'), 'staleBranches').count).toBe(8)
  expect(section(await districtTodo('2026-06-08T23:59:00+08:00'), 'staleBranches').count).toBe(7)

  const deleted = await cloud.measure('demo-secretary-3', { now: NOW }).interact.deleteNews({
    newsId: posted.news.id,
  })
  dataOf(deleted.reply)
  // 7 as before, plus the branch's newest post still standing and its lastNewsAt, beside the reversal.
  expect(deleted.meta.dbRoundTrips).toBe(9)
  expect(ids(section(await districtTodo(), 'staleBranches'))).toContain('branch-3')
  expect((await cloud.doc('orgs', 'branch-3'))?.lastNewsAt).toBeNull()
})

test('deleting an older post leaves the branch dated by its latest', async () => {
  const older = dataOf(await postNews(cloud, 'demo-secretary-4', {}, '2026-05-01T09:00:00+08:00'))
  const newer = dataOf(await postNews(cloud, 'demo-secretary-4', {}, '2026-05-15T09:00:00+08:00'))
  dataOf(await as('demo-secretary-4').interact.deleteNews({ newsId: older.news.id }))
  expect((await cloud.doc('orgs', 'branch-4'))?.lastNewsAt).toEqual(new Date(newer.news.createdAt))
  dataOf(await as('demo-secretary-4').interact.deleteNews({ newsId: newer.news.id }))
  expect((await cloud.doc('orgs', 'branch-4'))?.lastNewsAt).toBeNull()
})

test("an appeal the community left unanswered past its due date is the district's to chase", async () => {
  const { appeal } = dataOf(
    await as(RESIDENT, '2026-05-10T10:00:00+08:00').interact.submitAppeal({
      draftId: 'district-todo-appeal',
      category: '卫生保健',
      text: '小区缺少老年人健康讲座，希望社区安排。',
    }),
  )
  const overdue = section(await districtTodo(), 'overdueAppeals')
  expect(overdue.items).toEqual([
    expect.objectContaining({
      id: appeal.id,
      overdue: true,
      note: expect.stringContaining('新华路'),
    }),
  ])
  // Still within its seven days it is the community's own business.
  expect(section(await districtTodo('2026-05-12T10:00:00+08:00'), 'overdueAppeals').count).toBe(0)
})

test('a settled last month leaves the list', async () => {
  await settledMonth(cloud, '2026-04')
  expect(section(await districtTodo(), 'unsettled').count).toBe(0)
})
