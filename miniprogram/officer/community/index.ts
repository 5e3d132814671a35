// 社区工作台: the community admin's entry page — what waits (wishes and images to review, services to confirm,
// reports to remind of, quiet branch sites), each leading to where it is handled, and the community's pages.
import type { TodoKind, TodoSection } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'
import { NOT_FOR_YOU, forCommunityAdmin } from './admin-only'

type Tile = { key: string; title: string; countText: string; urgent: boolean; url: string }
type OpenEvent = WechatMiniprogram.TouchEvent<object, object, { url: string }>

export type Data = ElderData &
  LoadData & {
    communityName: string
    totalText: string
    tiles: Tile[]
  }

const ALL_TODO = '/pages/todo/index?scope=community'

/** The workbench's to-do tiles: each sums its kinds of the community's 待办. */
const TILES: { key: string; title: string; kinds: TodoKind[]; url: string }[] = [
  {
    key: 'wishes',
    title: '待审核的微心愿',
    kinds: ['wishReviews'],
    url: '/officer/wish-review/index',
  },
  {
    key: 'images',
    title: '待人工审核的图片',
    kinds: ['newsMediaReview', 'appealMediaReview', 'wishMediaReview', 'sessionMediaReview'],
    url: ALL_TODO,
  },
  {
    key: 'confirmations',
    title: '待填反馈卡的服务',
    kinds: ['serviceConfirmations'],
    url: '/officer/services/index?when=past',
  },
  {
    key: 'reports',
    title: '报到到期的党员',
    kinds: ['overdueReports'],
    url: '/officer/roster/index',
  },
  { key: 'stale', title: '长期未更新的支部', kinds: ['staleBranches'], url: ALL_TODO },
]

const countText = (count: number, capped: boolean) => (capped ? `${count}+` : String(count))

function tileOf(tile: (typeof TILES)[number], sections: TodoSection[]): Tile {
  const mine = sections.filter((s) => tile.kinds.includes(s.kind))
  const count = mine.reduce((sum, s) => sum + s.count, 0)
  return {
    key: tile.key,
    title: tile.title,
    countText: countText(
      count,
      mine.some((s) => s.capped),
    ),
    urgent: mine.some((s) => s.overdueCount > 0),
    url: tile.url,
  }
}

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: { communityName: '', totalText: '0', tiles: [] },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => forCommunityAdmin(() => api.todo.community()),
        (todo) =>
          todo
            ? {
                communityName: todo.communityName,
                totalText: countText(
                  todo.total,
                  todo.sections.some((s) => s.capped),
                ),
                tiles: TILES.map((t) => tileOf(t, todo.sections)),
              }
            : NOT_FOR_YOU,
      )
    },

    onOpen(e: OpenEvent) {
      wx.navigateTo({ url: e.currentTarget.dataset.url })
    },
  },
})
