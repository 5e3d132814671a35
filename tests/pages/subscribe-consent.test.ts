// Consent to subscription messages at the taps that lead to one: asked within the tap (WeChat opens the dialog
// only then) with the template ids configured for that message, and a refusal never stops the action.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES, type TemplateKey } from '../../miniprogram/subscribe-templates'
import { dataOf } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'
import { memberMe, newPerson, tap, until, wxMock, usePages } from './harness'

const { cloud, open, show } = usePages([
  'register',
  'wish/detail',
  'wish/submit',
  'orglife/room',
  'appeal/new',
  'checkin',
  'news-detail',
])

type Options = {
  tmplIds: string[]
  success?: (res: object) => void
  fail?: (res: object) => void
  complete?: (res: object) => void
}
const consent = wx.requestSubscribeMessage as unknown as jest.Mock

/** The user taps 取消 in the dialog: WeChat answers ok, with every template rejected. */
const refuses = (options: Options) => {
  const res = {
    errMsg: 'requestSubscribeMessage:ok',
    ...Object.fromEntries(options.tmplIds.map((id) => [id, 'reject'])),
  }
  options.success?.(res)
  options.complete?.(res)
}

/** The dialog cannot open (the user turned subscriptions off in settings). */
const fails = (options: Options) => {
  const res = {
    errMsg: 'requestSubscribeMessage:fail 用户关闭了主开关，无法进行订阅',
    errCode: 20004,
  }
  options.fail?.(res)
  options.complete?.(res)
}

/**
 * Holds the dialog open after the tap until the test answers it: by then the page has asked, once, for exactly
 * these templates' configured ids, and `notYet` (what the server holds) shows the action has not gone out.
 */
async function dialogFor(keys: TemplateKey[], notYet: () => Promise<void>) {
  await until(() => consent.mock.calls.length > 0, 'the subscription dialog')
  expect(consent).toHaveBeenCalledTimes(1)
  const options = consent.mock.calls[0][0] as Options
  expect(options.tmplIds).toEqual(keys.map((k) => SUBSCRIBE_TEMPLATES[k].id))
  await notYet()
  return (answer: (options: Options) => void) => answer(options)
}

// Each test's dialog stays open until the test answers it.
beforeEach(() => consent.mockReset())

async function registering(answer: (options: Options) => void) {
  const person = newPerson()
  const { communityId, branchId } = await memberMe(cloud, 'demo-member-1')
  const page = await show('register', person.openid)
  const communityIndex = page.data.communities.findIndex((c) => c.id === communityId)
  page.instance.onCommunityChange({ detail: { value: String(communityIndex) } })
  const branchIndex = page.data.branches.findIndex((b) => b.id === branchId)
  page.instance.onBranchChange({ detail: { value: String(branchIndex) } })
  page.instance.onNameInput({ detail: { value: person.name } })
  page.instance.onPhoneInput({ detail: { value: person.phone } })
  const me = async () => dataOf(await cloud.as(person.openid).member.me()).me
  tap(page, '.submit-button')
  const respond = await dialogFor(['memberReviewed'], async () =>
    expect(await me()).toEqual({ kind: 'guest' }),
  )
  respond(answer)
  await until(() => page.data.submitted || page.data.submitError !== '', 'the registration')
  expect(page.data.submitError).toBe('')
  expect(await me()).toMatchObject({ kind: 'member', status: 'pending', branchId })
}

test('registering as a member asks for the review result first; refusing still registers', async () => {
  await registering(refuses)
})

test('when the dialog cannot open at all, the registration still goes through', async () => {
  await registering(fails)
})

test('a resident’s registration, final at once, asks for nothing', async () => {
  const person = newPerson()
  const page = await show('register', person.openid)
  tap(page, '.kind-resident')
  page.instance.onCommunityChange({ detail: { value: '0' } })
  page.instance.onNameInput({ detail: { value: person.name } })
  page.instance.onPhoneInput({ detail: { value: person.phone } })
  const switches = wxMock.switchTab.mock.calls.length
  tap(page, '.submit-button')
  await until(() => wxMock.switchTab.mock.calls.length > switches, 'the switch to 首页')
  expect(consent).not.toHaveBeenCalled()
})

test('claiming a wish asks for the resident’s confirmation first; refusing still claims it', async () => {
  const wishId = await wishes(cloud).published(RESIDENT, ADMIN_XINHUA, {
    title: '想请人帮忙换灯泡',
    description: '够不着',
  })
  const status = async () =>
    dataOf(await cloud.as('demo-member-9').wish.detail({ wishId })).wish.status
  const page = await show('wish/detail', 'demo-member-9', { id: wishId })
  tap(page, '#act-claim')
  const respond = await dialogFor(['wishConfirmed'], async () =>
    expect(await status()).toBe('待认领'),
  )
  respond(refuses)
  await until(() => page.data.wish?.status === '已认领', 'the claim')
  expect(await status()).toBe('已认领')
})

