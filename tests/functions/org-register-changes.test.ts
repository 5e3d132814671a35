// Merging a branch into another through the real SDK, in the middle of a month: its members, those awaiting
// approval and its organisations move, it is retired (kept), the move is logged; every counter stays equal to
// a recount of the ledger and settlement finds no difference, with the members ranking in the branch they
// joined from the merge on, and the merge (or move) in each moved member's history. Refused: another
// community's admin (as missing ids), transfers in flight.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberMonthDoc } from '../../cloudfunctions/_shared/month-counters'
import type { MemberDoc, OrgDoc, OrganizationDoc } from '../../cloudfunctions/_shared/records'
import type { Reply } from '../../typings/common'
import { dataOf, useTestCloud } from '../support/cloud'
import { settledMonth } from '../support/fixtures'
import { balances } from './ledger-fixtures'

const cloud = useTestCloud()

const APRIL = '2026-04'
const at = (day: number) => `2026-04-${String(day).padStart(2, '0')}T10:00:00+08:00`
const as = (openid: string, day = 4) => cloud.as(openid, { now: at(day) })
const ADMIN = 'demo-community-admin-1'
// branch-4 (新华社区社会组织联合党支部): demo-member-56..63 and demo-secretary-4; branch-2: 31..33.
const MERGED = 'demo-member-56'
const member = async (openid: string) =>
  (await cloud.doc<MemberDoc>('members', memberIdOf(openid)))!

