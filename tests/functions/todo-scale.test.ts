// The officers' 待办 at a district's size: 1,200 more branches (ten communities; the first has 300 branches and
// 1,200 sessions since last quarter), seeded straight into the emulator's store. Every branch is judged and each
// count is exact, where reads of at most 1000 rows judged part of the district (or of the community).
import type { TodoSection } from '../../typings/index'
import type { SessionType } from '../../typings/orglife'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'

const NOW = '2026-05-20T10:00:00+08:00'
const cloud = useTestCloud()
const section = (todo: { sections: TodoSection[] }, kind: TodoSection['kind']) =>
  todo.sections.find((s) => s.kind === kind)!
const counts = (todo: { sections: TodoSection[] }) =>
  Object.fromEntries(todo.sections.map((s) => [s.kind, s.count]))

const BRANCHES = 1200
/** The 1,100th branch: no secretary, no 三会一课 since last quarter (one cancelled, one too old). */
const LAST = 1099
/** The 300th, last of the first community: behind on 三会一课 too. */
const LAGGING = 299
/** The last 120 branches never posted news (the rest posted this month). */
const QUIET_FROM = 1080
const TYPES: SessionType[] = ['committee', 'groupMeeting', 'branchAssembly', 'partyLecture']
const communityOf = (b: number) => (b < 300 ? 0 : 1 + Math.floor((b - 300) / 100))
const branchId = (b: number) => `scale-b${String(b).padStart(4, '0')}`
const secretary = (b: number) => `scale-secretary-${b}`
const ADMIN = 'scale-admin-0'

