// WeChat's privacy flow: the consent sheet on the register page, asked for before the form and whenever
// WeChat needs consent (app.ts → wx.onNeedPrivacyAuthorization).
import type { PrivacyResolve } from '../../miniprogram/utils/privacy'
import { newPerson, textOf, until, usePages, type PageComponent, type Rendered } from './harness'

const wxPrivacy = wx as unknown as Record<
  'getPrivacySetting' | 'navigateBack' | 'navigateTo' | 'onNeedPrivacyAuthorization',
  jest.Mock
>

const { show } = usePages(['register', 'privacy'], { seed: false })
let needConsent: (resolve: PrivacyResolve) => void

beforeAll(async () => {
  // Launch the real app.ts and keep what it registered with WeChat.
  wxPrivacy.onNeedPrivacyAuthorization = jest.fn()
  Object.assign(globalThis, { App: (app: { onLaunch(): void }) => app.onLaunch() })
  require('../../miniprogram/app')
  needConsent = wxPrivacy.onNeedPrivacyAuthorization.mock.calls[0][0]
})

const sheetOf = (page: Rendered) => page.querySelector('#privacy-sheet')!
const sheetShown = (page: Rendered) => !!sheetOf(page).querySelector('.privacy-sheet')

async function shown(needAuthorization: boolean): Promise<PageComponent<'register'>> {
  wxPrivacy.getPrivacySetting.mockImplementationOnce((options) => {
    options.success({ needAuthorization, errMsg: 'getPrivacySetting:ok' })
  })
  return show('register', newPerson().openid)
}

test('a user who has not consented sees the privacy sheet before the register form', async () => {
  const page = await shown(true)
  expect(sheetShown(page)).toBe(true)
  expect(sheetOf(page).dom.textContent).toContain('隐私保护指引')
})

test('a user who has consented is not asked again', async () => {
  const page = await shown(false)
  expect(sheetShown(page)).toBe(false)
})

test('agreeing with WeChat’s button closes the sheet', async () => {
  const page = await shown(true)
  sheetOf(page).querySelector('.privacy-agree')!.dispatchEvent('agreeprivacyauthorization')
  await until(() => !sheetShown(page), 'the sheet to close')
  expect(sheetShown(page)).toBe(false)
})

test('the guide says what the community admin sees of a member’s report: no phone number', async () => {
  const page = await show('privacy', newPerson().openid)
  const line = textOf(page, '.who-community-report')
  expect(line).toContain('小区或网格、特长、服务意愿和服务时长')
  // community.branchRecord, for the branch's officers (tests/functions/community-branch-record.test.ts).
  expect(line).toContain(
    '本支部书记（以及查看本支部情况的社区管理员和区委组织部）能看到您报到的社区',
  )
  expect(line).toContain('不含手机号')
})

test('the guide names 税后月收入: collected for dues, and who sees it before and after confirmation', async () => {
  const page = await show('privacy', newPerson().openid)
  expect(textOf(page, '.collect-dues')).toContain('税后月收入')
  // Who reads it: dues.register (secretary, community admin, district admin) shows a declared base until it
  // is confirmed, then only the amount (tests/functions/privacy-guide.test.ts).
  const line = textOf(page, '.who-dues')
  expect(line).toContain(
    '本支部书记、所在社区的管理员和区委组织部查看党费交纳登记时能看到申报的数额',
  )
  expect(line).toContain('确认后登记表和导出的表格只显示每月应交的党费金额')
})

test('the guide says what people outside a branch see of its news: the branch, commenters’ surnames', async () => {
  // tests/functions/privacy-guide.test.ts checks the interact function does this.
  const page = await show('privacy', newPerson().openid)
  const line = textOf(page, '.who-news')
  expect(line).toContain('看到的发布人是支部名称，评论人只显示姓氏，如 赵**')
})

test('the guide link opens the 隐私保护指引 page', async () => {
  const page = await shown(true)
  wxPrivacy.navigateTo.mockClear()
  sheetOf(page).querySelector('.privacy-link')!.dispatchEvent('tap')
  await until(() => wxPrivacy.navigateTo.mock.calls.length > 0, 'the guide to open')
  expect(wxPrivacy.navigateTo).toHaveBeenCalledWith(
    expect.objectContaining({ url: '/pages/privacy/index' }),
  )
})

test('when WeChat needs consent the sheet shows, and agreeing lets the waiting API go on', async () => {
  const page = await shown(false)
  const resolve = jest.fn()
  needConsent(resolve)
  await until(() => sheetShown(page), 'the sheet')
  expect(sheetShown(page)).toBe(true)
  expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })

  sheetOf(page).querySelector('.privacy-agree')!.dispatchEvent('agreeprivacyauthorization')
  await until(() => resolve.mock.calls.length > 1, 'the agreement to reach the waiting API')
  expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'agree-privacy' })
  expect(sheetShown(page)).toBe(false)
})

test('disagreeing fails the waiting API and leaves the form', async () => {
  const page = await shown(false)
  const resolve = jest.fn()
  needConsent(resolve)
  await until(() => sheetShown(page), 'the sheet')
  wxPrivacy.navigateBack.mockClear()
  sheetOf(page).querySelector('.privacy-disagree')!.dispatchEvent('tap')
  await until(() => wxPrivacy.navigateBack.mock.calls.length > 0, 'leaving the form')
  expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
  expect(wxPrivacy.navigateBack).toHaveBeenCalled()
  expect(sheetShown(page)).toBe(false)
})
