// Forms that show care: a count under each text area, pickers drawn as WeUI cells with the value on the right,
// one chosen style for choices, and a disabled button that says what is missing.
import { dataOf } from '../support/cloud'
import { type Rendered, memberMe, newPerson, tap, textOf, until, usePages } from './harness'

const { cloud, open, show } = usePages([
  'wish/submit',
  'appeal/new',
  'register',
  'officer/service-form',
  'branch/orglife-form',
])

const type = (page: Rendered, selector: string, value: string) =>
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } })
const classOf = (page: Rendered, selector: string) => page.querySelector(selector)!.dom.className

test('提交心愿 counts what is typed and says what is missing until the wish can go', async () => {
  const page = open('wish/submit', 'demo-resident-5')
  expect(textOf(page, '.title-count')).toBe('0/30')
  expect(textOf(page, '.description-count')).toBe('0/300')
  expect(textOf(page, '.disabled-reason')).toBe('请选择心愿类别')

  tap(page, '#category-2')
  await until(() => page.data.why === '请用几个字写下您的心愿', 'the next reason')
  expect(classOf(page, '#category-2')).toContain('chosen')
  expect(classOf(page, '#category-0')).not.toContain('chosen')
  type(page, '.title-input', '想请人修收音机')
  await until(() => page.data.why === '请说说具体需要什么', 'the next reason')
  expect(textOf(page, '.title-count')).toBe('7/30')
  type(page, '.description-input', '没声音了')
  await until(() => page.data.why === '', 'the button to enable')
  expect(textOf(page, '.description-count')).toBe('4/300')
  expect(page.querySelector('.disabled-reason')).toBeUndefined()
})

test('提交诉求: categories are chips with the chosen style, the text has a count, 提交 says why it waits', async () => {
  const page = open('appeal/new', 'demo-member-30')
  expect(textOf(page, '.appeal-count')).toBe('0/1000')
  expect(textOf(page, '.disabled-reason')).toBe('请选择诉求类别')
  tap(page, '#category-1')
  await until(() => page.data.category !== '', 'the category')
  expect(classOf(page, '#category-1')).toContain('chip')
  expect(classOf(page, '#category-1')).toContain('chosen')
  expect(textOf(page, '.disabled-reason')).toBe('请把情况写清楚（至少 5 个字）')
  type(page, '.appeal-text', '希望了解午餐补贴')
  await until(() => page.data.why === '', 'the button to enable')
  expect(textOf(page, '.appeal-count')).toBe('8/1000')
})

test('登记: community and branch are WeUI access cells with the value on the right; 提交 says what to fill first', async () => {
  const page = await show('register', 'dev-guest-forms-1')
  const cell = page.querySelector('.community-picker .weui-cell')!
  expect(cell.dom.className).toContain('weui-cell_access')
  // A member picks the branch's community (街道), not where they live; a resident picks where they live.
  expect(textOf(page, '.community-picker .weui-cell__bd')).toBe('所属社区')
  expect(textOf(page, '.community-picker .weui-cell__ft')).toBe('请选择')
  expect(textOf(page, '.disabled-reason')).toBe('请先填写姓名')

  type(page, '.field-name', '王建国')
  await until(() => page.data.why === '请先填写手机号', 'the next reason')
  type(page, '.field-phone', '13812345678')
  await until(() => page.data.why === '请先选择所在社区', 'the next reason')
  page.querySelector('.community-picker')!.dispatchEvent('change', { detail: { value: '0' } })
  await until(() => page.data.why === '请先选择所在支部', 'the next reason')
  expect(textOf(page, '.community-picker .weui-cell__ft')).toBe(page.data.communities[0].name)
  tap(page, '.kind-resident')
  await until(() => page.data.why === '', 'a resident needs no branch')
  expect(classOf(page, '.kind-resident')).toContain('chosen')
  expect(textOf(page, '.community-picker .weui-cell__bd')).toBe('所在社区')
})

test('the service post form shows its pickers as cells and the day in words, never an ISO date', async () => {
  const page = await show('officer/service-form', 'demo-community-admin-1')
  expect(textOf(page, '.date-picker')).toBe('今天')
  expect(textOf(page, '.kind-picker')).toBe('志愿活动')
  expect(classOf(page, '.kind-picker')).toContain('weui-cell__ft')
  expect(textOf(page, '.disabled-reason')).toBe('请先填写标题')
  type(page, '.title-input', '社区助老送餐')
  type(page, '.place-input', '街道党群服务中心')
  await until(() => page.data.why === '', 'the button to enable')
  expect(textOf(page, '.title-count')).toBe('6/40')
})

test('the session form: a count for topic and materials, its days in words, 发起 waits for a topic', async () => {
  const page = await show('branch/orglife-form', 'demo-secretary-1')
  expect(textOf(page, '.opens-date')).toBe('明天')
  expect(textOf(page, '.topic-count')).toBe('0/50')
  expect(textOf(page, '.disabled-reason')).toBe('请先填写主题')
  type(page, '.topic-input', '党小组学习')
  await until(() => page.data.why === '', 'the button to enable')
  expect(textOf(page, '.topic-count')).toBe('5/50')
})

test('登记 opens filled in with what the caller gave: a rejected member’s registration, a resident’s name and place', async () => {
  const person = newPerson()
  const branchId = (await memberMe(cloud, 'demo-member-1')).branchId
  dataOf(
    await cloud
      .as(person.openid)
      .member.register({ kind: 'member', name: person.name, phone: person.phone, branchId }),
  )
  const { id } = await memberMe(cloud, person.openid)
  dataOf(
    await cloud.as('demo-secretary-1').member.reject({ memberId: id, reason: '不是本支部党员' }),
  )

  const again = await show('register', person.openid)
  expect(again.data).toMatchObject({ name: person.name, phone: person.phone, why: '' })
  expect(again.data.branches[again.data.branchIndex].id).toBe(branchId)

  const resident = await show('register', 'demo-resident-2')
  expect(resident.data).toMatchObject({ kind: 'member', why: '请先选择所在支部' })
  expect(resident.data.name).not.toBe('')
  expect(textOf(resident, '.community-picker .weui-cell__ft')).toBe('江苏路街道社区综合党委')
})
