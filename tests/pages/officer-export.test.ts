// 导出月度数据 end to end: the page asks stats.exportMonth for the month, downloads the file through wx.cloud
// (the emulator's storage), opens it with wx.openDocument and forwards it with wx.shareFileMessage; the file
// it opened reads back with exceljs as the month's ranking.
import fs from 'fs'
import { Workbook } from 'exceljs'
import type { RankedBranch } from '../../typings/index'
import { RULE_IDS } from '../../typings/participation'
import { dataOf } from '../support/cloud'
import { type Rendered, cloudMock, handled, tap, textOf, usePages, wxMock } from './harness'

const { cloud, show } = usePages(['officer/export'])

const APRIL = '2026-04'
const day = (d: number) => `${APRIL}-0${d}T10:00:00+08:00`

beforeAll(async () => {
  // branch-2 (番禺路) checks in on three days of April; demo-member-1 of branch-1 on one.
  for (let d = 1; d <= 3; d++) {
    const who = ['demo-member-31', 'demo-member-32', 'demo-member-33', 'demo-secretary-2']
    if (d === 1) who.push('demo-member-1')
    await Promise.all(who.map((o) => cloud.as(o, { now: day(d) }).checkin.checkIn({})))
  }
}, 60_000)

beforeEach(() => {
  wxMock.openDocument.mockClear()
  wxMock.shareFileMessage.mockClear()
  cloudMock.downloadFile.mockClear()
})

/** The sheet's rows under its title and header. */
async function rowsOf(filePath: string) {
  const book = new Workbook()
  await book.xlsx.load(fs.readFileSync(filePath) as never)
  const [sheet] = book.worksheets
  return Array.from(
    { length: sheet.rowCount - 2 },
    (_, i) => (sheet.getRow(i + 3).values as unknown[]).slice(1) as (string | number)[],
  )
}

const branchRow = (b: RankedBranch) => [
  b.rank,
  b.name,
  b.branchType,
  b.activeMembers,
  b.metCount,
  b.activeRate,
  b.perMember,
  b.score,
  ...RULE_IDS.map((r) => b.counts[r] ?? 0),
]

const pickMonth = (page: Rendered, month: string) =>
  handled(page, 'onMonth', () =>
    page.querySelector('.month-picker')!.dispatchEvent('change', { detail: { value: month } }),
  )

test('a community admin picks April, exports, and WeChat opens an xlsx of the month’s branch ranking', async () => {
  const page = await show('officer/export', 'demo-community-admin-1')
  expect(page.data.status).toBe('ready')
  expect(page.data.scopeLabels).toEqual(['本社区'])
  expect(page.data.rows).toBe('branches')

  await pickMonth(page, APRIL)
  expect(page.data.monthTitle).toBe('2026年4月')
  await handled(page, 'onExport', () => tap(page, '.export'))

  expect(page.data.exportError).toBe('')
  expect(page.data.exported).toMatchObject({
    filename: '2026-04-新华路街道社区综合党委-支部排名.xlsx',
    rowCount: 4,
  })
  // The path WeChat was asked to open is the file wx.cloud downloaded, and it is there.
  const downloaded = await cloudMock.downloadFile.mock.results[0].value
  expect(wxMock.openDocument).toHaveBeenCalledTimes(1)
  expect(wxMock.openDocument.mock.calls[0][0]).toMatchObject({
    filePath: downloaded.tempFilePath,
    fileType: 'xlsx',
    showMenu: true,
  })
  const ranking = dataOf(
    await cloud
      .as('demo-community-admin-1')
      .stats.branchRanking({ communityId: 'community-xinhua', month: APRIL }),
  )
  expect(ranking.branches[0].name).toBe('番禺路小微企业联合党支部')
  expect(await rowsOf(downloaded.tempFilePath)).toEqual(ranking.branches.map(branchRow))
  expect(textOf(page, '.exported-count')).toBe('共 4 行')

  await handled(page, 'onShare', () => tap(page, '.share-file'))
  expect(wxMock.shareFileMessage).toHaveBeenCalledWith(
    expect.objectContaining({
      filePath: downloaded.tempFilePath,
      fileName: '2026-04-新华路街道社区综合党委-支部排名.xlsx',
    }),
  )
})

test('opened from 月度排行 for a branch, a district admin exports its members', async () => {
  const page = await show('officer/export', 'demo-district-admin', {
    month: APRIL,
    scope: 'community',
    communityId: 'community-xinhua',
    branchId: 'branch-2',
  })
  expect(page.data.scopeLabels[page.data.scopeIndex]).toBe('番禺路小微企业联合党支部')
  expect(page.data.scopeLabels).toContain('全区')
  expect(page.data).toMatchObject({ rows: 'members', month: APRIL })
  await handled(page, 'onExport', () => tap(page, '.export'))

  const { filePath } = page.data
  expect(wxMock.openDocument.mock.calls[0][0].filePath).toBe(filePath)
  const rows = await rowsOf(filePath)
  const ranking = dataOf(
    await cloud
      .as('demo-district-admin')
      .stats.memberRanking({ branchId: 'branch-2', month: APRIL }),
  )
  expect(rows.map((r) => [r[1], r[2]])).toEqual(ranking.top.map((m) => [m.name, m.score]))
  expect(rows).toHaveLength(4)
})

test('the whole district exports by branch only; a month not begun gets a clear error and opens nothing', async () => {
  const page = await show('officer/export', 'demo-district-admin', { scope: 'district' })
  expect(page.data.scopeLabels[page.data.scopeIndex]).toBe('全区')
  expect(page.data.rows).toBe('branches')
  expect(textOf(page, '.rows-note')).toContain('按党员请选择社区')
  await handled(page, 'onRows', () => tap(page, '.rows-members'))
  expect(page.data.rows).toBe('branches')

  await pickMonth(page, '2099-01')
  await handled(page, 'onExport', () => tap(page, '.export'))
  expect(textOf(page, '.export-error .state-message')).toBe('2099年1月还没有开始，没有可导出的数据')
  expect(cloudMock.downloadFile).not.toHaveBeenCalled()
  expect(wxMock.openDocument).not.toHaveBeenCalled()
  expect(page.data.exported).toBeNull()
})

test('a member or a secretary is told what the page is for, without an error', async () => {
  for (const openid of ['demo-member-1', 'demo-secretary-2']) {
    const page = await show('officer/export', openid)
    expect(page.data.status).toBe('forbidden')
    expect(textOf(page, '.state-message')).toContain('月度导出供社区党委和区委组织部使用')
    expect(page.querySelector('.state-error')).toBeUndefined()
  }
})
