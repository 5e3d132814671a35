// 支部本月情况 shows each member's 社区报到 and the half-year's 反馈卡 (community.branchRecord), through the
// emulator on the real clock: a member who reported and served reads their community, hours and rating; one who
// never reported reads 未报到.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { now } from '../../cloudfunctions/_shared/clock'
import { dataOf } from '../support/cloud'
import { usePages } from './harness'

const { cloud, show } = usePages(['branch/branch-month'])

const SERVED = 'demo-member-1' // branch-1
const ABSENT = 'demo-member-3' // branch-1, never reports
const ADMIN = 'demo-community-admin-2' // community-jiangsu

/** The member's 社区报到 line, found by their place in the list. */
const reportLine = (page: Awaited<ReturnType<typeof show>>, openid: string) => {
  const at = page.data.members.findIndex((m) => m.id === memberIdOf(openid))
  const line = page.querySelectorAll('.community-report')[at]
  // Not reported reads in the warning colour.
  expect(line.dom?.className.includes('not-reported')).toBe(
    line.dom?.textContent?.includes('未报到'),
  )
  return line.dom?.textContent?.trim() ?? ''
}

test('the secretary reads each member’s 社区报到: community, hours and latest rating, or 未报到', async () => {
  const today = now().format('YYYY-MM-DD')
  dataOf(
    await cloud.as(SERVED).community.report({
      communityId: 'community-jiangsu',
      area: '江苏路 480 弄',
      willingness: ['便民服务'],
    }),
  )
  const { service } = dataOf(
    await cloud.as(ADMIN).community.postService({
      title: '社区助老服务',
      kind: '志愿活动',
      category: '爱心帮扶',
      date: today,
      place: '江苏路街道为老服务中心',
      slots: 5,
    }),
  )
  dataOf(await cloud.as(SERVED).community.signup({ serviceId: service.id }))
  dataOf(
    await cloud.as(ADMIN).community.confirmService({
      serviceId: service.id,
      cards: [{ memberId: memberIdOf(SERVED), hours: 2, rating: 5, comment: '服务热情，老人满意' }],
    }),
  )
  const page = await show('branch/branch-month', 'demo-secretary-1')
  expect(page.data.status).toBe('ready')
  expect(page.querySelectorAll('.community-report').length).toBe(page.data.total)
  expect(reportLine(page, SERVED)).toMatch(
    /^社区报到：已报到：.*江苏路.*，服务 2 小时，最近评价 5 分「服务热情，老人满意」$/,
  )
  expect(reportLine(page, ABSENT)).toBe('社区报到：未报到')
  expect(page.querySelector('.half-year')?.dom?.textContent).toMatch(/按\d{4}年[上下]半年统计/)
})
