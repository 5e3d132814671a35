import { dataOf } from '../support/cloud'
import {
  APP_PAGES,
  memberMe,
  newPerson,
  tap,
  textOf,
  until,
  wxMock,
  usePages,
  type PageComponent,
} from './harness'

const { cloud, show } = usePages(['mine'])
let branchId: string

beforeAll(async () => {
  branchId = (await memberMe(cloud, 'demo-secretary-1')).branchId
})

/** A new openid that has asked to join demo-secretary-1's branch. */
async function applicant() {
  const person = newPerson()
  dataOf(
    await cloud.as(person.openid).member.register({
      kind: 'member',
      name: person.name,
      phone: person.phone,
      branchId,
    }),
  )
  const me = await memberMe(cloud, person.openid)
  return { ...person, memberId: me.id }
}

async function asSecretary(): Promise<PageComponent<'mine'>> {
  const page = await show('mine', 'demo-secretary-1')
  await until(() => page.data.branchStatus !== 'loading', 'the branch to load')
  return page
}

test('a guest sees a card inviting registration, and its button opens the register page', async () => {
  const page = await show('mine', newPerson().openid)

  expect(page.data.me).toEqual({ kind: 'guest' })
  expect(textOf(page, '.guest-card')).toContain('欢迎来到两新互动')
  tap(page, '.register-button')
  await until(() => wxMock.navigateTo.mock.calls.length > 0, 'navigation')
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/register/index' })
})

test('a member who has just registered sees that the secretary still has to approve', async () => {
  const { openid, name } = await applicant()
  const page = await show('mine', openid)

  expect(textOf(page, '.member-name')).toBe(name)
  expect(textOf(page, '.member-status')).toBe('待审核')
  expect(textOf(page, '.pending-notice')).toContain('等待支部书记审核')
  expect(page.querySelector('.review-section')).toBeUndefined()
})

test('the secretary sees the pending member, and tapping 通过 makes them active', async () => {
  const { openid, name, memberId } = await applicant()
  const page = await asSecretary()

  expect(page.data.pending.map((row) => row.id)).toContain(memberId)
  expect(textOf(page, '.review-section')).toContain(name)

  tap(page, `#approve-${memberId}`)
  await until(
    () => !page.data.pending.some((row) => row.id === memberId),
    'the member to leave the pending list',
  )

  expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已通过', icon: 'success' })
  const me = await memberMe(cloud, openid)
  expect(me.status).toBe('active')
})

test('rejecting with a one-character reason shows the server’s Chinese message and changes nothing', async () => {
  const { openid, memberId } = await applicant()
  const page = await asSecretary()
  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '否' })
  const modalsBefore = wxMock.showModal.mock.calls.length

  tap(page, `#reject-${memberId}`)
  await until(() => wxMock.showModal.mock.calls.length === modalsBefore + 2, 'the failure dialog')

  const refusal = await cloud.as('demo-secretary-1').member.reject({
    memberId,
    reason: '否',
  })
  expect(refusal).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
  const failure = wxMock.showModal.mock.calls[modalsBefore + 1][0]
  expect(failure.content).toBe(refusal.ok ? '' : refusal.message)
  const me = await memberMe(cloud, openid)
  expect(me.status).toBe('pending')
})

test('a rejected applicant sees the secretary’s reason and can register again', async () => {
  const { openid, memberId } = await applicant()
  const secretaryPage = await asSecretary()
  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '支部信息有误' })

  tap(secretaryPage, `#reject-${memberId}`)
  await until(
    () => !secretaryPage.data.pending.some((row) => row.id === memberId),
    'the member to leave the pending list',
  )

  const page = await show('mine', openid)
  expect(textOf(page, '.reject-reason')).toBe('支部信息有误')
  tap(page, '.reregister-button')
  await until(
    () => wxMock.navigateTo.mock.lastCall?.[0]?.url === '/pages/register/index',
    'navigation to register',
  )
})

test('我的 lists no phone numbers inline: members open 支部通讯录, the secretary 党员名册 from 支部工作', async () => {
  const page = await asSecretary()
  expect(page.querySelector('.directory-item')).toBeUndefined()
  expect(textOf(page, '.branch-work .work-directory')).toBe('党员名册')
  expect(page.querySelector('.link-directory')).toBeUndefined()
  expect(textOf(page, '.review-section')).not.toMatch(/1[3-9]\d{9}/)

  const member = await show('mine', 'demo-member-1')
  expect(textOf(member, '.link-directory')).toBe('支部通讯录')
})

/** The 支部工作 card's links as the page renders them: label and where each leads. */
const branchWork = (page: PageComponent<'mine'>) =>
  page.data.branchWork.map(({ key, label, url }) => {
    expect(textOf(page, `.branch-work .work-${key}`)).toBe(label)
    expect(APP_PAGES).toContain(url.slice(1))
    return `${label} ${url}`
  })

test('the secretary’s 支部工作 card leads to every page of the branch’s work', async () => {
  const page = await asSecretary()

  expect(branchWork(page)).toEqual([
    '支部本月情况 /branch/branch-month/index',
    '党员名册 /branch/directory/index',
    '党费交纳登记 /dues/register/index',
    '本支部学习情况 /study/members/index',
    '组织关系接转与办理离开 /officer/transfers/index',
    '发布动态 /branch/news-editor/index',
    '安排组织生活 /branch/orglife-form/index',
    '留言板 /pages/board/index',
    '任免信息员 /officer/info-officers/index',
  ])
})

test('a 信息员 gets only what the office may do: the roll, posting news and the 留言板', async () => {
  const { openid, memberId } = await applicant()
  dataOf(await cloud.as('demo-secretary-1').member.approve({ memberId }))
  dataOf(
    await cloud
      .as('demo-secretary-1')
      .member.setRole({ memberId, role: 'infoOfficer', grant: true, branchId }),
  )
  const page = await show('mine', openid)

  expect(branchWork(page)).toEqual([
    '党员名册 /branch/directory/index',
    '发布动态 /branch/news-editor/index',
    '留言板 /pages/board/index',
  ])
})

test('a member and a community admin see no 支部工作 card', async () => {
  for (const openid of ['demo-member-1', 'demo-community-admin-1']) {
    const page = await show('mine', openid)
    expect(page.data.branchWork).toEqual([])
    expect(page.querySelector('.branch-work')).toBeUndefined()
  }
})

test('an ordinary member sees no review section', async () => {
  const page = await show('mine', 'demo-member-1')

  expect(page.data.isSecretary).toBe(false)
  expect(page.querySelector('.review-section')).toBeUndefined()
  expect(textOf(page, '.member-status')).toBe('已认证')
})
