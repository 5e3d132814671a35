// 联合党总支 through the real SDK: a community admin creates one (again with the same draft: the same one), puts
// branches under it and takes them out, renames it; retiring it is refused while branches are under it, as a
// branch with members is; the register groups branches under it; the tree, the coverage figures and the
// community's counts do not change; moving a branch to another community takes it out of its 党总支; a
// community with an open 党总支 is not retired. Refused: another community's admin (as missing ids).
import type { OrgDoc } from '../../cloudfunctions/_shared/records'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()

const ADMIN = 'demo-community-admin-1'
const DISTRICT = 'demo-district-admin'
const NAME = '新华路两新组织联合党总支'
const as = (openid: string) => cloud.as(openid, { now: '2026-04-10T10:00:00+08:00' })
const xinhua = async (openid = ADMIN) =>
  dataOf(await as(openid).org.register({ communityId: 'community-xinhua' })).communities[0]

describe('a 党总支 in community-xinhua', () => {
  let id = ''

  test('created once per draft; the same name again is refused', async () => {
    const draftId = 'general-draft-1'
    const made = dataOf(
      await as(ADMIN).org.createGeneralBranch({
        draftId,
        communityId: 'community-xinhua',
        name: NAME,
      }),
    ).generalBranch
    expect(made).toMatchObject({ name: NAME, retired: null, branchIds: [] })
    id = made.id
    const again = dataOf(
      await as(ADMIN).org.createGeneralBranch({
        draftId,
        communityId: 'community-xinhua',
        name: NAME,
      }),
    )
    expect(again.generalBranch.id).toBe(id)
    expect(await cloud.docs<OrgDoc>('orgs', { level: 'generalBranch' })).toHaveLength(1)
    expect(await cloud.doc<OrgDoc>('orgs', id)).toMatchObject({
      level: 'generalBranch',
      parentId: 'community-xinhua',
      communityId: 'community-xinhua',
      retiredAt: null,
    })

    const before = cloud.app.store.version
    expect(
      await as(ADMIN).org.createGeneralBranch({
        draftId: 'general-draft-2',
        communityId: 'community-xinhua',
        name: NAME,
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT', message: '本社区已有同名党总支' })
    expect(cloud.app.store.version - before).toBe(0)
  })

  test("branches go under it and the register groups them; another community's admin gets missing ids", async () => {
    const [coverageBefore, treeBefore] = await Promise.all([
      as(ADMIN).org.coverage({}),
      as('anyone').org.tree(),
    ])
    for (const branchId of ['branch-3', 'branch-2'])
      expect(dataOf(await as(ADMIN).org.placeBranch({ branchId, generalBranchId: id }))).toEqual({
        branchId,
        generalBranchId: id,
      })

    const community = await xinhua()
    // Its roster in the community's order, and each branch names it.
    expect(community.generalBranches).toEqual([
      { id, name: NAME, retired: null, branchIds: ['branch-2', 'branch-3'] },
    ])
    expect(community.branches.map((b) => [b.id, b.generalBranchId])).toEqual([
      ['branch-1', ''],
      ['branch-2', id],
      ['branch-3', id],
      ['branch-4', ''],
    ])
    // A level of the register only: the tree, the coverage figures and member counts stay as they were;
    // 覆盖情况 shows the 党总支 under its community with what its branches cover (branch-2 3, branch-3 2).
    const coverage = dataOf(await as(ADMIN).org.coverage({}))
    const figuresOf = (c: typeof coverage) => ({
      ...c,
      communities: c.communities.map(({ generalBranches: _, ...f }) => f),
    })
    expect(figuresOf(coverage)).toEqual(figuresOf(dataOf(coverageBefore)))
    expect(coverage.communities[0].generalBranches).toEqual([
      { id, name: NAME, branches: 2, organizations: 5 },
    ])
    expect(await as('anyone').org.tree()).toEqual(treeBefore)

    const before = cloud.app.store.version
    const away = as('demo-community-admin-2')
    const missing = { ok: false, code: 'NOT_FOUND', message: '该党总支不存在' }
    expect(await away.org.updateGeneralBranch({ generalBranchId: id, name: '改名' })).toEqual(
      missing,
    )
    expect(await away.org.retireGeneralBranch({ generalBranchId: id })).toEqual(missing)
    expect(await away.org.placeBranch({ branchId: 'branch-5', generalBranchId: id })).toMatchObject(
      missing,
    )
    // A district admin may, but not with a branch of another community.
    expect(
      await as(DISTRICT).org.placeBranch({ branchId: 'branch-5', generalBranchId: id }),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', message: '只能归入本社区的党总支' })
    expect(cloud.app.store.version - before).toBe(0)
  })

  test('renamed; retiring is refused while branches are under it, then allowed once they are out', async () => {
    const renamed = dataOf(
      await as(ADMIN).org.updateGeneralBranch({ generalBranchId: id, name: '新华路联合党总支' }),
    )
    expect(renamed.generalBranch).toMatchObject({
      name: '新华路联合党总支',
      branchIds: ['branch-2', 'branch-3'],
    })

    const before = cloud.app.store.version
    expect(await as(ADMIN).org.retireGeneralBranch({ generalBranchId: id })).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '该党总支还有 2 个支部，请先将它们移出后再撤销',
    })
    expect(cloud.app.store.version - before).toBe(0)

    // Moving branch-3 to another community takes it out of its 党总支.
    dataOf(
      await as(DISTRICT).org.moveBranch({
        branchId: 'branch-3',
        toCommunityId: 'community-jiangsu',
      }),
    )
    expect(await cloud.doc<OrgDoc>('orgs', 'branch-3')).toMatchObject({ generalBranchId: null })
    expect(await as(ADMIN).org.retireGeneralBranch({ generalBranchId: id })).toMatchObject({
      message: '该党总支还有 1 个支部，请先将它们移出后再撤销',
    })

    expect(
      dataOf(await as(ADMIN).org.placeBranch({ branchId: 'branch-2', generalBranchId: null })),
    ).toEqual({ branchId: 'branch-2', generalBranchId: null })
    const retired = dataOf(await as(ADMIN).org.retireGeneralBranch({ generalBranchId: id }))
    expect(retired).toEqual({
      generalBranchId: id,
      retired: { at: new Date('2026-04-10T10:00:00+08:00').toISOString(), by: expect.any(String) },
    })
    expect((await xinhua()).generalBranches).toEqual([
      { id, name: '新华路联合党总支', retired: retired.retired, branchIds: [] },
    ])
    // Kept, not deleted; nothing goes under it any more.
    expect(await as(ADMIN).org.placeBranch({ branchId: 'branch-2', generalBranchId: id })).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '该党总支已撤销',
    })
    expect(await cloud.doc<OrgDoc>('orgs', id)).toMatchObject({ retiredAt: expect.anything() })
  })

  test('placing a branch and retiring its 党总支 at once never leave a retired 党总支 over an open branch', async () => {
    for (const round of [1, 2, 3, 4]) {
      const { generalBranch: g } = dataOf(
        await as(ADMIN).org.createGeneralBranch({
          draftId: `general-race-${round}`,
          communityId: 'community-xinhua',
          name: `赛跑联合党总支${round}`,
        }),
      )
      const [placed, retired] = await Promise.all([
        as(DISTRICT).org.placeBranch({ branchId: 'branch-1', generalBranchId: g.id }),
        as(ADMIN).org.retireGeneralBranch({ generalBranchId: g.id }),
      ])
      // At most one wins (both may step back when each sees the other), and what is stored says which.
      expect([placed.ok, retired.ok].filter(Boolean).length).toBeLessThanOrEqual(1)
      const [stored, branch] = await Promise.all([
        cloud.doc<OrgDoc>('orgs', g.id),
        cloud.doc<OrgDoc>('orgs', 'branch-1'),
      ])
      expect(!!stored?.retiredAt).toBe(retired.ok)
      expect(branch?.generalBranchId === g.id).toBe(placed.ok)
      if (placed.ok)
        dataOf(await as(ADMIN).org.placeBranch({ branchId: 'branch-1', generalBranchId: null }))
    }
  })

  test('a community with an open 党总支 is not retired until it is', async () => {
    const { community } = dataOf(
      await as(DISTRICT).org.createCommunity({
        draftId: 'community-draft',
        name: '天山路街道社区综合党委',
      }),
    )
    const { generalBranch } = dataOf(
      await as(DISTRICT).org.createGeneralBranch({
        draftId: 'general-draft-3',
        communityId: community.id,
        name: '天山路联合党总支',
      }),
    )
    expect(await as(DISTRICT).org.retireCommunity({ communityId: community.id })).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '该社区还有 1 个党总支，请先撤销后再撤销社区',
    })
    dataOf(await as(DISTRICT).org.retireGeneralBranch({ generalBranchId: generalBranch.id }))
    dataOf(await as(DISTRICT).org.retireCommunity({ communityId: community.id }))
  })
})
