// stats.exportMonth writes the month's rows as an .xlsx to cloud storage; the file id downloads through the
// emulator's storage (the real SDK's downloadFile) and reads back with exceljs as the month's ranking. The
// daily expireExports timer deletes exports older than EXPORT_RETENTION_DAYS.
import fs from 'fs'
import path from 'path'
import { Workbook } from 'exceljs'
import cloud from 'wx-server-sdk'
import type { RankedBranch, Reply, StatsOutputs } from '../../typings/index'
import { RULE_IDS } from '../../typings/participation'
import {
  EXPORT_RETENTION_DAYS,
  type ExportFileDoc,
} from '../../cloudfunctions/stats/src/expire-exports'
import { dataOf, postJson, useTestCloud } from '../support/cloud'

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

describe('exports expire', () => {
  type Expired = { deleted: number; failed: number; more: boolean }
  const expire = async (now: string) =>
    dataOf(await t.trigger<Reply<Expired>>('stats', 'expireExports', now))
  const records = () => t.docs<ExportFileDoc>('export_files')
  const exportAt = async (now: string) =>
    dataOf(
      await t
        .as('demo-community-admin-1', { now })
        .stats.exportMonth({ rows: 'branches', month: '2026-04' }),
    ).fileID
  const downloads = (fileID: string) =>
    cloud.downloadFile({ fileID }).then(
      () => true,
      () => false,
    )

  test('the daily timer deletes the files older than the period and their records; a fresher one stays', async () => {
    const old = await exportAt(APRIL_20)
    const fresh = await exportAt(day(22))
    // Deleted from storage by hand already: its record still goes.
    const handDeleted = await exportAt(APRIL_20)
    await cloud.deleteFile({ fileList: [handDeleted] })

    const RUN = '2026-04-27T11:00:00+08:00'
    const cutoff = Date.parse(RUN) - EXPORT_RETENTION_DAYS * 24 * 3600_000
    const before = await records()
    const due = before.filter((r) => new Date(r.at).getTime() < cutoff).map((r) => r.fileID)
    expect(due).toEqual(expect.arrayContaining([old, handDeleted]))
    expect(due).not.toContain(fresh)

    // A user's call shaped like the timer runs nothing.
    const spoofed = await postJson(
      `${t.url}/fn/stats`,
      { Type: 'Timer', TriggerName: 'expireExports' },
      { 'x-wx-openid': 'demo-district-admin', 'x-now': RUN },
    )
    expect(spoofed.body).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await records()).toHaveLength(before.length)

    expect(await expire(RUN)).toEqual({ deleted: due.length, failed: 0, more: false })
    expect(await downloads(old)).toBe(false)
    expect(files()).not.toContain(old)
    const left = (await records()).map((r) => r.fileID)
    expect(left).toHaveLength(before.length - due.length)
    expect(left).not.toEqual(expect.arrayContaining([old]))
    expect(left).toContain(fresh)
    expect(await downloads(fresh)).toBe(true)
    // Run again (the platform may repeat a trigger): nothing more to do.
    expect(await expire(RUN)).toEqual({ deleted: 0, failed: 0, more: false })

    // Its own week later the fresher one goes too.
    expect((await expire('2026-04-29T11:00:00+08:00')).deleted).toBeGreaterThanOrEqual(1)
    expect(await downloads(fresh)).toBe(false)
    expect((await records()).map((r) => r.fileID)).not.toContain(fresh)
  })

  test('more than one batch of 50, files long gone: one run removes every record', async () => {
    const stale = Array.from({ length: 120 }, (_, i) => ({
      _id: `stale-${String(i).padStart(3, '0')}`,
      fileID: `cloud://local.0123456789abcdef/exports/branch-2/2026-03/stale-${i}.xlsx`,
      at: new Date('2026-03-01T10:00:00+08:00'),
    }))
    await t.db.collection('export_files').add({ data: stale as never })
    expect(await expire('2026-04-01T03:30:00+08:00')).toEqual({
      deleted: 120,
      failed: 0,
      more: false,
    })
    const ids = new Set((await records()).map((r) => r._id))
    expect(stale.filter((s) => ids.has(s._id))).toEqual([])
  })

  test('the privacy guide says how long exports are kept', () => {
    const guide = fs.readFileSync(
      path.join(__dirname, '../../miniprogram/pages/privacy/index.wxml'),
      'utf8',
    )
    expect(guide).toContain(`导出的月度表格`)
    expect(guide).toContain(`在云端只保存 ${EXPORT_RETENTION_DAYS} 天`)
  })
})
