import { dataOf } from '../support/cloud'
import { memberMe, newPerson, pointPagesAt, tap, textOf, until, wxMock, usePages } from './harness'

const { cloud, show } = usePages(['home'])

test('a guest is invited to register and still sees the district’s organisation', async () => {
  const page = await show('home', newPerson().openid)

  expect(textOf(page, '.guest-card')).toContain('欢迎来到两新互动')
  tap(page, '.register-button')
  await until(() => wxMock.navigateTo.mock.calls.length > 0, 'navigation')
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/register/index' })
  expect(page.data.treeStatus).toBe('ready')
})

test('a member is greeted by name with their community and branch, and the tree marks their branch', async () => {
  const page = await show('home', 'demo-member-1')
  const me = await memberMe(cloud, 'demo-member-1')

  expect(textOf(page, '.greeting')).toBe(`${me.name}，你好`)
  expect(textOf(page, '.my-place')).toBe(`${me.communityName} · ${me.branchName}`)
  expect(page.querySelectorAll('.my-branch')).toHaveLength(1)
})

test('the tree summary shows every community and branch with the server’s member counts', async () => {
  const page = await show('home', 'demo-member-1')
  const { root } = dataOf(await cloud.as('demo-member-1').org.tree())
  const branches = root.children.flatMap((community) => community.children)

  expect(textOf(page, '.tree-summary')).toBe(
    `${root.name}：${root.children.length} 个社区（街道）党委，${branches.length} 个支部，${root.memberCount} 名党员`,
  )
  expect(page.querySelectorAll('.community-card')).toHaveLength(root.children.length)
  expect(page.querySelectorAll('.branch-row')).toHaveLength(branches.length)
  expect(page.data.communities[0].branches[0].memberCount).toBe(
    root.children[0].children[0].memberCount,
  )
})

test('without a network the page says so, and 重试 recovers once it is back', async () => {
  pointPagesAt('http://127.0.0.1:9') // the discard port: nothing listens there
  const page = await show('home', 'demo-member-1')

  expect(page.data.meStatus).toBe('error')
  expect(textOf(page, '.state-error')).toContain('网络不可用，请稍后重试')

  pointPagesAt(cloud.url)
  tap(page, '.state-retry')
  await until(() => page.data.meStatus === 'ready' && page.data.treeStatus === 'ready', 'recovery')
  expect(page.querySelector('.state-error')).toBeUndefined()
})

test('a resident’s home leads with the 微心愿 actions instead of the party organisation', async () => {
  const page = await show('home', 'demo-resident-2')

  expect(textOf(page, '.resident-wish')).toBe('我有一个心愿')
  expect(textOf(page, '.resident-mine')).toBe('看看我的心愿')
  expect(page.querySelector('.tree-section')).toBeUndefined()
})
