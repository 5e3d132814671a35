// 待办: everything waiting for the branch secretary (or, with ?scope=community, the community admin), one
// call, grouped by kind; each line opens the page where it is handled.
import type { TodoItem, TodoKind, TodoSection } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { reloadHandlers } from '../../utils/refresh'

type Scope = 'secretary' | 'community'
type Section = {
  kind: TodoKind
  title: string
  countText: string
  overdueCount: number
  items: TodoItem[]
  more: boolean
}
type OpenEvent = WechatMiniprogram.TouchEvent<object, object, { kind: TodoKind; ref?: string }>

type Data = {
  status: 'loading' | 'ready' | 'empty' | 'error'
  errorMessage: string
  pageStyle: string
  scope: Scope
  heading: string
  total: number
  totalText: string
  sections: Section[]
}

type Custom = {
  load(): Promise<void>
  onRetry(): void
  onOpen(e: OpenEvent): void
}

/**
 * Where each kind is handled: a tab page, or a page opened for the item (`ref`) or for the whole list. A kind
 * with both opens its item's page from a line and the tab from 查看全部.
 */
const KINDS: Record<TodoKind, { title: string; tab?: string; page?: (ref?: string) => string }> = {
  registrations: { title: '待审核的党员登记', tab: '/pages/mine/index' },
  messages: { title: '超过 3 天未回复的留言', page: () => '/pages/board/index' },
  appeals: { title: '待受理、待答复的诉求', page: () => '/pages/appeal-inbox/index' },
  newsMediaReview: {
    title: '动态图片待人工审核',
    tab: '/pages/interact/index',
    page: (ref) => `/pages/news-detail/index?id=${ref}`,
  },
  // The inbox's review list: it also holds the appeals handled at another level (the community admin's).
  appealMediaReview: {
    title: '诉求图片待人工审核',
    page: () => '/pages/appeal-inbox/index?review=1',
  },
  leaves: {
    title: '待审批的请假',
    page: (ref) => (ref ? `/pages/orglife-room/index?id=${ref}` : '/pages/orglife/index'),
  },
  cadence: { title: '三会一课待安排', tab: '/pages/orglife/index' },
  belowMinimum: { title: '本月未达最低要求的党员', page: () => '/pages/branch-month/index' },
  wishReviews: {
    title: '待审核的微心愿',
    page: (ref) => (ref ? `/pages/wish-detail/index?id=${ref}` : '/pages/wish-wall/index'),
  },
  overdueClaims: {
    title: '认领超过 14 天未完成的心愿',
    page: (ref) => (ref ? `/pages/wish-detail/index?id=${ref}` : '/pages/wish-wall/index'),
  },
  wishMediaReview: {
    title: '心愿图片待人工审核',
    page: (ref) => (ref ? `/pages/wish-detail/index?id=${ref}` : '/pages/wish-wall/index'),
  },
  // The room shows a session's materials in every phase, closed ones included.
  sessionMediaReview: {
    title: '组织生活材料图片待人工审核',
    tab: '/pages/orglife/index',
    page: (ref) => `/pages/orglife-room/index?id=${ref}`,
  },
  branchCadence: { title: '三会一课滞后的支部', tab: '/pages/orglife/index' },
}

const countText = (count: number, capped: boolean) => (capped ? `${count}+` : String(count))

const toSection = (s: TodoSection): Section => ({
  kind: s.kind,
  title: KINDS[s.kind].title,
  countText: countText(s.count, s.capped),
  overdueCount: s.overdueCount,
  items: s.items,
  more: s.count > s.items.length,
})

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    pageStyle: '',
    scope: 'secretary',
    heading: '',
    total: 0,
    totalText: '0',
    sections: [],
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ scope: query.scope === 'community' ? 'community' : 'secretary' })
  },

  ...reloadHandlers,

  async load() {
    // Coming back after handling something refreshes in place; only the first load shows the spinner.
    if (this.data.status !== 'ready') this.setData({ status: 'loading' })
    try {
      const todo =
        this.data.scope === 'community'
          ? await api.todo.community().then((t) => ({ ...t, heading: t.communityName }))
          : await api.todo.secretary().then((t) => ({ ...t, heading: t.branchName }))
      const sections = todo.sections.filter((s) => s.count > 0).map(toSection)
      this.setData({
        status: sections.length ? 'ready' : 'empty',
        errorMessage: '暂无待办，辛苦了',
        heading: todo.heading,
        total: todo.total,
        totalText: countText(
          todo.total,
          todo.sections.some((s) => s.capped),
        ),
        sections,
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  onRetry() {
    this.setData({ status: 'loading' })
    this.load()
  },

  onOpen(e) {
    const { kind, ref } = e.currentTarget.dataset
    const target = KINDS[kind]
    if (target.page && (ref || !target.tab)) wx.navigateTo({ url: target.page(ref) })
    else if (target.tab) wx.switchTab({ url: target.tab })
  },
})