describe('merging branch-4 into branch-2 mid-month', () => {
  beforeAll(async () => {
    for (const day of [2, 3]) dataOf(await as(MERGED, day).checkin.checkIn({}))
    dataOf(await as('demo-member-31', 3).checkin.checkIn({}))
    // Someone waiting for branch-4's approval moves too.
    dataOf(
      await as('merge-applicant', 3).member.register({
        kind: 'member',
        name: '韩雨婷',
        phone: '13912340056',
        branchId: 'branch-4',
      }),
    )
  }, 60_000)

  test("another community's admin gets missing ids; a transfer in flight holds the merge back", async () => {
    const before = cloud.app.store.version
    const refused = await as('demo-community-admin-2').org.mergeBranches({
      fromBranchId: 'branch-4',
      intoBranchId: 'branch-2',
    })
    expect(refused).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '该支部不存在' })
    expect(
      await as(ADMIN).org.mergeBranches({ fromBranchId: 'branch-4', intoBranchId: 'branch-4' }),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', message: '请选择另一个支部合并' })
    expect(cloud.app.store.version - before).toBe(0)

    const letter = { reason: '工作单位变动', standing: 'full', duesPaidUntil: '2026-03' } as const
    const { transfer } = dataOf(
      await as('demo-member-57').member.requestTransfer({ toBranchId: 'branch-1', ...letter }),
    )
    expect(
      await as(ADMIN).org.mergeBranches({ fromBranchId: 'branch-4', intoBranchId: 'branch-2' }),
    ).toMatchObject({
      code: 'CONFLICT',
      message: '该支部有 1 份组织关系接转正在办理，请办结后再合并',
    })
    dataOf(await as('demo-member-57').member.withdrawTransfer({ transferId: transfer.id }))
  })

  test('members, the applicant and the organisations move; the branch is retired, kept and logged', async () => {
    const merged = dataOf(
      await as(ADMIN).org.mergeBranches({ fromBranchId: 'branch-4', intoBranchId: 'branch-2' }),
    )
    // 8 members, the secretary and the applicant.
    expect(merged).toMatchObject({ moved: 10, retired: { at: new Date(at(4)).toISOString() } })
    expect(await member(MERGED)).toMatchObject({ branchId: 'branch-2', status: 'active' })
    expect(await member('merge-applicant')).toMatchObject({
      branchId: 'branch-2',
      status: 'pending',
    })
    // branch-4's secretary joins branch-2 as a member (branch-2 keeps its own secretary).
    expect(await member('demo-secretary-4')).toMatchObject({ branchId: 'branch-2', roles: [] })
    expect(await cloud.doc<OrgDoc>('orgs', 'branch-4')).toMatchObject({
      level: 'branch',
      mergedInto: 'branch-2',
      retiredAt: expect.anything(),
    })
    const orgs = await cloud.docs<OrganizationDoc>('organizations', { branchId: 'branch-2' })
    expect(orgs.map((o) => o.name)).toEqual(
      expect.arrayContaining(['新华路街道阳光志愿者协会', '长宁区乐龄养老服务中心']),
    )
    expect(await cloud.docs('org_changes', { fromBranchId: 'branch-4' })).toHaveLength(1)
    const tree = dataOf(await as('anyone').org.tree()).root
    expect(tree.children[0].children.map((b) => b.id)).not.toContain('branch-4')
    expect(tree.children[0].children.find((b) => b.id === 'branch-2')?.memberCount).toBe(4 + 9)
    // Each moved member's history shows the merge, dated, with who decided it (joined from org_changes).
    const { entries } = dataOf(await as(MERGED, 5).member.history({ memberId: memberIdOf(MERGED) }))
    expect(entries.map((e) => [e.kind, e.branchName])).toEqual([
      ['joined', '新华社区社会组织联合党支部'],
      ['merged', '番禺路小微企业联合党支部'],
    ])
    expect(entries[1]).toEqual({
      kind: 'merged',
      at: new Date(at(4)).toISOString(),
      fromBranchName: '新华社区社会组织联合党支部',
      branchName: '番禺路小微企业联合党支部',
      by: (await member(ADMIN)).name,
    })
    // A member of the branch merged into did not move.
    const stayed = dataOf(
      await as('demo-member-31', 5).member.history({ memberId: memberIdOf('demo-member-31') }),
    )
    expect(stayed.entries.map((e) => e.kind)).toEqual(['joined'])
    // Merged once: again is refused, nothing moves.
    expect(
      await as(ADMIN).org.mergeBranches({ fromBranchId: 'branch-4', intoBranchId: 'branch-2' }),
    ).toMatchObject({ code: 'CONFLICT', message: '该支部已撤销' })
  })

  test('points stay where they were earned; the month settles with no difference and ranks as it did live', async () => {
    for (const day of [5, 6]) dataOf(await as(MERGED, day).checkin.checkIn({}))
    const counters = await cloud.docs<MemberMonthDoc>('member_months', {
      memberId: memberIdOf(MERGED),
      month: APRIL,
    })
    expect(counters.map((c) => [c.branchId, c.counts.checkin, !!c.closed]).sort()).toEqual([
      ['branch-2', 2, false],
      ['branch-4', 2, true],
    ])
    const { counters: held, ledger } = await balances(cloud, APRIL)
    expect(held).toEqual(ledger)

    const ranked = async (day?: number) => {
      const ask = day ? as(ADMIN, day) : cloud.as(ADMIN)
      const { branches } = dataOf(
        await ask.stats.branchRanking({
          month: APRIL,
          scope: 'community',
          communityId: 'community-xinhua',
        }),
      )
      return branches.map((b) => [b.branchId, b.score, b.activeMembers])
    }
    const live = await ranked(20)
    // branch-2 ranks the merged member's 2 check-ins since the merge (2 points each) beside member-31's one.
    expect(live.find(([id]) => id === 'branch-2')?.slice(1)).toEqual([6, 13])
    expect(live.map(([id]) => id)).not.toContain('branch-4')
    const summary = await settledMonth(cloud, APRIL)
    expect(summary.differences).toBe(0)
    expect(await ranked()).toEqual(live)
    const after = await balances(cloud, APRIL)
    expect(after.counters).toEqual(after.ledger)
  })
})

