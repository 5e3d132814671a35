import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()

const tree = async (openid = 'anyone-at-all') => dataOf(await cloud.as(openid).org.tree()).root

describe('org.tree', () => {
  test('anyone can read the district tree with active member counts', async () => {
    const root = await tree()
    expect(root).toMatchObject({ name: '长宁区', level: 'district' })
    expect(root.children.map((c) => c.name)).toEqual([
      '新华路街道社区综合党委',
      '江苏路街道社区综合党委',
    ])
    const branches = root.children.flatMap((c) => c.children)
    expect(branches).toHaveLength(8)
    // 120 members and 8 secretaries hold branch membership; admins hold none.
    expect(root.memberCount).toBe(128)
    expect(branches[1]).toMatchObject({
      name: '番禺路小微企业联合党支部',
      branchType: '联合',
      memberCount: 4,
    })
  })

  test('an approval shows in the counts', async () => {
    await cloud.as('org-applicant').member.register({
      kind: 'member',
      name: '郑海燕',
      phone: '13900006666',
      branchId: 'branch-2',
    })
    expect((await tree()).memberCount).toBe(128)
    dataOf(
      await cloud.as('demo-secretary-2').member.approve({
        memberId: memberIdOf('org-applicant'),
      }),
    )
    const root = await tree()
    expect(root.memberCount).toBe(129)
    expect(root.children[0].children[1].memberCount).toBe(5)
  })
})

describe('org.branch', () => {
  test('a branch with its community and 两新 organisations', async () => {
    const branch = dataOf(await cloud.as('x').org.branch({ branchId: 'branch-5' }))
    expect(branch).toMatchObject({
      name: '临空经济园区党支部',
      branchType: '园区',
      communityName: '江苏路街道社区综合党委',
      memberCount: 26,
    })
    expect(branch.organizations.map((o) => o.name)).toEqual([
      '上海蓝航信息技术有限公司',
      '上海临空智造有限公司',
    ])
  })

  test('a community id is not a branch', async () => {
    expect(await cloud.as('x').org.branch({ branchId: 'community-xinhua' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
  })

  test('an unknown action answers INVALID_ARGUMENT', async () => {
    expect(await cloud.callAs('x', 'org', 'explode')).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    })
  })
})
