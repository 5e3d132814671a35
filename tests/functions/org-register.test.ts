// The organisation register through the real SDK: communities and branches created, edited and retired by the
// admins who keep them (a community admin their own community's, as a missing id elsewhere), retiring a branch
// refused while members are in it until they are moved, and coverage figures equal to a recount of the register.
import { rows } from '../../cloudfunctions/_shared/db'
import type { OrgDoc, OrganizationDoc } from '../../cloudfunctions/_shared/records'
import type { Reply } from '../../typings/common'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()

const NOW = '2026-03-10T10:00:00+08:00'
const as = (openid: string) => cloud.as(openid, { now: NOW })
const district = () => as('demo-district-admin')
const xinhua = () => as('demo-community-admin-1')
const jiangsu = () => as('demo-community-admin-2')
let drafts = 0
const draftId = () => `register-draft-${++drafts}`

/** The reply with what a missing id gets in its place: the same code and message. */
const refusal = (r: Reply<unknown>) => (r.ok ? 'ok' : `${r.code} ${r.message}`)
/** Nothing stored changes while `run` runs. */
async function changesNothing(run: () => Promise<unknown>) {
  const before = cloud.app.store.version
  await run()
  expect(cloud.app.store.version - before).toBe(0)
}

const ORG = {
  communityId: 'community-xinhua',
  name: '上海星河数据科技有限公司',
  kind: 'enterprise',
  industry: '数据服务',
  address: '长宁区番禺路 88 号',
  employees: 50,
  partyMembers: 4,
  coverage: 'none',
  instructor: { name: '陈立新', phone: '13300009999' },
} as const

