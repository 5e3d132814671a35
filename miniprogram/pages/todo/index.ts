// 待办: everything waiting for the branch secretary (or, with ?scope=infoOfficer / community / district, the
// branch's 信息员, the community or district admin; without a scope, whichever the caller is), one call, grouped by kind; each line opens the
// page where it is handled, and a line with no page for the caller (the district watching a community's
// appeals) says so and is shown plain.
import type { TodoItem, TodoKind, TodoSection } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'
import { type TodoScope, remindBelow, todoScopeOf } from '../../utils/todo'

type Scope = TodoScope
type Section = {
  kind: TodoKind
  title: string
  countText: string
  overdueCount: number
  items: TodoItem[]
  more: boolean
  /** Its lines open a page; otherwise they are shown plain, with `hint` saying what to do. */
  linked: boolean
  /** 查看全部 opens a page; otherwise the rest follow as these are done. */
  moreLinked: boolean
  hint: string
  /** The action its lines lead to, shown beside each line's note (去发布); '' for none. */
  go: string
}
type OpenEvent = WechatMiniprogram.TouchEvent<object, object, { kind: TodoKind; ref?: string }>

export type Data = ElderData &
  LoadData & {
    scope: Scope
    heading: string
    total: number
    totalText: string
    /** The secretary's own sections; `owed`: what members owe, listed but not counted. */
    sections: Section[]
    owed: Section[]
    /** Members below the minimums as one line with 一键提醒 (secretaries; null when nobody is below). */
    below: { title: string; note: string; open: boolean } | null
    reminding: boolean
  }

/**
 * Where each kind is handled: a tab page, or a page opened for the item (`ref`) or for the whole list. A kind
 * with both opens its item's page from a line and the tab from 查看全部.
 */
const KINDS: Record<
  TodoKind,
  {
    title: string
    tab?: string
    /** '' where the caller's scope has no such page. */
    page?: (ref?: string, scope?: Scope) => string
    /** What to do about a line that opens nothing. */
    hint?: string
    /** The action a line leads to, where the scope acts on it itself. */
    go?: (scope: Scope) => string
  }
> = {
  registrations: { title: '待审核的党员登记', tab: '/pages/mine/index' },
  // An admin acts for branches without a secretary, one queue per branch: no list of them all.
  transfers: {
    title: '待办理的组织关系接转',
    page: (ref, scope) =>
      ref
        ? `/officer/transfers/index?branchId=${ref}`
        : scope === 'secretary'
          ? '/officer/transfers/index'
          : '',
  },
  messages: { title: '未回复的留言', page: () => '/pages/board/index' },
  appeals: { title: '待受理、待答复的诉求', page: () => '/branch/appeal-inbox/index' },
  newsMediaReview: {
    title: '动态图片待人工审核',
    tab: '/pages/interact/index',
    page: (ref) => `/pages/news-detail/index?id=${ref}`,
  },
  // The inbox's review list: it also holds the appeals handled at another level (the community admin's).
  appealMediaReview: {
    title: '诉求图片待人工审核',
    page: () => '/branch/appeal-inbox/index?review=1',
  },
  leaves: {
    title: '待审批的请假',
    tab: '/pages/orglife/index',
    page: (ref) => `/orglife/room/index?id=${ref}`,
  },
  cadence: { title: '三会一课待安排', tab: '/pages/orglife/index' },
  belowMinimum: { title: '本月未达最低要求的党员', page: () => '/branch/below-minimum/index' },
  studyDue: { title: '本月网上党校未学完的党员', page: () => '/study/members/index' },
  duesDeclarations: { title: '待确认的党费基数申报', page: () => '/dues/register/index' },
  duesUnpaid: { title: '本月党费未交的党员', page: () => '/dues/register/index' },
  // The wall shows no wish still under review: all of them are on the review page.
  wishReviews: {
    title: '待审核的微心愿',
    page: (ref) => (ref ? `/wish/detail/index?id=${ref}` : '/officer/wish-review/index'),
  },
  overdueClaims: {
    title: '认领超过 14 天未完成的心愿',
    tab: '/pages/wish-wall/index',
    page: (ref) => `/wish/detail/index?id=${ref}`,
  },
  unconfirmedWishes: {
    title: '待居民确认超过 7 天的心愿',
    tab: '/pages/wish-wall/index',
    page: (ref) => `/wish/detail/index?id=${ref}`,
  },
  serviceConfirmations: {
    title: '待填写反馈卡的服务',
    page: (ref) =>
      ref ? `/officer/service-confirm/index?id=${ref}` : '/officer/services/index?when=past',
  },
  overdueReports: { title: '报到即将到期或已超期的党员', page: () => '/officer/roster/index' },
  wishMediaReview: {
    title: '心愿图片待人工审核',
    tab: '/pages/wish-wall/index',
    page: (ref) => `/wish/detail/index?id=${ref}`,
  },
  // The room shows a session's materials in every phase, closed ones included.
  sessionMediaReview: {
    title: '组织生活材料图片待人工审核',
    tab: '/pages/orglife/index',
    page: (ref) => `/orglife/room/index?id=${ref}`,
  },
  studyMediaReview: {
    title: '网上党校图片待人工审核',
    page: (ref) => (ref ? `/study/item/index?id=${ref}` : '/study/index/index'),
  },
  // The branch's sessions, read-only; all lagging branches: 组织概况 (the community's or the district's).
  branchCadence: {
    title: '三会一课滞后的支部',
    page: (ref) => (ref ? `/officer/sessions/index?branchId=${ref}` : '/officer/overview/index'),
  },
  // A secretary or 信息员 brings their own site up to date; officers see every quiet branch in 组织概况.
  staleBranches: {
    title: '支部动态长期未更新',
    page: (_ref, scope) =>
      scope === 'secretary' || scope === 'infoOfficer'
        ? '/branch/news-editor/index'
        : '/officer/overview/index',
    go: (scope) => (scope === 'secretary' || scope === 'infoOfficer' ? '去发布' : ''),
  },
  // A line opens 任免 on its branch's members (or its community's: the page tells the two ids apart).
  unstaffed: {
    title: '缺少书记或管理员',
    page: (ref) => `/officer/appoint/index${ref ? `?branchId=${ref}` : ''}`,
  },
  // The community admin proposes a secretary from the branch's members (its month, each member's record); all
  // of them: 组织概况, each branch with its secretary or 空缺.
  unstaffedBranches: {
    title: '尚无书记的支部',
    page: (ref) => (ref ? `/branch/branch-month/index?branchId=${ref}` : '/officer/overview/index'),
  },
  // The community answers it (the district reads no community's inbox); each line names the community to chase.
  overdueAppeals: {
    title: '社区超期未答复的诉求',
    hint: '诉求由社区党委答复，请督促所列社区尽快办理',
  },
  // 月度交接 starts or resumes the settlement; the ranking only shows it once done.
  unsettled: {
    title: '上月尚未结算',
    page: (ref) => `/officer/month-progress/index${ref ? `?month=${ref}` : ''}`,
  },
}

