// 长辈模式: the switch in 我的 is remembered in storage; every page's <page-meta> style and its root's `elder` class
// follow it, so app.wxss re-flows and trims the page (tests/emulator/elder-styles.test.ts checks those rules).
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'
import { type PageComponent, type Rendered, until, usePages } from './harness'

const { cloud, show } = usePages(['mine', 'home', 'wish-wall', 'wish/mine'])

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
  expect(rootClass(page)).toContain('elder')

  const next = await home('demo-resident-1')
  expect(next.data.pageStyle).toContain('--font-md: 40rpx')
  expect(rootClass(next)).toContain('elder')
  // Shown again later, 我的 remembers the switch.
  expect((await mine('demo-resident-1')).data.elder).toBe(true)
})

test('turning it off restores the normal type on every page', async () => {
  const page = await mine('demo-member-1')
  await toggle(page, true)
  await toggle(page, false)
  expect(wx.getStorageSync('elderMode')).toBe(false)
  expect(page.data.pageStyle).toBe('')
  expect(rootClass(page)).not.toContain('elder')
  expect((await home('demo-member-1')).data.pageStyle).toBe('')
})

const rootClass = (page: Rendered) => page.querySelector('.page')!.dom.className
const classOf = (page: Rendered, selector: string) => page.querySelector(selector)!.dom.className

test('in 长辈模式 the wish wall puts each status above its title and hides the intro and the filters', async () => {
  const wishId = await wishes(cloud).published(RESIDENT, ADMIN_XINHUA, {
    title: '想请人陪我去医院',
    description: '周三上午',
  })
  wx.setStorageSync('elderMode', true)
  const wall = await show('wish-wall', RESIDENT)
  expect(rootClass(wall)).toContain('elder')
  expect(classOf(wall, `#wish-${wishId} .row-between`)).toContain('elder-stack')
  expect(classOf(wall, `#wish-${wishId} .wish-status`)).toContain('elder-first')
  expect(classOf(wall, '.category-bar')).toContain('elder-hide')
  // The chips are chips, with the one chosen style.
  expect(classOf(wall, '.category-bar .chip')).toContain('chosen')

  const mine = await show('wish/mine', RESIDENT)
  expect(rootClass(mine)).toContain('elder')
  expect(classOf(mine, `#mine-${wishId}`)).toContain('elder-stack')
})

test('in 长辈模式 我的 hides a resident’s secondary lines (phone, registering as a member)', async () => {
  wx.setStorageSync('elderMode', true)
  const page = await mine(RESIDENT)
  expect(rootClass(page)).toContain('elder')
  expect(classOf(page, '.link-register-member')).toContain('elder-hide')
  expect(page.querySelectorAll('.resident-card .elder-hide')).toHaveLength(1)
})
