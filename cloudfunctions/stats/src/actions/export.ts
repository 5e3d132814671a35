// A month's rows as an .xlsx in cloud storage, for community and district admins in their scope: one row
// per member of a branch or a community, or one row per branch of a community or the district. The page
// downloads the file by its id and opens it with wx.openDocument; storage keeps it EXPORT_RETENTION_DAYS.
import { randomBytes } from 'crypto'
import type { ParsedInput } from '../../../../typings/index'
import { findBranch } from '../../../_shared/branches'
import { type Caller, isCommunityAdminOf, isDistrictAdmin } from '../../../_shared/caller'
import { getCloud, getDb } from '../../../_shared/cloud'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { type ConfirmedBasis, fixedFenOf, monthDues } from '../../../_shared/dues-rules'
import { denied, invalid, notFound } from '../../../_shared/errors'
import { minimumsOf } from '../../../_shared/minimums'
import { meetsMinimums, rankOrder } from '../../../_shared/participation'
import type { MemberDoc, OrgDoc } from '../../../_shared/records'
import { liveBranchTotals } from '../branch-totals'
import { monthLabel } from '../../../_shared/clock'
import { RULE_HEADERS, countsColumns, groupBy, rankBranches } from '../domain'
import { COUNTER_FIELDS, type CounterRow } from '../../../_shared/month-counters'
import { recordExport } from '../expire-exports'
import { readSnapshot } from '../snapshots'
import { branchSnapshotId, branchesOf, pageAll } from '../store'
import { type Sheet, workbookOf } from '../workbook'
import { type BranchSnapshot, DISTRICT_SCOPE, currentMonth, mayBeSettled } from './ranking'

/** The month's dues beside the participation (党费交纳): the bases confirmed and the payments of the month. */
type DuesBases = { _id: string; memberId: string; history: ConfirmedBasis[] }
type DuesPaid = { _id: string; memberId: string; amountFen: number }
const DUES_PAID_FIELDS = { memberId: true, amountFen: true }
const DUES_STATUS = { paid: '已交', owed: '未交', unconfirmed: '未确认基数' }

/** What is exported: the sheet, and the scope it covers (its id names the file's folder). */
type Export = { scopeId: string; scopeName: string; sheet: Sheet }

function assertScope(caller: Caller, communityId: string | null) {
  if (!isDistrictAdmin(caller) && !isCommunityAdminOf(caller, communityId))
    throw denied('只能导出您管理范围内的数据')
}

export const exportMonth = defineAction('stats', 'exportMonth', {
  audience: 'member',
  roles: ['communityAdmin', 'districtAdmin'],
  scope: ['communityAdmin', 'districtAdmin'],
  async run({ caller }, input) {
    const month = input.month ?? currentMonth()
    if (month > currentMonth()) throw invalid(`${monthLabel(month)}还没有开始，没有可导出的数据`)
    const { scopeId, scopeName, sheet } = await exportOf(caller, input, month)
    // Storage is readable by whoever holds a file id: a random part keeps the path unguessable, the wall
    // clock keeps exports apart (x-now may pin the month's clock in tests).
    const name = `${input.rows}-${randomBytes(4).toString('hex')}-${Date.now()}`
    const cloudPath = `exports/${scopeId.replace(/[^\w-]/g, '_')}/${month}/${name}.xlsx`
    const { fileID } = await getCloud().uploadFile({
      cloudPath,
      fileContent: await workbookOf(sheet),
    })
    // Recorded before the id is handed out, so that the file expires (expire-exports.ts).
    await recordExport(name, fileID)
    return {
      month,
      filename: `${month}-${scopeName}-${sheet.name}.xlsx`,
      fileID,
      rowCount: sheet.rows.length,
    }
  },
})

async function exportOf(
  caller: Caller,
  input: ParsedInput<'stats', 'exportMonth'>,
  month: string,
): Promise<Export> {
  const ownCommunity = isDistrictAdmin(caller) ? null : (caller.member?.adminCommunityId ?? null)
  if (input.branchId) {
    if (input.rows === 'branches') throw invalid('按支部导出时请选择社区或全区')
    const branch = await findBranch(input.branchId)
    assertScope(caller, branch.communityId)
    return {
      scopeId: branch._id,
      scopeName: branch.name,
      sheet: await memberSheet(month, [branch], { branchId: branch._id }, branch.name),
    }
  }
  const communityId = input.communityId ?? ownCommunity
  if (communityId) {
    assertScope(caller, communityId)
    const community = await findById<OrgDoc>(COLLECTIONS.orgs, communityId)
    if (!community || community.level !== 'community') throw notFound('该社区')
    const sheet =
      input.rows === 'branches'
        ? await branchSheet(month, communityId, community.name)
        : await memberSheet(month, await branchesOf(communityId), { communityId }, community.name)
    return { scopeId: communityId, scopeName: community.name, sheet }
  }
  if (!isDistrictAdmin(caller)) throw denied('只能导出您管理范围内的数据')
  if (input.rows === 'members') throw invalid('全区按党员导出数据量过大，请选择社区或支部')
  return {
    scopeId: DISTRICT_SCOPE,
    scopeName: '全区',
    sheet: await branchSheet(month, null, '全区'),
  }
}

