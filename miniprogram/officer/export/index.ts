// 导出月度数据 for community and district staff: pick a month, members or branches, and a scope; the month's
// rows come back as an .xlsx in cloud storage, which the page downloads, opens (WeChat's viewer, whose menu
// can forward it) and can send to a chat.
import type { OrgNode, Role, StatsOutputs } from '../../../typings/index'
import { ApiError, api, errorMessage } from '../../services/api'
import { config } from '../../config'
import { type LoadData, loaded } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { monthLabel, thisMonthKey } from '../../utils/date'
import { definePage } from '../../utils/define'
import { forbidden, loadInto, runAction } from '../../utils/page'
import { storedFileUrl } from '../../utils/upload'

type Rows = 'members' | 'branches'
/** What the export covers: the whole district, a community (none named: the admin's own) or a branch. */
type Scope = { key: string; label: string; communityId: string; branchId: string }
type Exported = { filename: string; title: string; rowCount: number }
/** What the page was opened for (its query, e.g. from 月度排行): a branch, the district or a community. */
type Wanted = { branchId: string; communityId: string; district: boolean; rows: Rows }

export type Data = ElderData &
  LoadData & {
    wanted: Wanted
    month: string
    monthTitle: string
    /** The picker's last month: this one. */
    thisMonth: string
    rows: Rows
    scopes: Scope[]
    scopeLabels: string[]
    scopeIndex: number
    /** Why a kind of rows is not offered for the chosen scope ('' when both are). */
    rowsNote: string
    exporting: boolean
    exported: Exported | null
    /** The downloaded file on this phone, for 打开 and 转发到聊天. */
    filePath: string
    exportError: string
  }

const NOT_OFFICER =
  '月度导出供社区党委和区委组织部使用：按月导出支部排名和党员参与情况的 Excel 表格。支部书记可在“支部本月情况”查看本支部。'

function scopesOf(roles: Role[], root: OrgNode, q: Wanted): Scope[] {
  const scopes: Scope[] = []
  const communities = root.children
  if (q.branchId) {
    const branch = communities.flatMap((c) => c.children).find((b) => b.id === q.branchId)
    if (branch)
      scopes.push({ key: branch.id, label: branch.name, communityId: '', branchId: branch.id })
  }
  if (roles.includes('districtAdmin')) {
    scopes.push({ key: 'district', label: '全区', communityId: '', branchId: '' })
    for (const c of communities)
      scopes.push({ key: c.id, label: c.name, communityId: c.id, branchId: '' })
  } else {
    // A community admin exports their own community; the function knows which it is.
    const named = communities.find((c) => c.id === q.communityId)
    scopes.push({
      key: 'own',
      label: named?.name ?? '本社区',
      communityId: named?.id ?? '',
      branchId: '',
    })
  }
  return scopes
}

/** Which scope the page was opened for: a branch, the district, a community, else the first. */
function pickedScope(scopes: Scope[], q: Wanted): number {
  const want = q.branchId || (q.district ? 'district' : q.communityId)
  return Math.max(
    0,
    scopes.findIndex((s) => s.key === want || (!!want && s.communityId === want)),
  )
}

/** A branch exports its members; the whole district only its branches (members would be too many). */
function rowsFor(scope: Scope, rows: Rows): { rows: Rows; rowsNote: string } {
  if (scope.branchId) return { rows: 'members', rowsNote: '单个支部按党员导出' }
  if (scope.key === 'district')
    return { rows: 'branches', rowsNote: '全区按支部导出；按党员请选择社区' }
  return { rows, rowsNote: '' }
}

/** The exported file onto this phone: wx.cloud in production, the emulator's file URL in development. */
async function download(fileID: string): Promise<string> {
  try {
    const res =
      config.transport === 'cloud'
        ? await wx.cloud.downloadFile({ fileID })
        : await new Promise<WechatMiniprogram.DownloadFileSuccessCallbackResult>(
            (resolve, reject) =>
              wx.downloadFile({ url: storedFileUrl(fileID), success: resolve, fail: reject }),
          )
    if (res.statusCode !== 200) throw new Error(`download answered ${res.statusCode}`)
    return res.tempFilePath
  } catch {
    throw new ApiError('INTERNAL', '表格已生成，但下载失败，请检查网络后重试')
  }
}

