// The emulator's web console, end to end in Debian's chromium driven by playwright-core.
import { type Browser, type Page, chromium } from 'playwright-core'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { type TestCloud, dataOf, startTestCloud } from '../support/cloud'

let cloud: TestCloud
let browser: Browser
let page: Page

beforeAll(async () => {
  cloud = await startTestCloud()
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})

const openTab = (label: string) => page.click(`nav button:has-text("${label}")`)

test('loads and lists collections with their document counts; documents page read-only', async () => {
  await page.goto(`${cloud.url}/`)
  await page.waitForSelector('.collection[data-name="members"]')
  expect(await page.textContent('.collection[data-name="members"]')).toMatch(/members\s*\d+/)
  await page.click('.collection[data-name="orgs"]')
  await page.waitForSelector('.doc')
  expect(await page.textContent('#doc-head')).toMatch(/^orgs：共 11 条，第 1–11 条$/)
  expect(await page.locator('.doc').count()).toBe(11)
})

test('shows a function call made during the test, with caller, action and result', async () => {
  dataOf(await cloud.as('demo-member-1').checkin.checkIn())
  await openTab('调用日志')
  const row = page.locator('.call-row', { hasText: 'checkIn' }).first()
  await row.waitFor()
  const text = await row.textContent()
  expect(text).toContain('checkin')
  expect(text).toContain('demo-member-1')
  expect(text).toContain('OK')
})

test('云支付 lists an order a function made and pays it: the result reaches the function', async () => {
  // An order for a month long past: paid now, it is late, so no 按时交纳 points move the rankings below.
  const then = { now: '2026-01-10T10:00:00+08:00' }
  const member = 'demo-member-16'
  dataOf(await cloud.as(member, then).dues.declareBase({ kind: 'salary', baseFen: 500_000 }))
  dataOf(
    await cloud.as('demo-secretary-1', then).dues.confirmBase({ memberId: memberIdOf(member) }),
  )
  const { outTradeNo } = dataOf(await cloud.as(member, then).dues.pay({ month: '2026-01' }))
  await openTab('云支付')
  const row = page.locator('.pay-row', { hasText: outTradeNo })
  await row.waitFor()
  expect(await row.textContent()).toContain('50.00')
  await row.locator('.pay-order', { hasText: '支付成功' }).click()
  await page.locator('#pay-result', { hasText: '"errcode": 0' }).waitFor()
  await page
    .locator('.pay-row', { hasText: outTradeNo })
    .locator('.pay-state', { hasText: '已支付' })
    .waitFor()
  expect(await cloud.docs('dues_payments', { memberId: memberIdOf(member) })).toEqual([
    expect.objectContaining({ month: '2026-01', onTime: false }),
  ])
})

test('lists timer triggers and runs one from its button', async () => {
  await openTab('定时触发器')
  const row = page.locator('.trigger-row').first()
  await row.waitFor()
  const before = await cloud.calls(1000)
  await row.locator('.run-trigger').click()
  await page.locator('#trigger-result', { hasText: '运行完成' }).waitFor()
  const after = await cloud.calls(1000)
  expect(after.length).toBe(before.length + 1)
})

test('shows this month’s branch and member rankings as bars, read through the stats function', async () => {
  dataOf(await cloud.as('demo-member-2').checkin.checkIn())
  await openTab('本月排行')
  await page.locator('#branch-bars .bar-row').first().waitFor()
  expect(await page.locator('#branch-bars .bar-row').count()).toBe(8)
  await page.selectOption('#ranking-branch', 'branch-1')
  await page.locator('#member-bars .bar-row').first().waitFor()
  const members = await page.locator('#member-bars .bar-row').allTextContents()
  expect(members.length).toBe(2)
  expect(members[0]).toMatch(/^1\. .+\d+ 分$/)
  // The month's work in slices, read through stats.monthProgress as the district admin.
  await cloud.trigger('stats', 'openMonth')
  await page.click('#refresh-rankings')
  await page.locator('#month-work', { hasText: '已完成' }).waitFor()
  expect(await page.textContent('#month-work')).toMatch(
    /^开启计数 \d{4}-\d{2}：已完成 (\d+)\/\1 片 · 结算 \d{4}-\d{2}：未开始$/,
  )
})
