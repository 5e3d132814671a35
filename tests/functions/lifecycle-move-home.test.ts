// A member who moves home, through the real SDK: reporting to another community is asked first, then ends the
// old report (kept in the history, with dates); the new community's roster lists them, the old one's no longer
// (hours stay where they were earned), the wish wall follows, and sign-ups for services still ahead in the old
// community are withdrawn with their slots given back.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { LedgerEntry } from '../../cloudfunctions/_shared/ledger'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_JIANGSU, ADMIN_XINHUA, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)

const MOVER = 'demo-member-20'
const day = (d: number) => `2026-12-${String(d).padStart(2, '0')}T10:00:00+08:00`
const as = (openid: string, d: number) => cloud.as(openid, { now: day(d) })
const FORM = { area: '新华路 211 弄', willingness: ['便民服务' as const] }
const reportTo = (communityId: string, d: number, move?: boolean) =>
  as(MOVER, d).community.report({ communityId, ...FORM, ...(move ? { move } : {}) })

async function post(title: string, date: string) {
  const { service } = dataOf(
    await as(ADMIN_JIANGSU, 1).community.postService({
      title,
      kind: '志愿活动',
      category: '便民服务',
      date,
      place: '江苏路街道党群服务中心',
      slots: 5,
    }),
  )
  return service.id
}
const roster = async (admin: string, d: number) =>
  dataOf(await as(admin, d).community.roster({ month: '2026-12' })).members.map((m) => [
    m.memberId,
    m.hours,
  ])
/** The communities of the wishes on the mover's wall. */
const wall = async (d: number) => [
  ...new Set(dataOf(await as(MOVER, d).wish.list({})).wishes.map((c) => c.communityId)),
]

test('moving home: asked first, then the report, roster, wall and sign-ups follow', async () => {
  await w.published('demo-resident-1', ADMIN_XINHUA)
  await w.published('demo-resident-2', ADMIN_JIANGSU)
  dataOf(await reportTo('community-jiangsu', 1))
  const held = await post('助老送餐', '2026-12-03')
  const ahead = await post('社区义诊', '2026-12-20')
  dataOf(await as(MOVER, 1).community.signup({ serviceId: held }))
  dataOf(await as(MOVER, 1).community.signup({ serviceId: ahead }))
  dataOf(
    await as(ADMIN_JIANGSU, 3).community.confirmService({
      serviceId: held,
      cards: [{ memberId: memberIdOf(MOVER), hours: 3, rating: 5, comment: '' }],
    }),
  )
  expect(await roster(ADMIN_JIANGSU, 4)).toContainEqual([memberIdOf(MOVER), 3])
  expect(await wall(4)).toEqual(['community-jiangsu'])

  // Without the member's confirmation nothing changes.
  expect(await reportTo('community-xinhua', 5)).toMatchObject({ ok: false, code: 'CONFLICT' })
  expect(await cloud.doc('community_reports', memberIdOf(MOVER))).toMatchObject({
    communityId: 'community-jiangsu',
  })

  const moved = dataOf(await reportTo('community-xinhua', 5, true))
  expect(moved).toMatchObject({
    report: { communityId: 'community-xinhua', state: 'current' },
    movedFrom: { communityId: 'community-jiangsu' },
    withdrawn: [{ serviceId: ahead, title: '社区义诊', date: '2026-12-20' }],
  })
  // The slot ahead is given back; the served one stays confirmed where it was earned, in the ledger too.
  expect(await cloud.doc('service_posts', ahead)).toMatchObject({ signedUp: 0 })
  expect(await cloud.docs('service_signups', { memberId: memberIdOf(MOVER) })).toEqual([
    expect.objectContaining({
      serviceId: held,
      status: 'confirmed',
      communityId: 'community-jiangsu',
    }),
  ])
  expect(
    await cloud.docs<LedgerEntry>('participation_ledger', {
      memberId: memberIdOf(MOVER),
      rule: 'serviceHours',
    }),
  ).toEqual([expect.objectContaining({ ref: held, units: 3 })])

  // The new community's roster lists them (no hours there yet), the old one's no longer; the wall follows.
  expect(await roster(ADMIN_XINHUA, 6)).toContainEqual([memberIdOf(MOVER), 0])
  expect((await roster(ADMIN_JIANGSU, 6)).map(([id]) => id)).not.toContain(memberIdOf(MOVER))
  expect(await wall(6)).toEqual(['community-xinhua'])
  expect(await as(MOVER, 6).community.signup({ serviceId: ahead })).toMatchObject({
    ok: false,
    code: 'PERMISSION_DENIED',
  })
  expect(
    await as(ADMIN_JIANGSU, 6).community.remindReport({ memberId: memberIdOf(MOVER) }),
  ).toMatchObject({ ok: false, code: 'NOT_FOUND' })

  // The history keeps the old report with its dates; the hours served there still count as theirs.
  const record = dataOf(await as(MOVER, 6).community.myRecord({}))
  expect(record.history).toEqual([
    expect.objectContaining({ communityName: '新华路街道社区综合党委', endedAt: null }),
    expect.objectContaining({
      communityName: '江苏路街道社区综合党委',
      reportedAt: '2026-12-01T02:00:00.000Z',
      endedAt: '2026-12-05T02:00:00.000Z',
    }),
  ])
  expect(record.totalHours).toBe(3)

  // Reporting again where they now live needs no confirmation and withdraws nothing more.
  expect(dataOf(await reportTo('community-xinhua', 7))).toMatchObject({
    movedFrom: null,
    withdrawn: [],
  })
})