describe('communities and branches', () => {
  test('a district admin creates a community; a retried create stores it once; a community admin may not', async () => {
    const input = { draftId: draftId(), name: '华阳路街道社区综合党委' }
    const { community } = dataOf(await district().org.createCommunity(input))
    expect(dataOf(await district().org.createCommunity(input)).community.id).toBe(community.id)
    expect(await cloud.docs<OrgDoc>('orgs', { name: input.name })).toHaveLength(1)
    await changesNothing(async () =>
      expect(
        refusal(await xinhua().org.createCommunity({ draftId: draftId(), name: '周家桥街道' })),
      ).toMatch(/^PERMISSION_DENIED/),
    )
    const tree = dataOf(await as('anyone').org.tree()).root
    expect(tree.children.map((c) => c.name)).toContain('华阳路街道社区综合党委')
    // Same name again: refused, nothing stored.
    await changesNothing(async () =>
      expect(
        refusal(await district().org.createCommunity({ draftId: draftId(), name: input.name })),
      ).toBe('CONFLICT 本区已有同名社区'),
    )
  })

  test("a community admin creates and edits branches in their community; another community's are as missing", async () => {
    const { branch } = dataOf(
      await xinhua().org.createBranch({
        draftId: draftId(),
        communityId: 'community-xinhua',
        name: '新华路园区联合党支部',
        branchType: '园区',
      }),
    )
    expect(branch).toMatchObject({ branchType: '园区', memberCount: 0, retired: null })
    const edited = dataOf(
      await xinhua().org.updateBranch({
        branchId: branch.id,
        name: '新华路创意园区党支部',
        branchType: '园区',
      }),
    )
    expect(edited.branch.name).toBe('新华路创意园区党支部')
    const register = dataOf(await xinhua().org.register({})).communities
    expect(register.map((c) => c.id)).toEqual(['community-xinhua'])
    expect(register[0].branches.map((b) => b.name)).toContain('新华路创意园区党支部')

    // jiangsu's admin: xinhua's branch and community answer exactly as missing ones, and nothing changes.
    await changesNothing(async () => {
      const edit = { name: '改名', branchType: '独立' } as const
      expect(refusal(await jiangsu().org.updateBranch({ branchId: branch.id, ...edit }))).toBe(
        refusal(await jiangsu().org.updateBranch({ branchId: 'no-such-branch', ...edit })),
      )
      expect(refusal(await jiangsu().org.retireBranch({ branchId: 'branch-1' }))).toBe(
        'NOT_FOUND 该支部不存在',
      )
      const create = { draftId: draftId(), name: '越界支部', branchType: '联合' } as const
      expect(
        refusal(await jiangsu().org.createBranch({ communityId: 'community-xinhua', ...create })),
      ).toBe(refusal(await jiangsu().org.createBranch({ communityId: 'no-such', ...create })))
      expect(refusal(await jiangsu().org.register({ communityId: 'community-xinhua' }))).toBe(
        'NOT_FOUND 该社区不存在',
      )
      expect(
        refusal(
          await jiangsu().org.updateOrganization({ organizationId: 'branch-1-org-1', ...ORG }),
        ),
      ).toBe('NOT_FOUND 该两新组织不存在')
      // Bad input: refused before anything is read.
      expect(
        refusal(
          await xinhua().org.updateBranch({ branchId: branch.id, name: 'x', branchType: '园区' }),
        ),
      ).toMatch(/^INVALID_ARGUMENT/)
    })
  })

  test('retiring a branch with members is refused, naming how many, until they are moved; then it is kept, retired', async () => {
    const { branch } = dataOf(
      await xinhua().org.createBranch({
        draftId: draftId(),
        communityId: 'community-xinhua',
        name: '番禺路楼宇党支部',
        branchType: '楼宇',
      }),
    )
    // demo-member-20 moves in: released by branch-1's secretary, accepted by the community admin (no secretary).
    const letter = {
      reason: '工作单位搬入楼宇',
      standing: 'full',
      duesPaidUntil: '2026-02',
    } as const
    const moveIn = dataOf(
      await as('demo-member-20').member.requestTransfer({ toBranchId: branch.id, ...letter }),
    ).transfer
    dataOf(await as('demo-secretary-1').member.releaseTransfer({ transferId: moveIn.id }))
    dataOf(await xinhua().member.acceptTransfer({ transferId: moveIn.id }))

    await changesNothing(async () =>
      expect(refusal(await xinhua().org.retireBranch({ branchId: branch.id }))).toBe(
        'CONFLICT 该支部还有 1 名党员，请先将他们转出后再撤销',
      ),
    )
    // Moved back out, the branch may be retired: kept with when and by whom, out of the tree.
    const moveOut = dataOf(
      await as('demo-member-20').member.requestTransfer({ toBranchId: 'branch-1', ...letter }),
    ).transfer
    dataOf(await xinhua().member.releaseTransfer({ transferId: moveOut.id }))
    dataOf(await as('demo-secretary-1').member.acceptTransfer({ transferId: moveOut.id }))
    const { retired } = dataOf(await xinhua().org.retireBranch({ branchId: branch.id }))
    expect(retired).toEqual({ at: new Date(NOW).toISOString(), by: expect.any(String) })
    const stored = await cloud.doc<OrgDoc>('orgs', branch.id)
    expect(stored).toMatchObject({ name: '番禺路楼宇党支部', level: 'branch' })
    expect(stored?.retiredAt).toBeTruthy()
    const tree = dataOf(await as('anyone').org.tree()).root
    expect(tree.children.flatMap((c) => c.children).map((b) => b.id)).not.toContain(branch.id)
    const listed = dataOf(await xinhua().org.register({})).communities[0].branches
    expect(listed.find((b) => b.id === branch.id)?.retired).toEqual(retired)
    // Retired: no second retirement, no edits.
    expect(refusal(await xinhua().org.retireBranch({ branchId: branch.id }))).toBe(
      'CONFLICT 该支部已撤销',
    )
  })

  test('a branch covering organisations is not retired until they are covered otherwise; a community with branches is not', async () => {
    const { branch } = dataOf(
      await xinhua().org.createBranch({
        draftId: draftId(),
        communityId: 'community-xinhua',
        name: '定西路小微企业联合党支部',
        branchType: '联合',
      }),
    )
    const covered = {
      ...ORG,
      name: '上海定西文创有限公司',
      partyMembers: 1,
      coverage: 'joint' as const,
      branchId: branch.id,
    }
    const { organization } = dataOf(
      await xinhua().org.createOrganization({ draftId: draftId(), ...covered }),
    )
    await changesNothing(async () => {
      expect(refusal(await xinhua().org.retireBranch({ branchId: branch.id }))).toBe(
        'CONFLICT 该支部还覆盖 1 家两新组织，请先调整它们的覆盖情况',
      )
      expect(refusal(await xinhua().org.retireBranch({ branchId: 'branch-2' }))).toBe(
        'CONFLICT 该支部还有 4 名党员，请先将他们转出后再撤销',
      )
      expect(
        refusal(await district().org.retireCommunity({ communityId: 'community-jiangsu' })),
      ).toBe('CONFLICT 该社区还有 4 个支部，请先撤销或调整后再撤销社区')
    })
    const { branchId: _, ...uncovered } = { ...covered, coverage: 'none' as const }
    dataOf(await xinhua().org.updateOrganization({ organizationId: organization.id, ...uncovered }))
    // A transfer on its way in holds the branch open until it is settled.
    const letter = { reason: '工作单位变动', standing: 'full', duesPaidUntil: '2026-02' } as const
    const { transfer } = dataOf(
      await as('demo-member-22').member.requestTransfer({ toBranchId: branch.id, ...letter }),
    )
    expect(refusal(await xinhua().org.retireBranch({ branchId: branch.id }))).toBe(
      'CONFLICT 该支部有 1 份组织关系接转正在办理，请办结后再撤销',
    )
    dataOf(await as('demo-member-22').member.withdrawTransfer({ transferId: transfer.id }))
    // Without a secretary it is on the district's 待办 until it is retired.
    const unstaffed = async () =>
      dataOf(await district().todo.district({})).sections.find((s) => s.kind === 'unstaffed')!.count
    const open = await unstaffed()
    expect(dataOf(await xinhua().org.retireBranch({ branchId: branch.id })).retired).not.toBeNull()
    expect(await unstaffed()).toBe(open - 1)
    // Retired, it takes nobody new: neither a registration nor a transfer.
    expect(
      refusal(
        await as('register-late').member.register({
          kind: 'member',
          name: '许文博',
          phone: '13912340022',
          branchId: branch.id,
        }),
      ),
    ).toBe('NOT_FOUND 所选支部不存在')
    expect(
      refusal(
        await as('demo-member-22').member.requestTransfer({ toBranchId: branch.id, ...letter }),
      ),
    ).toBe('NOT_FOUND 该支部不存在')
  })
})

