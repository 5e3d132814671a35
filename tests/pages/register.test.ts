import { dataOf } from '../support/cloud'
import {
  cloudMock,
  memberMe,
  newPerson,
  tap,
  textOf,
  until,
  wxMock,
  usePages,
  type PageComponent,
  handled,
} from './harness'

const { cloud, show } = usePages(['register'])
let place: { communityId: string; branchId: string }

beforeAll(async () => {
  const me = await memberMe(cloud, 'demo-member-1')
  place = { communityId: me.communityId, branchId: me.branchId }
})

async function fill(
  page: PageComponent<'register'>,
  form: { name: string; phone: string; branch?: boolean },
) {
  page.querySelector('.field-name')?.dispatchEvent('input', { detail: { value: form.name } })
  page.querySelector('.field-phone')?.dispatchEvent('input', { detail: { value: form.phone } })
  const communityIndex = page.data.communities.findIndex((c) => c.id === place.communityId)
  page.querySelector('.community-picker')?.dispatchEvent('change', {
    detail: { value: String(communityIndex) },
  })
  await until(() => page.data.communityIndex === communityIndex, 'the community to be picked')
  if (form.branch) {
    const branchIndex = page.data.branches.findIndex((b) => b.id === place.branchId)
    page.querySelector('.branch-picker')?.dispatchEvent('change', {
      detail: { value: String(branchIndex) },
    })
    await until(() => page.data.branchIndex === branchIndex, 'the branch to be picked')
  }
}

test('the community and branch pickers offer what org.tree holds', async () => {
  const page = await show('register', newPerson().openid)
  const { root } = dataOf(await cloud.as(newPerson().openid).org.tree())

  expect(page.data.communities.map((c) => c.name)).toEqual(root.children.map((c) => c.name))
  await fill(page, { name: '', phone: '' })
  const community = root.children.find((c) => c.id === place.communityId)
  expect(page.data.branches.map((b) => b.name)).toEqual(community?.children.map((b) => b.name))
})

test('a guest registers as a party member and is told the secretary will review it', async () => {
  const person = newPerson()
  const page = await show('register', person.openid)

  await fill(page, { ...person, branch: true })
  tap(page, '.submit-button')
  await until(() => page.data.submitted || page.data.submitError !== '', 'the registration')

  expect(page.data.submitError).toBe('')
  expect(textOf(page, '.submitted-title')).toBe('已提交，等待支部书记审核')
  const { me } = dataOf(await cloud.as(person.openid).member.me())
  expect(me).toMatchObject({ kind: 'member', status: 'pending', branchId: place.branchId })
})

test('a resident registers into a community and lands on 首页', async () => {
  const person = newPerson()
  const page = await show('register', person.openid)
  const switches = wxMock.switchTab.mock.calls.length

  await handled(page, 'onKindTap', () => tap(page, '.kind-resident'))
  expect(page.querySelector('.branch-picker')).toBeUndefined()
  await fill(page, person)
  tap(page, '.submit-button')
  await until(() => wxMock.switchTab.mock.calls.length > switches, 'the switch to 首页')

  expect(wxMock.switchTab).toHaveBeenLastCalledWith({ url: '/pages/home/index' })
  const { me } = dataOf(await cloud.as(person.openid).member.me())
  expect(me).toMatchObject({ kind: 'resident', communityId: place.communityId })
})

test('a wrong phone number and a missing branch are caught before anything is sent', async () => {
  const person = newPerson()
  const page = await show('register', person.openid)
  const calls = cloudMock.callFunction.mock.calls.length

  await fill(page, { name: person.name, phone: '1380013' })
  await handled(page, 'onSubmit', () => tap(page, '.submit-button'))

  expect(textOf(page, '.phone-error')).toBe('请输入 11 位手机号')
  expect(textOf(page, '.place-error')).toBe('请选择所在支部')
  expect(cloudMock.callFunction.mock.calls.length).toBe(calls)
})

test('when the server refuses, its Chinese message is shown as is', async () => {
  const page = await show('register', 'demo-member-1')
  const form = { name: '重复登记', phone: '13900000001' }

  await fill(page, { ...form, branch: true })
  tap(page, '.submit-button')
  await until(() => page.data.submitError !== '' || page.data.submitted, 'the refusal')

  const refusal = await cloud.as('demo-member-1').member.register({
    kind: 'member',
    ...form,
    branchId: place.branchId,
  })
  expect(refusal.ok).toBe(false)
  expect(textOf(page, '.submit-error')).toBe(refusal.ok ? '' : refusal.message)
  expect(page.data.submitted).toBe(false)
})
