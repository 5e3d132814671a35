// stats.exportMonth writes the month's rows as an .xlsx to cloud storage; the file id downloads through the
// emulator's storage (the real SDK's downloadFile) and reads back with exceljs as the month's ranking.
import { Workbook } from 'exceljs'
import cloud from 'wx-server-sdk'
import type { RankedBranch, Reply, StatsOutputs } from '../../typings/index'
import { RULE_IDS } from '../../typings/participation'
import { dataOf, useTestCloud } from '../support/cloud'

const t = useTestCloud()

const member = (n: number) => `demo-member-${n}`
const day = (d: number) => `2026-04-${String(d).padStart(2, '0')}T10:00:00+08:00`
const APRIL_20 = day(20)
const MAY = '2026-05-03T10:00:00+08:00'

type Row = (string | number)[]

/** The exported file, downloaded by its id as a function would, and its sheet's rows under the header. */
async function download(reply: Reply<StatsOutputs['exportMonth']>) {
  const out = dataOf(reply)
  const { fileContent } = await cloud.downloadFile({ fileID: out.fileID })
  const book = new Workbook()
  await book.xlsx.load(fileContent as never)
  const [sheet] = book.worksheets
  const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1) as Row
  const rows = Array.from({ length: sheet.rowCount - 2 }, (_, i) => values(i + 3))
  return { out, title: String(sheet.getCell('A1').value), header: values(2), rows }
}

const branchRow = (b: RankedBranch): Row => [
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

const files = () => t.app.files.list()

beforeAll(async () => {
  // branch-2's four members check in on five days; a few of branch-1 and of branch-5 (江苏路) on two.
  for (let d = 1; d <= 5; d++) {
    const who = [member(31), member(32), member(33), 'demo-secretary-2']
    if (d <= 2) who.push(member(1), member(2), 'demo-secretary-5')
    await Promise.all(who.map((o) => t.as(o, { now: day(d) }).checkin.checkIn({})))
  }
}, 60_000)

describe('exportMonth', () => {
  test('a community admin’s export of a branch reads back as its members in ranking order', async () => {
    const admin = t.as('demo-community-admin-1', { now: APRIL_20 })
    const { out, title, header, rows } = await download(
      await admin.stats.exportMonth({ rows: 'members', branchId: 'branch-2', month: '2026-04' }),
    )
    expect(out).toMatchObject({
      month: '2026-04',
      filename: '2026-04-番禺路小微企业联合党支部-党员参与情况.xlsx',
      rowCount: 4,
    })
    expect(out.fileID).toMatch(
      /^cloud:\/\/.+\/exports\/branch-2\/2026-04\/members-[0-9a-f]{8}-\d+\.xlsx$/,
    )
    expect(title).toBe('番禺路小微企业联合党支部 2026年4月党员参与情况')
    expect(header.slice(0, 4)).toEqual(['支部', '姓名', '积分', '党员报到'])
    expect(header.at(-1)).toBe('达到最低要求')
    const ranking = dataOf(
      await admin.stats.memberRanking({ branchId: 'branch-2', month: '2026-04' }),
    )
    expect(rows.map((r) => [r[1], r[2]])).toEqual(ranking.top.map((m) => [m.name, m.score]))
    expect(rows.every((r) => r[0] === '番禺路小微企业联合党支部' && r[3] === 5)).toBe(true)
  })

  test('a community admin’s branch export of their community equals its branch ranking', async () => {
    const admin = t.as('demo-community-admin-1', { now: APRIL_20 })
    const { out, rows } = await download(
      await admin.stats.exportMonth({ rows: 'branches', month: '2026-04' }),
    )
    expect(out.filename).toBe('2026-04-新华路街道社区综合党委-支部排名.xlsx')
    const ranking = dataOf(
      await admin.stats.branchRanking({ communityId: 'community-xinhua', month: '2026-04' }),
    )
    expect(ranking.branches).toHaveLength(4)
    expect(rows).toEqual(ranking.branches.map(branchRow))
    // Another community is not theirs.
    const other = await admin.stats.exportMonth({
      rows: 'branches',
      communityId: 'community-jiangsu',
    })
    expect(other).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
  })

  test('a district admin exports the whole district’s branches, and any community’s members', async () => {
    const admin = t.as('demo-district-admin', { now: APRIL_20 })
    const district = await download(
      await admin.stats.exportMonth({ rows: 'branches', month: '2026-04' }),
    )
    expect(district.out.fileID).toMatch(
      /\/exports\/district\/2026-04\/branches-[0-9a-f]{8}-\d+\.xlsx$/,
    )
    const ranking = dataOf(await admin.stats.branchRanking({ scope: 'district', month: '2026-04' }))
    expect(ranking.branches).toHaveLength(8)
    expect(district.rows).toEqual(ranking.branches.map(branchRow))

    const jiangsu = await download(
      await admin.stats.exportMonth({ rows: 'members', communityId: 'community-jiangsu' }),
    )
    const active = await t.docs('members', { communityId: 'community-jiangsu', status: 'active' })
    expect(jiangsu.rows).toHaveLength(active.filter((m) => m.branchId).length)
    expect(jiangsu.out.rowCount).toBe(jiangsu.rows.length)
    expect(jiangsu.rows.find((r) => r[2] === 4)).toBeDefined()
  })

  test('a settled month exports its frozen ranking', async () => {
    const admin = t.as('demo-district-admin', { now: MAY })
    dataOf(await admin.stats.settle({ month: '2026-04' }))
    const { rows } = await download(
      await admin.stats.exportMonth({
        rows: 'branches',
        communityId: 'community-xinhua',
        month: '2026-04',
      }),
    )
    const frozen = dataOf(
      await admin.stats.branchRanking({ communityId: 'community-xinhua', month: '2026-04' }),
    )
    expect(frozen.settled).toBe(true)
    expect(rows).toEqual(frozen.branches.map(branchRow))
  })

  test('a month not begun, a secretary or a member: a clear refusal and no file written', async () => {
    const before = files()
    const future = await t
      .as('demo-district-admin', { now: APRIL_20 })
      .stats.exportMonth({ rows: 'branches', month: '2026-05' })
    expect(future).toEqual({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '2026年5月还没有开始，没有可导出的数据',
    })
    const wholeDistrict = await t
      .as('demo-district-admin', { now: APRIL_20 })
      .stats.exportMonth({ rows: 'members' })
    expect(wholeDistrict).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    // Exports are for community and district admins; a secretary reads the branch on 支部本月情况.
    for (const openid of ['demo-secretary-2', member(31)]) {
      const refused = await t
        .as(openid, { now: APRIL_20 })
        .stats.exportMonth({ rows: 'members', branchId: 'branch-2' })
      expect(refused).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    }
    expect(files()).toEqual(before)
  })
})
