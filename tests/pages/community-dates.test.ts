// Report dates on the 社区报到 pages are the days in Shanghai: a report at 06:30 on 2 June is on 2 June
// (6月2日, as utils/date.ts says a day), though the instant is still 1 June in UTC.
import { formatDay } from '../../miniprogram/utils/date'
import { dataOf } from '../support/cloud'
import { textOf, usePages } from './harness'

const { cloud, show } = usePages(['community/report', 'community/record'])

const MEMBER = 'demo-member-74'

// Reported to 江苏路 at 07:00 on 2 March, then moved to 新华路 at 06:30 on 2 June (both still the day before
// in UTC).
beforeAll(async () => {
  const reports = [
    { now: '2026-03-02T07:00:00+08:00', communityId: 'community-jiangsu', area: '江苏路 480 弄' },
    { now: '2026-06-02T06:30:00+08:00', communityId: 'community-xinhua', area: '新华路 211 弄' },
  ]
  for (const { now, communityId, area } of reports)
    dataOf(
      await cloud.as(MEMBER, { now }).community.report({
        communityId,
        area,
        willingness: ['便民服务'],
        move: communityId === 'community-xinhua',
      }),
    )
})

test('the report form gives the day the next report is due', async () => {
  const page = await show('community/report', MEMBER)
  expect(textOf(page, '.report-summary')).toContain(`请在 ${formatDay('2026-12-02')} 前再次报到`)
})

test('the service record lists each report on its day', async () => {
  const page = await show('community/record', MEMBER)
  const rows = page.querySelectorAll('.history-line').map((row) => row.dom?.textContent?.trim())
  expect(rows).toEqual([
    expect.stringMatching(new RegExp(`^${formatDay('2026-06-02')}`)),
    expect.stringMatching(new RegExp(`^${formatDay('2026-03-02')}`)),
  ])
})
