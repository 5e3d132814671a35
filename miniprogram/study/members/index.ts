// 本支部学习情况: the branch's members and how many of this month's due 网上党校 items each finished, those
// missing most first. The secretary's own branch; community and district admins open a branch with ?branchId=.
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import { branchScoped } from '../../behaviors/scoped'
import type { ElderData } from '../../behaviors/elder'
import { periodLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto } from '../../utils/page'

type Row = { id: string; name: string; note: string; done: boolean }

export type Data = ElderData &
  LoadData & {
    branchId: string
    summary: string
    rows: Row[]
  }

const FOR_OFFICERS = '这里是支部书记查看本支部党员网上党校学习情况的页面。' + OFFICERS_GO

definePage<Data>()({
  behaviors: [loaded, shown, pulled, branchScoped],
  data: { branchId: '', summary: '', rows: [] },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.study.members(this.branchScope()),
        (r) => ({
          status: r.items ? 'ready' : 'empty',
          message: `${r.branchName}本月没有必学内容`,
          summary: `${r.branchName} · ${periodLabel(r.month)}必学 ${r.items} 项 · 未学完 ${r.members.filter((m) => m.missing > 0).length} 人`,
          rows: r.members.map((m) => ({
            id: m.id,
            name: m.name,
            note: m.missing ? `已学 ${m.done} 项，还差 ${m.missing} 项` : `${m.done} 项全部学完`,
            done: m.missing === 0,
          })),
        }),
        { failed: (err) => finalRefusal(err, FOR_OFFICERS) },
      )
    },
  },
})