const countText = (count: number, capped: boolean) => (capped ? `${count}+` : String(count))

/** Where a line (its `ref`) or 查看全部 (no ref) of `kind` leads for `scope`: a page, a tab, or nowhere. */
function targetOf(kind: TodoKind, ref: string | undefined, scope: Scope) {
  const { page, tab } = KINDS[kind]
  const url = page && (ref || !tab) ? page(ref, scope) : ''
  if (url) return { url, tab: false }
  return tab ? { url: tab, tab: true } : null
}

const toSection =
  (scope: Scope) =>
  (s: TodoSection): Section => ({
    kind: s.kind,
    title: KINDS[s.kind].title,
    countText: countText(s.count, s.capped),
    overdueCount: s.overdueCount,
    items: s.items,
    more: s.count > s.items.length,
    linked: s.items.every((item) => !!targetOf(s.kind, item.ref, scope)),
    moreLinked: !!targetOf(s.kind, undefined, scope),
    hint: KINDS[s.kind].hint ?? '',
    go: KINDS[s.kind].go?.(scope) ?? '',
  })

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: {
    scope: '',
    heading: '',
    total: 0,
    totalText: '0',
    sections: [],
    owed: [],
    below: null,
    reminding: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const scope = query.scope ?? ''
      if (['secretary', 'infoOfficer', 'community', 'district'].includes(scope))
        this.setData({ scope: scope as Scope })
    },

    load(): Promise<void> {
      return loadInto(
        this,
        async (): Promise<{ heading: string; total: number; sections: TodoSection[] } | null> => {
          // Opened without a scope (a link, the gallery): the caller's own 待办, if they have one.
          if (!this.data.scope) this.setData({ scope: todoScopeOf((await api.member.me()).me) })
          const scope = this.data.scope
          if (scope === 'district')
            return api.todo.district().then((t) => ({ ...t, heading: t.districtName }))
          if (scope === 'community')
            return api.todo.community().then((t) => ({ ...t, heading: t.communityName }))
          if (scope === 'infoOfficer')
            return api.todo.infoOfficer().then((t) => ({ ...t, heading: t.branchName }))
          return scope ? api.todo.secretary().then((t) => ({ ...t, heading: t.branchName })) : null
        },
        (todo) => {
          if (!todo)
            return {
              status: 'empty',
              message: '待办供支部书记、信息员、社区和区委组织部管理员使用',
            }
          // The below-minimum line has its own card; a section shows while it has lines (counted or not).
          const shown = todo.sections.filter((s) => s.items.length && s.kind !== 'belowMinimum')
          const sections = shown.filter((s) => s.own).map(toSection(this.data.scope))
          const owed = shown.filter((s) => !s.own).map(toSection(this.data.scope))
          // Open (counted) until 一键提醒 has reached everyone today.
          const summary = todo.sections.find((s) => s.kind === 'belowMinimum')
          const line = summary?.items[0]
          const below = line
            ? { title: line.title, note: line.note, open: summary.count > 0 }
            : null
          return {
            status: sections.length || owed.length || below ? 'ready' : 'empty',
            message: '暂无待办，辛苦了',
            heading: todo.heading,
            total: todo.total,
            totalText: countText(
              todo.total,
              todo.sections.some((s) => s.own && s.capped),
            ),
            sections,
            owed,
            below,
          }
        },
      )
    },

    onOpenBelow() {
      wx.navigateTo({ url: KINDS.belowMinimum.page!() })
    },

    onRemindBelow(): Promise<boolean> {
      return remindBelow(this, () => this.load())
    },

    onOpen(e: OpenEvent) {
      const { kind, ref } = e.currentTarget.dataset
      const target = targetOf(kind, ref, this.data.scope)
      if (target?.tab) wx.switchTab({ url: target.url })
      else if (target) wx.navigateTo({ url: target.url })
    },
  },
})
