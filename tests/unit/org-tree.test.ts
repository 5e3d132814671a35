import { buildTree } from '../../cloudfunctions/org/src/tree'
import { buildDemoDistrict } from '../../emulator/scripts/demo-district'

describe('org tree', () => {
  const demo = buildDemoDistrict()
  const active = new Map<string, number>()
  for (const m of demo.members) {
    if (m.branchId && m.status === 'active')
      active.set(m.branchId, (active.get(m.branchId) ?? 0) + 1)
  }
  const root = buildTree(demo.orgs, demo.organizations, active)!

  test('district → communities → branches, in their declared order', () => {
    expect(root.level).toBe('district')
    expect(root.children.map((c) => c.level)).toEqual(['community', 'community'])
    const branches = root.children.flatMap((c) => c.children)
    expect(branches).toHaveLength(8)
    expect(branches.every((b) => b.level === 'branch' && b.children.length === 0)).toBe(true)
    expect(new Set(branches.map((b) => b.branchType))).toEqual(
      new Set(['独立', '联合', '楼宇', '园区', '行业']),
    )
  })

  test('member counts add up from branches to the district', () => {
    const sum = root.children.reduce((s, c) => s + c.memberCount, 0)
    expect(root.memberCount).toBe(sum)
    expect(root.memberCount).toBe([...active.values()].reduce((s, n) => s + n, 0))
  })

  test('each branch carries its 两新 organisations', () => {
    const branch = root.children[0].children[1]
    expect(branch.organizations?.length).toBe(3)
  })

  test('no district record means no tree', () => {
    expect(buildTree([], [], new Map())).toBeNull()
  })
})

describe('demo district', () => {
  const demo = buildDemoDistrict()
  const openids = demo.members.map((m) => m.openid)

  test('has the users the README promises', () => {
    for (let i = 1; i <= 120; i++) expect(openids).toContain(`demo-member-${i}`)
    for (let i = 1; i <= 8; i++) expect(openids).toContain(`demo-secretary-${i}`)
    expect(openids).toEqual(
      expect.arrayContaining([
        'demo-district-admin',
        'demo-community-admin-1',
        'demo-community-admin-2',
      ]),
    )
    expect(demo.residents.map((r) => r.openid)).toContain('demo-resident-10')
    expect(new Set(demo.members.map((m) => m._id)).size).toBe(demo.members.length)
  })

  test('demo-member-1 is in demo-secretary-1’s branch and every seeded member is active', () => {
    const byOpenid = new Map(demo.members.map((m) => [m.openid, m]))
    expect(byOpenid.get('demo-member-1')!.branchId).toBe(byOpenid.get('demo-secretary-1')!.branchId)
    expect(demo.members.every((m) => m.status === 'active')).toBe(true)
  })
})
