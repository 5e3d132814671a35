import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf } from '../support/cloud'
import { tap, textOf, until, wxMock, usePages } from './harness'

const SERVICE_DAY = '2027-06-01'

const { cloud, show } = usePages(['community/report', 'community/services', 'community/record'])

const reportTo = (openid: string) =>
  cloud
    .as(openid)
    .community.report({
      communityId: 'community-jiangsu',
      area: '江苏路 480 弄',
      willingness: ['便民服务'],
    })
    .then(dataOf)

async function postService(title: string, slots: number) {
  const { service } = dataOf(
    await cloud.as('demo-community-admin-2').community.postService({
      title,
      kind: '志愿活动',
      category: '便民服务',
      date: SERVICE_DAY,
      place: '江苏路街道党群服务中心',
      slots,
    }),
  )
  return service.id
}

test('a member fills in the report form and sees the report is current', async () => {
  const page = await show('community/report', 'demo-member-70')
  expect(textOf(page, '.report-state')).toBe('尚未报到')

  tap(page, '#community-community-jiangsu')
  tap(page, '#will-1')
  page.setData({ area: '愚园路 1088 弄' })
  tap(page, '.report-button')
  await until(() => page.data.report !== null, 'the report')

  expect(textOf(page, '.report-state')).toBe('已报到')
  const { report } = dataOf(await cloud.as('demo-member-70').community.myRecord())
  expect(report).toMatchObject({
    communityId: 'community-jiangsu',
    area: '愚园路 1088 弄',
    willingness: ['爱心帮扶'],
  })
})

test('until a community and an area are given, 报到 is disabled and says what to fill in first', async () => {
  const page = await show('community/report', 'demo-member-76')
  expect(textOf(page, '.disabled-reason')).toBe('请先选择居住的社区')
  tap(page, '#community-community-jiangsu')
  await until(() => page.data.why === '请先填写小区或网格', 'the next reason')
  expect(page.querySelector('#community-community-jiangsu')!.dom.className).toContain('chosen')
  page.querySelector('.area-input')!.dispatchEvent('input', { detail: { value: '江苏路 480 弄' } })
  await until(() => page.data.why === '', 'the button to enable')
  expect(page.querySelector('.disabled-reason')).toBeUndefined()
})

test('a member who has reported opens the form prefilled and edits it (修改报到信息), not a new report', async () => {
  await reportTo('demo-member-77')
  const page = await show('community/report', 'demo-member-77')
  expect(textOf(page, '.report-button')).toBe('修改报到信息')
  expect(page.data).toMatchObject({ communityId: 'community-jiangsu', area: '江苏路 480 弄' })
  expect(page.querySelector('#will-0')!.dom.className).toContain('chosen')

  page.querySelector('.area-input')!.dispatchEvent('input', { detail: { value: '江苏路 495 弄' } })
  tap(page, '#will-2')
  tap(page, '.report-button')
  await until(() => page.data.report?.area === '江苏路 495 弄', 'the saved report')

  const { report, history } = dataOf(await cloud.as('demo-member-77').community.myRecord())
  expect(report).toMatchObject({ area: '江苏路 495 弄', willingness: ['便民服务', '文体艺术'] })
  expect(history).toHaveLength(1)
  expect(textOf(page, '.report-button')).toBe('修改报到信息')
})

test('the report form shows the server’s message when no willingness is chosen', async () => {
  const page = await show('community/report', 'demo-member-71')
  tap(page, '#community-community-xinhua')
  page.setData({ area: '新华路 211 弄' })
  tap(page, '.report-button')
  await until(() => page.data.error !== '', 'the error')
  expect(textOf(page, '.report-error')).toBe('请至少选择一项服务意愿')
})

test('a member who has not reported is asked to report first', async () => {
  const page = await show('community/services', 'demo-member-72')
  expect(page.querySelector('.report-notice')).toBeDefined()
})

test('a reported member signs up for a service and can withdraw; a full post cannot be joined', async () => {
  await reportTo('demo-member-73')
  await reportTo('demo-member-74')
  const serviceId = await postService('为独居老人送餐', 1)
  const page = await show('community/services', 'demo-member-73')
  expect(page.querySelector('.report-notice')).toBeUndefined()

  tap(page, `#signup-${serviceId}`)
  await until(() => !!page.querySelector(`#withdraw-${serviceId}`), 'the sign-up')
  expect(textOf(page, `#service-${serviceId} .service-slots`)).toBe('已报名 1/1')

  tap(page, `#withdraw-${serviceId}`)
  await until(() => !!page.querySelector(`#signup-${serviceId}`), 'the withdrawal')
  expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已取消报名', icon: 'success' })

  // The page acts as whoever was shown last, so the second member's view comes after.
  tap(page, `#signup-${serviceId}`)
  await until(() => !!page.querySelector(`#withdraw-${serviceId}`), 'the second sign-up')
  const other = await show('community/services', 'demo-member-74')
  expect(textOf(other, `#signup-${serviceId}`)).toBe('名额已满')
})

test('my service record shows confirmed hours and the community’s feedback card', async () => {
  await reportTo('demo-member-75')
  const serviceId = await postService('社区义诊志愿者', 5)
  dataOf(await cloud.as('demo-member-75').community.signup({ serviceId }))
  dataOf(
    await cloud
      .as('demo-community-admin-2', { now: `${SERVICE_DAY}T18:00:00+08:00` })
      .community.confirmService({
        serviceId,
        cards: [
          { memberId: memberIdOf('demo-member-75'), hours: 3, rating: 5, comment: '耐心细致' },
        ],
      }),
  )
  const page = await show('community/record', 'demo-member-75')
  expect(textOf(page, '.total-hours')).toBe('累计 3 小时')
  expect(textOf(page, '.feedback-card')).toContain('耐心细致')
})
