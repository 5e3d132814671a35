// Report dates on the 社区报到 pages are the days in Shanghai: a report at 06:30 on 2 June is "2026-06-02",
// though the instant is still 1 June in UTC.
import { dataOf } from '../support/cloud'
import { textOf, usePages } from './harness'

const { cloud, show } = usePages(['community/report', 'community/record'])

const MEMBER = 'demo-member-74'

beforeAll(async () => {
  for (const now of ['2026-03-02T07:00:00+08:00', '2026-06-02T06:30:00+08:00'])
    dataOf(
      await cloud.as(MEMBER, { now }).community.report({
        communityId: 'community-jiangsu',
        area: '江苏路 480 弄',
        willingness: ['便民服务'],
      }),
    )
})

test('the report form gives the day the next report is due', async () => {
  const page = await show('community/report', MEMBER)
  expect(textOf(page, '.report-summary')).toContain('请在 2026-12-02 前再次报到')
})

test('the service record lists each report on its day', async () => {
  const page = await show('community/record', MEMBER)
  const days = page.querySelectorAll('.list-item').map((row) => row.dom?.textContent?.slice(0, 10))
  expect(days).toEqual(['2026-06-02', '2026-03-02'])
})
