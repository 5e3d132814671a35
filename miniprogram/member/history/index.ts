// 组织关系记录: a member's branches over time — joining, each transfer (who released, who accepted), their
// branch merged into another or moved to another community (who decided), leaving.
// The member's own by default; officers open a member's with ?memberId=.
import type { HistoryEntry } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDay } from '../../utils/date'
import { definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto } from '../../utils/page'

type Line = { key: string; date: string; title: string; note: string }

export type Data = ElderData &
  LoadData & {
    memberId: string
    name: string
    branchName: string
    statusText: string
    lines: Line[]
  }

const NOT_A_MEMBER =
  '这里是党员的组织关系记录（所在支部、转接、支部合并与划转、离开）。' + OFFICERS_GO

function lineOf(e: HistoryEntry, i: number): Line {
  const base = { key: `${e.kind}-${i}`, date: formatDay(e.at) }
  switch (e.kind) {
    case 'joined':
      return {
        ...base,
        title: `加入${e.branchName}`,
        note: `审核：${e.by}${e.resident ? ` · 此前为${e.resident.communityName}居民（居民身份保留）` : ''}`,
      }
    case 'transferred':
      return {
        ...base,
        title: `由${e.fromBranchName}转入${e.branchName}`,
        note: `转出：${e.releasedBy} · 接收：${e.by}${e.office ? ` · ${e.office}` : ''}`,
      }
    case 'merged':
      return {
        ...base,
        title: `所在支部并入「${e.branchName}」`,
        note: `原支部：${e.fromBranchName} · 批准：${e.by}${e.office ? ` · ${e.office}` : ''}`,
      }
    case 'moved':
      return {
        ...base,
        title: `所在支部划转至「${e.communityName}」`,
        note: `${e.branchName}（原属${e.fromCommunityName}） · 批准：${e.by}`,
      }
    case 'left':
      return {
        ...base,
        title: `${e.leaveKindText}（${e.branchName}）`,
        note: `${e.reason} · 办理：${e.by}`,
      }
  }
}

const STATUS_TEXT = { pending: '待审核', active: '在册', rejected: '未通过', left: '已离开' }

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: { memberId: '', name: '', branchName: '', statusText: '', lines: [] },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ memberId: decodeURIComponent(query.memberId ?? '') })
    },

    load(): Promise<void> {
      return loadInto(
        this,
        async () => {
          const memberId = this.data.memberId || (await ownId())
          return memberId ? api.member.history({ memberId }) : null
        },
        (h) =>
          h
            ? {
                status: h.entries.length ? 'ready' : 'empty',
                message: '还没有组织关系记录（注册通过审核后开始记录）',
                name: h.name,
                branchName: h.branchName,
                statusText: STATUS_TEXT[h.status],
                lines: h.entries.map(lineOf),
              }
            : { status: 'empty', message: NOT_A_MEMBER },
        { failed: (err) => finalRefusal(err) },
      )
    },
  },
})

/** The caller's own member id, or '' when they are not a member. */
async function ownId(): Promise<string> {
  const { me } = await api.member.me()
  return me.kind === 'member' ? me.id : ''
}