test('submitting a wish asks for the claim and the fulfilment first; refusing still submits it', async () => {
  const titles = async () =>
    dataOf(await cloud.as('demo-resident-5').wish.mine()).asResident.map((w) => w.title)
  const page = open('wish/submit', 'demo-resident-5')
  tap(page, '#category-0')
  page.setData({ title: '想要一副老花镜', description: '看报纸吃力' })
  const redirects = wxMock.redirectTo.mock.calls.length
  tap(page, '.submit-button')
  const respond = await dialogFor(['wishClaimed', 'wishFulfilled'], async () =>
    expect(await titles()).not.toContain('想要一副老花镜'),
  )
  respond(refuses)
  await until(() => wxMock.redirectTo.mock.calls.length > redirects, 'the redirect to the wish')
  expect(await titles()).toContain('想要一副老花镜')
})

test('asking for leave asks for the secretary’s decision first; refusing still sends the request', async () => {
  const hour = 3600 * 1000
  const { session } = dataOf(
    await cloud.as('demo-secretary-1').orglife.createSession({
      type: 'themeDay',
      topic: '主题党日：重温入党誓词',
      materials: { text: '入党誓词', links: [], images: [] },
      opensAt: new Date(Date.now() + 24 * hour).toISOString(),
      closesAt: new Date(Date.now() + 48 * hour).toISOString(),
    }),
  )
  const leaves = async () => {
    const detail = dataOf(
      await cloud.as('demo-secretary-1').orglife.sessionDetail({
        sessionId: session.id,
      }),
    )
    return 'leaves' in detail ? detail.leaves : []
  }
  const page = await show('orglife/room', 'demo-member-7', { id: session.id })
  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '外地出差' })
  tap(page, '.leave-button')
  const respond = await dialogFor(['leaveDecided'], async () => expect(await leaves()).toEqual([]))
  respond(refuses)
  await until(() => page.data.mine.mark === 'leave', 'the leave request')
  expect(await leaves()).toEqual([
    expect.objectContaining({ memberId: memberIdOf('demo-member-7'), reason: '外地出差' }),
  ])
})

test('submitting a 诉求 asks for its progress first; refusing still submits it', async () => {
  const texts = async () =>
    dataOf(await cloud.as('demo-member-12').interact.myAppeals({})).items.map((a) => a.text)
  const page = open('appeal/new', 'demo-member-12')
  tap(page, '#category-0')
  page.instance.onText({ detail: { value: '想了解小微企业贷款贴息政策' } })
  const redirects = wxMock.redirectTo.mock.calls.length
  tap(page, '.submit-appeal')
  const respond = await dialogFor(['appealUpdate'], async () => expect(await texts()).toEqual([]))
  respond(refuses)
  await until(() => wxMock.redirectTo.mock.calls.length > redirects, 'the redirect to 我的诉求')
  expect(await texts()).toEqual(['想了解小微企业贷款贴息政策'])
})

/** 今日报到 as `openid`, the dialog answered with `answer` (none: the API is missing); the check-in lands. */
async function checkingIn(openid: string, answer?: (options: Options) => void) {
  const checkedToday = async () => {
    const month = dataOf(await cloud.as(openid).checkin.myMonth())
    return month.checkedInDays.includes(month.today)
  }
  const page = await show('checkin', openid)
  tap(page, '.checkin-button')
  if (answer) {
    const respond = await dialogFor(
      ['monthlyMinimum', 'sessionOpened', 'closingReminder'],
      async () => expect(await checkedToday()).toBe(false),
    )
    respond(answer)
  }
  await until(() => page.data.checkedToday, 'the check-in')
  expect(await checkedToday()).toBe(true)
  expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '报到成功', icon: 'success' })
}

test('今日报到 asks for the month’s reminders and the sessions’ messages first; refusing still checks in', async () => {
  await checkingIn('demo-member-14', refuses)
})

test('when the dialog cannot open, 今日报到 still checks in', async () => {
  await checkingIn('demo-member-15', fails)
})

test('on a base library without requestSubscribeMessage, 今日报到 checks in without asking', async () => {
  const shim = wx as unknown as { requestSubscribeMessage?: unknown }
  shim.requestSubscribeMessage = undefined
  try {
    await checkingIn('demo-member-16')
  } finally {
    shim.requestSubscribeMessage = consent
  }
  expect(consent).not.toHaveBeenCalled()
})

test('a reply to a comment asks for the replies to it first; refusing still posts it', async () => {
  const newsId = dataOf(
    await cloud.as('demo-secretary-1').interact.postNews({
      draftId: 'consent-news-1',
      title: '支部开展义务植树活动',
      body: '周六上午在社区公园集合',
      visibility: 'branch',
    }),
  ).news.id
  const answered = dataOf(
    await cloud.as('demo-member-2').interact.comment({
      draftId: 'consent-comment-1',
      newsId,
      text: '我报名参加',
    }),
  ).comment.id
  const texts = async () =>
    dataOf(await cloud.as('demo-member-3').interact.listComments({ newsId })).items.flatMap((c) => [
      c.text,
      ...c.replies.map((r) => r.text),
    ])
  const page = await show('news-detail', 'demo-member-3', { id: newsId })
  tap(page, `#reply-${answered}`)
  await until(() => page.data.replyTo === answered, 'the reply box')
  page.instance.onInput({ detail: { value: '我也去，一起带工具' } })
  tap(page, '.send-comment')
  const respond = await dialogFor(['commentReply'], async () =>
    expect(await texts()).toEqual(['我报名参加']),
  )
  respond(refuses)
  await until(() => page.data.draft === '', 'the reply')
  expect(await texts()).toEqual(['我报名参加', '我也去，一起带工具'])
})
