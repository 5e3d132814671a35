// Residents have no 互动 tab (首页 · 心愿 · 我的), so 诉求 is reached from their 首页 and 我的.
import { textOf, usePages } from './harness'

const { show } = usePages(['home', 'mine'])

test('a resident reaches 诉求 from 首页 and 我的; a member keeps it on 互动', async () => {
  const home = await show('home', 'demo-resident-4')
  expect(textOf(home, '.resident-appeal')).toBe('遇到其他困难，可以向社区提诉求')

  const mine = await show('mine', 'demo-resident-4')
  expect(textOf(mine, '.link-my-appeals')).toBe('我的诉求')

  const member = await show('mine', 'demo-member-7')
  expect(member.querySelector('.link-my-appeals')).toBeUndefined()
})