const openFile = (filePath: string) =>
  wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true }).catch(() => {
    wx.showToast({ title: '无法打开表格，请稍后重试', icon: 'none' })
  })

definePage<Data>()({
  behaviors: [loaded],
  data: {
    wanted: { branchId: '', communityId: '', district: false, rows: 'branches' },
    month: '',
    monthTitle: '',
    thisMonth: '',
    rows: 'branches',
    scopes: [],
    scopeLabels: [],
    scopeIndex: 0,
    rowsNote: '',
    exporting: false,
    exported: null,
    filePath: '',
    exportError: '',
  },

  methods: {
    onLoad(q: Record<string, string | undefined>) {
      const thisMonth = thisMonthKey()
      const month = /^\d{4}-\d{2}$/.test(q.month ?? '') ? q.month! : thisMonth
      this.setData({
        wanted: {
          branchId: q.branchId ?? '',
          communityId: q.communityId ?? '',
          district: q.scope === 'district',
          rows: q.rows === 'members' || q.branchId ? 'members' : 'branches',
        },
        thisMonth,
        month,
        monthTitle: monthLabel(month),
      })
      this.load()
    },

    load(): Promise<void> {
      return loadInto(
        this,
        async () => {
          const { me } = await api.member.me()
          const roles = me.kind === 'member' || me.kind === 'admin' ? me.roles : []
          const officer = roles.includes('districtAdmin') || roles.includes('communityAdmin')
          return { roles, tree: officer ? await api.org.tree() : null }
        },
        ({ roles, tree }) => {
          if (!tree) return forbidden(NOT_OFFICER)
          const { wanted } = this.data
          const scopes = scopesOf(roles, tree.root, wanted)
          const scopeIndex = pickedScope(scopes, wanted)
          return {
            scopes,
            scopeLabels: scopes.map((s) => s.label),
            scopeIndex,
            ...rowsFor(scopes[scopeIndex], wanted.rows),
          }
        },
      )
    },

    onMonth(e: WechatMiniprogram.PickerChange) {
      const month = String(e.detail.value)
      this.setData({ month, monthTitle: monthLabel(month), exported: null, exportError: '' })
    },

    onScope(e: WechatMiniprogram.PickerChange) {
      const scopeIndex = Number(e.detail.value)
      this.setData({
        scopeIndex,
        ...rowsFor(this.data.scopes[scopeIndex], this.data.rows),
        exported: null,
        exportError: '',
      })
    },

    onRows(e: WechatMiniprogram.TouchEvent<object, object, { rows: Rows }>) {
      if (this.data.rowsNote) return
      this.setData({ rows: e.currentTarget.dataset.rows, exported: null, exportError: '' })
    },

    async onExport(): Promise<void> {
      const { month, rows, scopes, scopeIndex } = this.data
      const { communityId, branchId } = scopes[scopeIndex]
      this.setData({ exportError: '' })
      await runAction(this, {
        busyKey: 'exporting',
        work: async (): Promise<[StatsOutputs['exportMonth'], string]> => {
          const out = await api.stats.exportMonth({
            rows,
            month,
            ...(branchId ? { branchId } : communityId ? { communityId } : {}),
          })
          return [out, await download(out.fileID)]
        },
        after: ([out, filePath]) => {
          this.setData({
            exported: {
              filename: out.filename,
              title: `${monthLabel(out.month)} · ${rows === 'members' ? '按党员' : '按支部'}`,
              rowCount: out.rowCount,
            },
            filePath,
          })
          // An empty month is said so on the page; there is nothing to read in the file.
          return out.rowCount ? openFile(filePath) : undefined
        },
        failed: (err) => this.setData({ exportError: errorMessage(err) }),
      })
    },

    onOpen() {
      return openFile(this.data.filePath)
    },

    onShare() {
      const { filePath, exported } = this.data
      if (!exported) return
      return wx
        .shareFileMessage({ filePath, fileName: exported.filename })
        .catch((err: { errMsg?: string }) => {
          if (!/cancel/.test(err?.errMsg ?? ''))
            wx.showToast({ title: '转发未完成，请稍后重试', icon: 'none' })
        })
    },
  },
})
