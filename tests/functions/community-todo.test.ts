// The community admin's 待办 lines for 在职党员: services whose day is over with sign-ups still unconfirmed (a
// cancelled one is not), and reports lapsing within 30 days or lapsed; and the community's branches left
// without a secretary.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()
const as = (openid: string, now: string) => cloud.as(openid, { now })
const ADMIN = 'demo-community-admin-2' // community-jiangsu
const DEC_1 = '2026-12-01T10:00:00+08:00'

const reportTo = (openid: string, now: string) =>
  as(openid, now)
    .community.report({
      communityId: 'community-jiangsu',
      area: '江苏路',
      willingness: ['便民服务'],
    })
    .then(dataOf)

async function serviceWith(title: string, date: string, members: string[]) {
  const { service } = dataOf(
    await as(ADMIN, DEC_1).community.postService({
      title,
      kind: '志愿活动',
      category: '便民服务',
      date,
      place: '江苏路街道党群服务中心',
      slots: 5,
    }),
  )
  for (const m of members) dataOf(await as(m, DEC_1).community.signup({ serviceId: service.id }))
  return service.id
}

test('services to confirm and reports due show in the community’s 待办, until handled', async () => {
  await Promise.all(['demo-member-70', 'demo-member-71'].map((m) => reportTo(m, DEC_1)))
  await reportTo('demo-member-72', '2026-06-20T10:00:00+08:00')
  const held = await serviceWith('社区助老服务', '2026-12-03', ['demo-member-70', 'demo-member-71'])
  const cancelled = await serviceWith('社区义诊', '2026-12-04', ['demo-member-70'])
  await serviceWith('周末图书角', '2026-12-20', ['demo-member-71'])
  dataOf(
    await as(ADMIN, DEC_1).community.cancelService({ serviceId: cancelled, reason: '场地维修' }),
  )

  const todo = async (now: string) => {
    const { sections } = dataOf(await as(ADMIN, now).todo.community({}))
    return Object.fromEntries(sections.map((s) => [s.kind, s]))
  }
  const at = '2026-12-12T10:00:00+08:00'
  const waiting = await todo(at)
  expect(waiting.serviceConfirmations).toMatchObject({
    count: 1,
    overdueCount: 1,
    items: [{ ref: held, title: '社区助老服务', note: '12月3日 · 2 人待确认服务时长' }],
  })
  expect(waiting.overdueReports).toMatchObject({
    count: 1,
    items: [{ ref: memberIdOf('demo-member-72'), note: '12月20日到期' }],
  })

  dataOf(
    await as(ADMIN, at).community.confirmService({
      serviceId: held,
      cards: ['demo-member-70', 'demo-member-71'].map((m) => ({
        memberId: memberIdOf(m),
        hours: 2,
        rating: 5,
        comment: '',
      })),
    }),
  )
  await reportTo('demo-member-72', at)
  const handled = await todo(at)
  expect([handled.serviceConfirmations.count, handled.overdueReports.count]).toEqual([0, 0])
})

test('a service is on the 待办 from its own day, not the day before', async () => {
  await reportTo('demo-member-73', DEC_1)
  const serviceId = await serviceWith('社区环境整治', '2026-12-05', ['demo-member-73'])
  const lines = async (now: string) => {
    const { sections } = dataOf(await as(ADMIN, now).todo.community({}))
    return sections.find((s) => s.kind === 'serviceConfirmations')!.items.map((i) => i.ref)
  }
  expect(await lines('2026-12-04T23:59:00+08:00')).not.toContain(serviceId)
  expect(await lines('2026-12-05T00:00:00+08:00')).toContain(serviceId)
})

test('a branch whose secretary transferred away is listed as without a secretary; staffed ones are not', async () => {
  const unstaffed = async (admin: string) =>
    dataOf(await as(admin, DEC_1).todo.community({})).sections.find(
      (s) => s.kind === 'unstaffedBranches',
    )!
  expect(await unstaffed(ADMIN)).toMatchObject({ count: 0, items: [] })
  // branch-6's secretary moves to branch-8: the community admin releases them (they are branch-6's only
  // secretary), branch-8's secretary accepts.
  const { transfer } = dataOf(
    await as('demo-secretary-6', DEC_1).member.requestTransfer({
      toBranchId: 'branch-8',
      reason: '工作单位变动，到新单位工作',
      standing: 'full',
      duesPaidUntil: '2026-11',
    }),
  )
  dataOf(await as(ADMIN, DEC_1).member.releaseTransfer({ transferId: transfer.id }))
  dataOf(await as('demo-secretary-8', DEC_1).member.acceptTransfer({ transferId: transfer.id }))

  const { total, sections } = dataOf(await as(ADMIN, DEC_1).todo.community({}))
  const listed = sections.find((s) => s.kind === 'unstaffedBranches')!
  expect(listed).toMatchObject({
    count: 1,
    own: true,
    items: [
      {
        id: 'branch-6',
        ref: 'branch-6',
        title: '长宁区律师行业党支部',
        note: '尚无支部书记',
      },
    ],
  })
  expect(total).toBeGreaterThanOrEqual(1)
  // The other community's admin does not see it.
  expect((await unstaffed('demo-community-admin-1')).count).toBe(0)
})