beforeAll(() => {
  const at = (iso: string) => new Date(iso)
  const ops: { c: string; put: Record<string, unknown> }[] = []
  const member = (openid: string, fields: object) =>
    ops.push({
      c: 'members',
      put: {
        _id: memberIdOf(openid),
        openid,
        name: openid,
        phone: '13900000000',
        status: 'active',
        createdAt: at('2025-01-01T00:00:00+08:00'),
        updatedAt: at('2025-01-01T00:00:00+08:00'),
        ...fields,
      },
    })
  for (let c = 0; c < 10; c++) {
    const communityId = `scale-c${c}`
    ops.push({
      c: 'orgs',
      put: {
        _id: communityId,
        name: `测试社区${c}`,
        level: 'community',
        parentId: 'district-changning',
        communityId,
        sort: 100 + c,
        createdAt: at('2025-01-01T00:00:00+08:00'),
      },
    })
    member(`scale-admin-${c}`, {
      roles: ['communityAdmin'],
      branchId: null,
      communityId: null,
      adminCommunityId: communityId,
    })
  }
  // The demo district's 8 branches held every 三会一课, so the lagging lines are the seeded ones.
  const held = (id: string, communityId: string) =>
    TYPES.forEach((type) =>
      ops.push({
        c: 'orglife_sessions',
        put: {
          _id: `scale-s-${id}-${type}`,
          branchId: id,
          communityId,
          type,
          topic: '例会',
          status: 'closed',
          opensAt: at('2026-05-05T19:00:00+08:00'),
          closesAt: at('2026-05-05T21:00:00+08:00'),
          createdAt: at('2026-05-01T09:00:00+08:00'),
        },
      }),
    )
  for (let n = 1; n <= 8; n++)
    held(`branch-${n}`, n <= 3 ? 'community-xinhua' : 'community-jiangsu')
  for (let b = 0; b < BRANCHES; b++) {
    const communityId = `scale-c${communityOf(b)}`
    ops.push({
      c: 'orgs',
      put: {
        _id: branchId(b),
        name: `测试支部${b + 1}`,
        level: 'branch',
        parentId: communityId,
        communityId,
        branchType: '独立',
        sort: b,
        createdAt: at('2025-01-01T00:00:00+08:00'),
        lastNewsAt: b >= QUIET_FROM ? null : at('2026-05-10T09:00:00+08:00'),
      },
    })
    if (b !== LAST)
      member(secretary(b), { roles: ['secretary'], branchId: branchId(b), communityId })
    if (b !== LAST && b !== LAGGING) held(branchId(b), communityId)
  }
  for (const [type, status, opensAt] of [
    ['committee', 'cancelled', '2026-05-06T19:00:00+08:00'],
    ['branchAssembly', 'closed', '2025-12-10T19:00:00+08:00'],
  ])
    ops.push({
      c: 'orglife_sessions',
      put: {
        _id: `scale-s-last-${type}`,
        branchId: branchId(LAST),
        communityId: `scale-c${communityOf(LAST)}`,
        type,
        topic: '例会',
        status,
        opensAt: at(opensAt),
        closesAt: at(opensAt),
        createdAt: at(opensAt),
      },
    })
  // The first community: 1,100 sign-ups waiting on one service; 120 transfers waiting at a staffed branch, then
  // the 6th branch's secretary asking to leave (theirs to release is nobody's but the admin's).
  for (let n = 0; n < 1100; n++)
    ops.push({
      c: 'service_signups',
      put: {
        _id: `scale-signup-${n}`,
        serviceId: 'scale-service',
        communityId: 'scale-c0',
        title: '测试服务',
        place: '社区中心',
        date: '2026-05-10',
        month: '2026-05',
        memberId: `scale-mover-${n}`,
        name: `党员${n}`,
        status: 'signed',
        cancelled: false,
        createdAt: at('2026-05-01T09:00:00+08:00'),
      },
    })
  const side = (b: number) => ({
    branchId: branchId(b),
    branchName: `测试支部${b + 1}`,
    communityId: 'scale-c0',
  })
  const transfer = (id: string, memberId: string, from: number, day: string) =>
    ops.push({
      c: 'transfers',
      put: {
        _id: id,
        memberId,
        name: memberId,
        from: side(from),
        to: side(1),
        state: 'requested',
        createdAt: at(`${day}T09:00:00+08:00`),
        updatedAt: at(`${day}T09:00:00+08:00`),
      },
    })
  for (let n = 0; n < 120; n++) transfer(`scale-transfer-${n}`, `scale-mover-${n}`, 0, '2026-04-01')
  transfer('scale-transfer-secretary', memberIdOf(secretary(5)), 5, '2026-05-15')
  // The first branch keeps 1,100 dues profiles of members long gone; its secretary's declared base is the last.
  for (let n = 0; n <= 1100; n++)
    ops.push({
      c: 'dues_profiles',
      put: {
        _id: `scale-dues-${String(n).padStart(4, '0')}`,
        memberId: n < 1100 ? `scale-gone-${n}` : memberIdOf(secretary(0)),
        branchId: branchId(0),
        declared: n < 1100 ? null : { kind: 'fixed', at: at('2026-05-18T09:00:00+08:00') },
        history: [],
        updatedAt: at('2026-05-18T09:00:00+08:00'),
      },
    })
  // Past the old cap of 99 lines: 130 appeals the first community let run past due, 150 wishes to review.
  for (let n = 0; n < 130; n++)
    ops.push({
      c: 'appeals',
      put: {
        _id: `scale-appeal-${n}`,
        requesterId: `scale-resident-${n}`,
        requesterKind: 'resident',
        requesterName: '居民',
        requesterOpenid: `scale-resident-${n}`,
        category: '卫生保健',
        text: '希望社区安排健康讲座。',
        images: [],
        branchId: null,
        communityId: 'scale-c0',
        level: 'community',
        status: 'submitted',
        answer: null,
        rating: null,
        timeline: [],
        createdAt: at('2026-05-01T09:00:00+08:00'),
        updatedAt: at('2026-05-01T09:00:00+08:00'),
        dueAt: at('2026-05-08T09:00:00+08:00'),
      },
    })
  for (let n = 0; n < 150; n++)
    ops.push({
      c: 'wishes',
      put: {
        _id: `scale-wish-${n}`,
        communityId: 'scale-c0',
        title: `心愿${n}`,
        category: '服务',
        status: '待审核',
        createdAt: at('2026-05-02T09:00:00+08:00'),
      },
    })
  cloud.app.store.apply(ops as never, false)
  cloud.app.store.rebuildIndexes()
})

