// 长辈模式: the switch in 我的 is remembered in storage and every page's <page-meta> style follows it.
import { type PageComponent, until, usePages } from './harness'

const { show } = usePages(['mine', 'home'])

const mine = (openid: string) => show('mine', openid)
/** 首页 as `openid`, loaded, so that nothing renders after the test ends. */
const home = (openid: string) => show('home', openid)

async function toggle(page: PageComponent<'mine'>, value: boolean) {
  page.querySelector('.elder-switch')!.dispatchEvent('change', { detail: { value } })
  await until(() => page.data.elder === value, '长辈模式 to switch')
}

test('turning on 长辈模式 in 我的 stores it and enlarges this page and the next', async () => {
  const page = await mine('demo-resident-1')
  expect(page.data.elder).toBe(false)
  expect(page.data.pageStyle).toBe('')

  await toggle(page, true)
  expect(wx.getStorageSync('elderMode')).toBe(true)
  expect(page.data.pageStyle).toContain('--font-md: 40rpx')

  expect((await home('demo-resident-1')).data.pageStyle).toContain('--font-md: 40rpx')
  // Shown again later, 我的 remembers the switch.
  expect((await mine('demo-resident-1')).data.elder).toBe(true)
})

test('turning it off restores the normal type on every page', async () => {
  const page = await mine('demo-member-1')
  await toggle(page, true)
  await toggle(page, false)
  expect(wx.getStorageSync('elderMode')).toBe(false)
  expect(page.data.pageStyle).toBe('')
  expect((await home('demo-member-1')).data.pageStyle).toBe('')
})
