// The custom tab bar: each role's tabs (members and officers five, residents 首页 · 心愿 · 我的, guests 首页 ·
// 我的), redrawn as soon as a page learns who is signed in, the page's own tab marked, labels ≥ 16 px in 长辈模式.
import fs from 'fs'
import path from 'path'
import {
  type Rendered,
  handled,
  newPerson,
  tabBarOf,
  tap,
  textOf,
  until,
  usePages,
  wxMock,
} from './harness'

const { open, show } = usePages(['home', 'wish-wall', 'mine', 'interact'])

const labels = (bar: Rendered) =>
  bar.querySelectorAll('.tabbar-text').map((t) => t.dom?.textContent?.trim() ?? '')
const barOf = (page: Rendered) => {
  const bar = tabBarOf(page)
  if (!bar) throw new Error('the page has no tab bar')
  return bar
}
async function tabsOf(page: Rendered, expected: string[]) {
  const bar = barOf(page)
  await until(() => labels(bar).join() === expected.join(), `the tabs ${expected.join(' · ')}`)
  return bar
}

afterEach(() => wx.setStorageSync('elderMode', false))

test('a resident sees 首页 · 心愿 · 我的, a member five tabs, a guest 首页 · 我的, each as their profile loads', async () => {
  await tabsOf(await show('home', 'demo-member-1'), ['首页', '互动', '组织生活', '心愿', '我的'])
  await tabsOf(await show('home', 'demo-resident-1'), ['首页', '心愿', '我的'])
  await tabsOf(await show('mine', newPerson().openid), ['首页', '我的'])
  await tabsOf(await show('mine', 'demo-secretary-1'), ['首页', '互动', '组织生活', '心愿', '我的'])
  await tabsOf(await show('home', 'demo-district-admin'), [
    '首页',
    '互动',
    '组织生活',
    '心愿',
    '我的',
  ])
})

test('a tab page marks its own tab; another tab switches there', async () => {
  const wall = await show('wish-wall', 'demo-resident-1')
  const bar = await tabsOf(wall, ['首页', '心愿', '我的'])
  expect(bar.querySelector('.tabbar-on .tabbar-text')?.dom?.textContent).toBe('心愿')

  await handled(bar, 'onTab', () => tap(bar, '#tab-mine'))
  expect(wxMock.switchTab).toHaveBeenLastCalledWith({ url: '/pages/mine/index' })
})

test('the tab bar opens with the role this phone last saw, before the profile loads', async () => {
  await tabsOf(await show('mine', 'demo-member-1'), ['首页', '互动', '组织生活', '心愿', '我的'])
  // Before anyone's profile has come back, the five tabs are there on the first frame.
  const page = open('interact', 'demo-member-2')
  expect(labels(barOf(page))).toHaveLength(5)
  await until(() => page.data.status !== 'loading', 'the page to load')
})

test('报到, no longer a tab, is on 我的 for a member in good standing', async () => {
  expect(textOf(await show('mine', 'demo-member-1'), '.link-checkin')).toBe('每日报到')
  expect((await show('mine', 'demo-resident-1')).querySelector('.link-checkin')).toBeUndefined()
})

test('长辈模式 makes the labels 18 px (≥ 16 px) and is taken on each show', async () => {
  wx.setStorageSync('elderMode', true)
  const bar = barOf(await show('home', 'demo-resident-1'))
  expect(bar.querySelector('.tabbar-elder')).toBeDefined()
  const wxss = fs.readFileSync(
    path.join(__dirname, '../../miniprogram/custom-tab-bar/index.wxss'),
    'utf8',
  )
  const elderSize = /\.tabbar-elder \.tabbar-text \{[^}]*font-size: (\d+)rpx/.exec(wxss)?.[1]
  // 750rpx is the screen's width, 375 px on the phones the gallery shoots.
  expect(Number(elderSize) / 2).toBeGreaterThanOrEqual(16)
})
