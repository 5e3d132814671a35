// 组织概况 (org.overview) and the district's setting for 长期未更新 (org.updateSettings).
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_JIANGSU, ADMIN_XINHUA, postNews } from '../support/fixtures'

const DISTRICT = 'demo-district-admin'
const NOW = '2026-05-20T10:00:00+08:00'
const cloud = useTestCloud()
const as = (openid: string, now = NOW) => cloud.as(openid, { now })
const overview = (openid = DISTRICT, input = {}, now = NOW) =>
  as(openid, now).org.overview(input).then(dataOf)
const branch = (o: Awaited<ReturnType<typeof overview>>, id: string) =>
  o.communities.flatMap((c) => c.branches).find((b) => b.id === id)!

test('a district admin sees every community and branch with members, secretary and the rules', async () => {
  dataOf(await postNews(cloud, 'demo-secretary-2', {}, '2026-05-18T09:00:00+08:00'))
  dataOf(await as('demo-member-1').checkin.checkIn({}))
  const o = await overview()
  expect(o).toMatchObject({ month: '2026-05', staleAfterDays: 30 })
  expect(o.communities.map((c) => [c.id, c.branches.length, c.memberCount])).toEqual([
    ['community-xinhua', 4, 67],
    ['community-jiangsu', 4, 61],
  ])
  expect(branch(o, 'branch-2')).toMatchObject({
    name: '番禺路小微企业联合党支部',
    memberCount: 4,
    secretaryName: expect.any(String),
    stale: false,
    quietDays: 2,
    newsNote: '2 天前更新',
  })
  expect(branch(o, 'branch-1')).toMatchObject({
    stale: true,
    newsNote: '成立 139 天，从未发布动态',
    cadenceOverdue: expect.arrayContaining(['committee']),
  })
  expect(branch(o, 'branch-1').perMember).toBeGreaterThan(0)
  expect(o.communities[0].staleCount).toBe(3)
  // 末位: the lowest of 8 by score per member (stats' rule: the bottom tenth, at least one).
  expect(o.bottom).toHaveLength(1)
  expect(o.bottom[0].branchId).not.toBe('branch-1')
})

test('a community admin sees their own community only; another community is refused', async () => {
  const mine = await overview(ADMIN_XINHUA)
  expect(mine.communities.map((c) => c.id)).toEqual(['community-xinhua'])
  expect(await as(ADMIN_JIANGSU).org.overview({ communityId: 'community-xinhua' })).toMatchObject({
    ok: false,
    code: 'PERMISSION_DENIED',
  })
  expect(await as('demo-secretary-1').org.overview({})).toMatchObject({
    ok: false,
    code: 'PERMISSION_DENIED',
  })
  // A district admin may narrow to one community.
  const one = await overview(DISTRICT, { communityId: 'community-jiangsu' })
  expect(one.communities.map((c) => c.id)).toEqual(['community-jiangsu'])
  // The demo district fits one page; a page starting elsewhere starts there, and a made-up cursor is refused.
  expect((await overview()).nextCursor).toBeNull()
  expect(
    (await overview(DISTRICT, { cursor: 'community-jiangsu' })).communities.map((c) => c.id),
  ).toEqual(['community-jiangsu'])
  expect(await as(DISTRICT).org.overview({ cursor: 'no-such-community' })).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
  })
})

test('reads in a bounded number of round trips, whatever the number of branches', async () => {
  const { reply, meta } = await cloud.measure(DISTRICT, { now: NOW }).org.overview({})
  expect(reply.ok).toBe(true)
  // 1 caller lookup; the district, the org tree and this month's totals (one aggregation) together; then
  // the page's secretaries and sessions together: no read per branch or community.
  expect(meta.dbRoundTrips).toBe(6)
})

test('changing the setting moves a branch into and out of 长期未更新', async () => {
  dataOf(await postNews(cloud, 'demo-secretary-5', {}, '2026-05-05T09:00:00+08:00'))
  expect(branch(await overview(), 'branch-5')).toMatchObject({ stale: false, quietDays: 15 })

  expect(await as(DISTRICT).org.updateSettings({ staleAfterDays: 14 })).toEqual({
    ok: true,
    data: { staleAfterDays: 14 },
  })
  const tight = await overview()
  expect(tight.staleAfterDays).toBe(14)
  expect(branch(tight, 'branch-5')).toMatchObject({ stale: true, newsNote: '已 15 天未发布动态' })
  const todo = dataOf(await as('demo-secretary-5').todo.secretary({}))
  expect(todo.sections.find((s) => s.kind === 'staleBranches')?.count).toBe(1)

  dataOf(await as(DISTRICT).org.updateSettings({ staleAfterDays: 30 }))
  expect(branch(await overview(), 'branch-5').stale).toBe(false)
  const after = dataOf(await as('demo-secretary-5').todo.secretary({}))
  expect(after.sections.find((s) => s.kind === 'staleBranches')?.count).toBe(0)
})

test('only a district admin changes the setting, and only to a sensible number of days', async () => {
  for (const openid of [ADMIN_XINHUA, 'demo-secretary-1'])
    expect(await as(openid).org.updateSettings({ staleAfterDays: 10 })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  for (const staleAfterDays of [3, 1000, 10.5])
    expect(await as(DISTRICT).org.updateSettings({ staleAfterDays })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    })
  expect((await cloud.doc('orgs', 'district-changning'))?.staleAfterDays ?? 30).toBe(30)
})