describe('todo.district over 1,200 more branches', () => {
  test('finds the 1,100th branch without a secretary and behind on 三会一课; every count is exact', async () => {
    const todo = dataOf(await cloud.as('demo-district-admin', { now: NOW }).todo.district({}))
    expect(counts(todo)).toMatchObject({
      unstaffed: 1,
      // The 120 seeded branches that never posted and the demo district's 8: past the old cap of 99.
      staleBranches: 128,
      branchCadence: 2,
      overdueAppeals: 130,
    })
    expect(section(todo, 'staleBranches').capped).toBe(false)
    expect(section(todo, 'overdueAppeals').capped).toBe(false)
    expect(section(todo, 'unstaffed').items.map((i) => [i.id, i.note])).toEqual([
      [branchId(LAST), '测试社区8 · 尚无支部书记'],
    ])
    // District order: the first community's last branch, then the 1,100th.
    expect(section(todo, 'branchCadence').items.map((i) => [i.id, i.note])).toEqual([
      [branchId(LAGGING), '支委会、党小组会、支部党员大会、党课 上期未召开，本期还没有安排'],
      [branchId(LAST), '支委会、党小组会、支部党员大会、党课 上期未召开，本期还没有安排'],
    ])
  })

  test('as many round trips as in the demo district, and one count for the list that came back full', async () => {
    const { meta } = await cloud.measure('demo-district-admin', { now: NOW }).todo.district({})
    // 9 as in district-todo, whatever the number of branches; the overdue appeals' first 100 are then counted.
    expect(meta.dbRoundTrips).toBe(9 + 1)
  })
})

describe('todo.community over 300 branches and 1,200 sessions since last quarter', () => {
  test('only the 300th branch is behind on 三会一课, exactly counted', async () => {
    const todo = dataOf(await cloud.as(ADMIN, { now: NOW }).todo.community({}))
    expect(section(todo, 'branchCadence')).toMatchObject({ count: 1, capped: false })
    expect(section(todo, 'branchCadence').items.map((i) => i.id)).toEqual([branchId(LAGGING)])
    expect(section(todo, 'staleBranches').count).toBe(0)
  })

  test('1,100 sign-ups to confirm are counted, and a transfer past 120 older ones is found', async () => {
    const todo = dataOf(await cloud.as(ADMIN, { now: NOW }).todo.community({}))
    // Lists shown oldest first keep their first lines; the badge counts every one.
    expect(counts(todo)).toMatchObject({ appeals: 130, wishReviews: 150 })
    expect(section(todo, 'serviceConfirmations').items).toEqual([
      expect.objectContaining({
        id: 'scale-service',
        note: '5月10日 · 1100 人待确认服务时长',
        overdue: true,
      }),
    ])
    // The 120 wait at a branch with a secretary; the 6th branch's only secretary is the one leaving.
    expect(section(todo, 'transfers')).toMatchObject({ count: 1, capped: false })
    expect(section(todo, 'transfers').items.map((i) => i.ref)).toEqual([branchId(5)])
  })
})

test("todo.secretary: a declared 党费 base is found among 1,100 of the branch's profiles; 120 transfers counted", async () => {
  const todo = dataOf(await cloud.as(secretary(0), { now: NOW }).todo.secretary({}))
  expect(section(todo, 'duesDeclarations').items.map((i) => i.id)).toEqual([
    memberIdOf(secretary(0)),
  ])
  // The 120 members asking to leave the branch, counted past the first 100 read.
  expect(section(todo, 'transfers')).toMatchObject({ count: 120, capped: false })
})