describe('moving branch-3 to community-jiangsu mid-month', () => {
  const MAY = '2026-05'
  const may = (openid: string, day: number) =>
    cloud.as(openid, { now: `2026-05-${String(day).padStart(2, '0')}T10:00:00+08:00` })
  const ranking = async (communityId: string, day?: number) => {
    const ask = day ? may('demo-district-admin', day) : cloud.as('demo-district-admin')
    const { branches } = dataOf(
      await ask.stats.branchRanking({ month: MAY, scope: 'community', communityId }),
    )
    return branches.map((b) => [b.branchId, b.score, b.activeMembers])
  }

  beforeAll(async () => {
    dataOf(await cloud.trigger<Reply<unknown>>('stats', 'openMonth', '2026-05-01T02:00:00+08:00'))
    for (const day of [2, 3]) dataOf(await may('demo-member-34', day).checkin.checkIn({}))
  }, 60_000)

  test('only a district admin moves a branch; the whole month counts in the new community', async () => {
    const before = cloud.app.store.version
    expect(
      await may(ADMIN, 10).org.moveBranch({
        branchId: 'branch-3',
        toCommunityId: 'community-jiangsu',
      }),
    ).toMatchObject({ code: 'PERMISSION_DENIED' })
    expect(
      await may('demo-district-admin', 10).org.moveBranch({
        branchId: 'branch-3',
        toCommunityId: 'community-xinhua',
      }),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', message: '该支部已在这个社区' })
    expect(cloud.app.store.version - before).toBe(0)

    const moved = dataOf(
      await may('demo-district-admin', 10).org.moveBranch({
        branchId: 'branch-3',
        toCommunityId: 'community-jiangsu',
      }),
    )
    // 22 members and the secretary.
    expect(moved).toEqual({
      branchId: 'branch-3',
      communityId: 'community-jiangsu',
      members: 23,
      month: MAY,
    })
    dataOf(await may('demo-member-34', 11).checkin.checkIn({}))
    expect(await cloud.doc<OrgDoc>('orgs', 'branch-3')).toMatchObject({
      parentId: 'community-jiangsu',
      communityId: 'community-jiangsu',
    })
    expect(await member('demo-member-34')).toMatchObject({ communityId: 'community-jiangsu' })
    // The move is in the history of each member of branch-3 (read by them and by the branch's secretary), not
    // in that of a member elsewhere (the merged member, now in branch-2).
    const moved34 = dataOf(
      await may('demo-secretary-3', 11).member.history({ memberId: memberIdOf('demo-member-34') }),
    )
    expect(moved34.entries.map((e) => e.kind)).toEqual(['joined', 'moved'])
    expect(moved34.entries[1]).toEqual({
      kind: 'moved',
      at: new Date('2026-05-10T10:00:00+08:00').toISOString(),
      branchName: '新华大厦楼宇党支部',
      fromCommunityName: '新华路街道社区综合党委',
      communityName: '江苏路街道社区综合党委',
      by: (await member('demo-district-admin')).name,
    })
    const merged = dataOf(await may(MERGED, 11).member.history({ memberId: memberIdOf(MERGED) }))
    expect(merged.entries.map((e) => e.kind)).toEqual(['joined', 'merged'])
    // The new community's admin oversees it now; the old one's does not.
    expect(
      dataOf(await may('demo-community-admin-2', 11).org.register({})).communities[0].branches.map(
        (b) => b.id,
      ),
    ).toContain('branch-3')
    expect(
      await may(ADMIN, 11).org.updateBranch({
        branchId: 'branch-3',
        name: '新华大厦楼宇党支部',
        branchType: '楼宇',
      }),
    ).toMatchObject({ code: 'NOT_FOUND' })

    // May's 3 check-ins (2 points each), before the move and after, rank in jiangsu; none in xinhua.
    const jiangsu = await ranking('community-jiangsu', 20)
    expect(jiangsu.find(([id]) => id === 'branch-3')).toEqual(['branch-3', 6, 23])
    expect((await ranking('community-xinhua', 20)).map(([id]) => id)).not.toContain('branch-3')
    const { counters: held, ledger } = await balances(cloud, MAY)
    expect(held).toEqual(ledger)

    const summary = await settledMonth(cloud, MAY)
    expect(summary.differences).toBe(0)
    expect(await ranking('community-jiangsu')).toEqual(jiangsu)
    // April, settled before the move, keeps branch-3 in xinhua.
    const { branches } = dataOf(
      await cloud
        .as('demo-district-admin')
        .stats.branchRanking({ month: APRIL, scope: 'community', communityId: 'community-xinhua' }),
    )
    expect(branches.map((b) => b.branchId)).toContain('branch-3')
  })
})
