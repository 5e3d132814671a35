// 长辈模式: the switch in 我的 is remembered in storage and every page's <page-meta> style follows it.
import simulate from 'miniprogram-simulate'
import { startTestCloud, type TestCloud } from '../support/cloud'
import { loadPage, pointPagesAt, showPage, until, type PageComponent } from './harness'

let cloud: TestCloud
let mineId: string
let homeId: string

beforeAll(async () => {
  cloud = await startTestCloud()
  pointPagesAt(cloud.url)
  mineId = loadPage('mine')
  homeId = loadPage('home')
})

afterAll(() => cloud.close())

async function mine(openid: string): Promise<PageComponent> {
  const page = showPage(mineId, openid)
  await until(() => page.data.status === 'ready', '我的 to load')
  return page
}

/** 首页 as `openid`, loaded, so that nothing renders after the test ends. */
async function home(openid: string): Promise<PageComponent> {
  const page = showPage(homeId, openid)
  await until(
    () => page.data.meStatus !== 'loading' && page.data.treeStatus !== 'loading',
    '首页 to load',
  )
  return page
}

async function toggle(page: PageComponent, value: boolean) {
  page.querySelector('.elder-switch')!.dispatchEvent('change', { detail: { value } })
  await simulate.sleep(0)
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