async function memberSheet(
  month: string,
  branches: OrgDoc[],
  scope: { branchId: string } | { communityId: string },
  scopeName: string,
): Promise<Sheet> {
  const inBranches = { branchId: getDb().command.in(branches.map((b) => b._id)) }
  const [members, counters, duesBases, duesPaid] = await Promise.all([
    pageAll<MemberDoc>(
      COLLECTIONS.members,
      { ...scope, status: 'active' },
      { name: true, branchId: true },
    ),
    pageAll<CounterRow>(COLLECTIONS.memberMonths, { ...scope, month }, COUNTER_FIELDS),
    pageAll<DuesBases>(COLLECTIONS.duesProfiles, inBranches, { memberId: true, history: true }),
    pageAll<DuesPaid>(COLLECTIONS.duesPayments, { ...inBranches, month }, DUES_PAID_FIELDS),
  ])
  const counterOf = new Map(counters.map((c) => [c.memberId, c]))
  const historyOf = new Map(duesBases.map((d) => [d.memberId, d.history]))
  // A month's payment and its corrections (compensating records) net to what was paid.
  const paidOf = new Map<string, number>()
  for (const d of duesPaid) paidOf.set(d.memberId, (paidOf.get(d.memberId) ?? 0) + d.amountFen)
  const membersOf = groupBy(members, (m) => m.branchId)
  const rows: (string | number)[][] = []
  for (const branch of [...branches].sort((a, b) => a.sort - b.sort)) {
    const minimums = minimumsOf(branch)
    const fixedFen = fixedFenOf(branch)
    const ranked = (membersOf.get(branch._id) ?? [])
      .map(
        (m) =>
          counterOf.get(m._id) ?? {
            memberId: m._id,
            name: m.name,
            score: 0,
            counts: {},
            reachedAt: new Date(0),
          },
      )
      .sort(rankOrder)
    for (const c of ranked) {
      const dues = monthDues(
        historyOf.get(c.memberId) ?? [],
        paidOf.get(c.memberId),
        fixedFen,
        month,
      )
      rows.push([
        branch.name,
        c.name,
        c.score,
        ...countsColumns(c.counts),
        dues.amountFen / 100,
        DUES_STATUS[dues.status],
        meetsMinimums(c.counts, minimums) ? '是' : '否',
      ])
    }
  }
  return {
    name: '党员参与情况',
    title: `${scopeName} ${monthLabel(month)}党员参与情况`,
    columns: [
      ...['支部', '姓名', '积分', ...RULE_HEADERS].map((header) => ({ header })),
      { header: '党费（元）', numFmt: '0.00' },
      { header: '党费交纳' },
      { header: '达到最低要求' },
    ],
    rows,
  }
}

async function branchSheet(
  month: string,
  communityId: string | null,
  scopeName: string,
): Promise<Sheet> {
  const snapshot = mayBeSettled(month)
    ? await readSnapshot<BranchSnapshot>(branchSnapshotId(month, communityId ?? DISTRICT_SCOPE))
    : null
  const ranked = snapshot
    ? snapshot.rows
    : rankBranches(await liveBranchTotals(communityId, month), null)
  const rows = ranked.map((b) => [
    b.rank,
    b.name,
    b.branchType,
    b.activeMembers,
    b.metCount,
    b.activeRate,
    b.perMember,
    b.score,
    ...countsColumns(b.counts),
  ])
  return {
    name: '支部排名',
    title: `${scopeName} ${monthLabel(month)}支部排名`,
    columns: [
      { header: '排名' },
      { header: '支部' },
      { header: '类型' },
      { header: '在册党员' },
      { header: '达标人数' },
      { header: '达标率', numFmt: '0%' },
      { header: '人均积分', numFmt: '0.0' },
      { header: '总积分' },
      ...RULE_HEADERS.map((header) => ({ header })),
    ],
    rows,
  }
}
