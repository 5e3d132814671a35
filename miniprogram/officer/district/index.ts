// 区工作台: the district admin's entry page — the district's 待办 as tiles, each leading to where it is handled,
// the 长期未更新 setting, and the district's pages (任免, 组织概况 per community, 月度排行, 导出, 月度交接).
import type { TodoKind, TodoSection } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { loadInto, runAction } from '../../utils/page'
import { DISTRICT_ONLY, refusedWith } from './officers-only'

type Tile = { kind: TodoKind; title: string; countText: string; urgent: boolean; url: string }
type Community = { id: string; name: string }
type OpenEvent = WechatMiniprogram.TouchEvent<object, object, { url: string }>

export type Data = ElderData &
  LoadData & {
    districtName: string
    totalText: string
    tiles: Tile[]
    communities: Community[]
    staleAfterDays: number
    /** The setting as typed, sent on 保存. */
    daysInput: string
    saving: boolean
  }

const ALL_TODO = '/pages/todo/index?scope=district'
const OVERVIEW = '/officer/overview/index'

/** Each kind of the district's 待办, and where it is handled. */
const TILES: Partial<Record<TodoKind, { title: string; url: (s: TodoSection) => string }>> = {
  unstaffed: { title: '缺少书记或管理员', url: () => '/officer/appoint/index' },
  staleBranches: { title: '长期未更新的支部', url: () => OVERVIEW },
  overdueAppeals: { title: '社区超期未答复的诉求', url: () => ALL_TODO },
  branchCadence: { title: '三会一课滞后的支部', url: () => OVERVIEW },
  unsettled: {
    title: '上月尚未结算',
    url: (s) => `/officer/month-progress/index?month=${s.items[0]?.ref ?? ''}`,
  },
}

const countText = (count: number, capped: boolean) => (capped ? `${count}+` : String(count))

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: {
    districtName: '',
    totalText: '0',
    tiles: [],
    communities: [],
    staleAfterDays: 30,
    daysInput: '30',
    saving: false,
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => Promise.all([api.todo.district(), api.org.tree()]),
        ([todo, { root }]) => ({
          districtName: todo.districtName,
          totalText: countText(
            todo.total,
            todo.sections.some((s) => s.capped),
          ),
          tiles: todo.sections.flatMap((s) => {
            const tile = TILES[s.kind]
            return tile
              ? [
                  {
                    kind: s.kind,
                    title: tile.title,
                    countText: countText(s.count, s.capped),
                    urgent: s.overdueCount > 0,
                    url: tile.url(s),
                  },
                ]
              : []
          }),
          communities: root.children.map((c) => ({ id: c.id, name: c.name })),
          staleAfterDays: todo.staleAfterDays,
          daysInput: String(todo.staleAfterDays),
        }),
        { failed: refusedWith(DISTRICT_ONLY) },
      )
    },

    onOpen(e: OpenEvent) {
      wx.navigateTo({ url: e.currentTarget.dataset.url })
    },

    onDaysInput(e: WechatMiniprogram.Input) {
      this.setData({ daysInput: e.detail.value })
    },

    onSaveDays(): Promise<boolean> {
      return runAction(this, {
        busyKey: 'saving',
        work: () => api.org.updateSettings({ staleAfterDays: Number(this.data.daysInput) }),
        done: '已保存',
        after: () => this.load(),
      })
    },
  },
})