/** The coverage figures recounted straight from the stored register. */
async function recount(communityId?: string) {
  const all = await rows<OrganizationDoc>(cloud.db.collection('organizations').limit(1000))
  const orgs = all.filter((o) => !communityId || o.communityId === communityId)
  const n = (p: (o: OrganizationDoc) => boolean) => orgs.filter(p).length
  return {
    total: orgs.length,
    own: n((o) => o.coverage === 'own'),
    joint: n((o) => o.coverage === 'joint'),
    none: n((o) => o.coverage === 'none'),
    flagged: n((o) => o.partyMembers >= 3 && o.coverage !== 'own'),
    stale: n((o) => new Date(o.updatedAt) < new Date('2026-01-01T00:00:00+08:00')),
  }
}

describe('两新 organisations and coverage', () => {
  test('coverage figures for the district and each community match a recount, before and after edits', async () => {
    const check = async () => {
      const figures = dataOf(await district().org.coverage({}))
      expect(figures.quarter).toBe('2026-Q1')
      expect(figures.total).toMatchObject(await recount())
      for (const c of figures.communities) expect(c).toMatchObject(await recount(c.communityId))
      expect(figures.flagged.map((o) => o.id).sort()).toEqual(
        (await rows<OrganizationDoc>(cloud.db.collection('organizations').limit(1000)))
          .filter((o) => o.partyMembers >= 3 && o.coverage !== 'own')
          .map((o) => o._id)
          .sort(),
      )
      return figures
    }
    const before = await check()
    // The demo register: an uncovered one with 3 party members and a joint-covered one with 4 are flagged.
    expect(before.flagged.map((o) => o.name).sort()).toEqual(
      ['上海晨光电子商务有限公司', '上海知行文化传播有限公司'].sort(),
    )
    const { organization } = dataOf(
      await xinhua().org.createOrganization({ draftId: draftId(), ...ORG }),
    )
    expect(organization).toMatchObject({ flagged: true, stale: false, coverageText: '未覆盖' })
    // Covered by branch-2 (联合) now; the stale entry 小确幸 updated this quarter.
    dataOf(
      await xinhua().org.updateOrganization({
        organizationId: organization.id,
        ...ORG,
        coverage: 'joint',
        branchId: 'branch-2',
        partyMembers: 2,
      }),
    )
    const after = await check()
    expect(after.total.total).toBe(before.total.total + 1)
    expect(after.total.joint).toBe(before.total.joint + 1)
    // A community admin sees their own community's figures only.
    const mine = dataOf(await xinhua().org.coverage({}))
    expect(mine.communities.map((c) => c.communityId)).toEqual(['community-xinhua'])
    expect(mine.total).toMatchObject(await recount('community-xinhua'))
    // A branch's roster lists the organisations it covers.
    const roster = dataOf(await xinhua().org.organizations({ branchId: 'branch-2' }))
    expect(roster.branch?.name).toBe('番禺路小微企业联合党支部')
    expect(roster.organizations.map((o) => o.name)).toContain(ORG.name)
  })

  test('an organisation that does not add up is refused and nothing is stored', async () => {
    await changesNothing(async () => {
      const create = (o: Record<string, unknown>) =>
        xinhua().org.createOrganization({ draftId: draftId(), ...ORG, ...o } as never)
      expect(refusal(await create({ partyMembers: 60 }))).toBe(
        'INVALID_ARGUMENT 党员人数不能多于从业人数',
      )
      expect(refusal(await create({ coverage: 'own' }))).toBe(
        'INVALID_ARGUMENT 已覆盖的请选择所在党组织，未覆盖的无需选择',
      )
      // Its own party organisation is an 独立 branch, not the 联合 branch-2.
      expect(refusal(await create({ coverage: 'own', branchId: 'branch-2' }))).toBe(
        'INVALID_ARGUMENT 单独建立的党组织应选择独立党支部',
      )
      // A branch of another community is as missing to xinhua's admin.
      expect(refusal(await create({ coverage: 'joint', branchId: 'branch-5' }))).toBe(
        'NOT_FOUND 该支部不存在',
      )
    })
  })
})
