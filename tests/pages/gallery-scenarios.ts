// Who sees which page in the gallery, and with what query. Pages not listed are shown to every role.
import { type TestCloud, dataOf } from '../support/cloud'
import { ONE_QUESTION_QUIZ } from '../support/fixtures'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { galleryActivity } from './gallery-activity'

export const ROLES = {
  member: { openid: 'demo-member-1', label: '党员（demo-member-1）' },
  secretary: { openid: 'demo-secretary-1', label: '支部书记（demo-secretary-1）' },
  /** branch-1's 信息员: their 待办 (留言, 长期未更新) on 首页 and the 待办 page. */
  infoOfficer: { openid: 'demo-member-2', label: '信息员（demo-member-2）' },
  resident: { openid: 'demo-resident-1', label: '居民（demo-resident-1）' },
  communityAdmin: { openid: 'demo-community-admin-1', label: '社区党委（demo-community-admin-1）' },
  districtAdmin: { openid: 'demo-district-admin', label: '区委组织部（demo-district-admin）' },
  /** The same resident with 长辈模式 on: every page a resident sees is shown this way too. */
  elder: { openid: 'demo-resident-1', label: '居民 · 长辈模式' },
  /** A member with 长辈模式 on, on the tab pages a member opens every day. */
  elderMember: { openid: 'demo-member-1', label: '党员 · 长辈模式' },
} as const
export type RoleName = keyof typeof ROLES

export type Scenario = {
  roles: RoleName[]
  /** The page's onLoad query, made from the seeded activity (for the role it is shown to). */
  query?: (cloud: TestCloud, role: RoleName) => Promise<Record<string, string>>
}

/** One 网上党校 item with a quiz, pushed by the district to every branch (made once per cloud). */
const studyItems = new WeakMap<object, Promise<string>>()
function pushedStudyItem(cloud: TestCloud): Promise<string> {
  const key = cloud.db as object
  const made =
    studyItems.get(key) ??
    (async () => {
      const as = cloud.as(ROLES.districtAdmin.openid)
      const { topic } = dataOf(
        await as.study.createTopic({
          draftId: 'gallery-topic',
          title: '学习党的二十届四中全会精神',
          dueMonth: '2026-11',
        }),
      )
      const { item } = dataOf(
        await as.study.publish({
          draftId: 'gallery-item',
          topicId: topic.id,
          title: '5分钟电子党课',
          kind: 'article',
          body: '全会审议通过了建议稿，党员要认真学习领会。',
          minutes: 5,
          quiz: ONE_QUESTION_QUIZ,
        }),
      )
      return item.id
    })()
  studyItems.set(key, made)
  return made
}

/** The member's month with what the secretary chases: the pushed study item due and a 党费 base confirmed. */
const monthTasks = new WeakMap<object, Promise<Record<string, string>>>()
function memberMonthTasks(cloud: TestCloud): Promise<Record<string, string>> {
  const key = cloud.db as object
  const made =
    monthTasks.get(key) ??
    (async () => {
      await pushedStudyItem(cloud)
      dataOf(
        await cloud.as(ROLES.member.openid).dues.declareBase({ kind: 'salary', baseFen: 360_000 }),
      )
      const memberId = memberIdOf(ROLES.member.openid)
      dataOf(await cloud.as(ROLES.secretary.openid).dues.confirmBase({ memberId }))
      return {}
    })()
  monthTasks.set(key, made)
  return made
}

export const SCENARIOS: Record<string, Scenario> = {
  // 首页's month with 网上党校 必学 and 党费 lines (each role as by default, and the 信息员's 待办).
  'pages/home/index': {
    roles: ['member', 'secretary', 'resident', 'infoOfficer'],
    query: (cloud) => memberMonthTasks(cloud),
  },
  'pages/todo/index': { roles: ['member', 'secretary', 'resident', 'infoOfficer'] },
  'branch/branch-month/index': { roles: ['secretary'] },
  'branch/below-minimum/index': { roles: ['secretary'] },
  'orglife/room/index': {
    roles: ['member', 'secretary'],
    query: async (cloud) => ({ id: (await galleryActivity(cloud)).openSession }),
  },
  'orglife/record/index': {
    roles: ['member', 'secretary'],
    query: async (cloud) => ({ id: (await galleryActivity(cloud)).closedSession }),
  },
  'branch/orglife-form/index': { roles: ['secretary'] },
  // 长辈模式 shows 积分规则 open (as 报到's month view opens it): the sheet in large type.
  'pages/ranking/index': {
    roles: ['member', 'secretary', 'elderMember'],
    query: async (_cloud, role): Promise<Record<string, string>> =>
      role === 'elderMember' ? { rules: '1' } : {},
  },
  'pages/board/index': { roles: ['member', 'secretary'] },
  'branch/appeal-inbox/index': { roles: ['secretary'] },
  'pages/news-detail/index': {
    roles: ['member', 'secretary', 'resident'],
    query: async (cloud) => ({ id: (await galleryActivity(cloud)).newsId }),
  },
  // The claimer (demo-member-1) at a claimed wish: 拨打电话, 复制地址, 放弃认领 below; the resident at the wish
  // fulfilled and waiting for them to confirm 心愿已完成 (待您确认, 还没办好), the community admin at the same
  // wish (待居民确认, since when).
  'wish/detail/index': {
    roles: ['member', 'secretary', 'resident'],
    query: async (cloud, role) => {
      const { wishId, fulfilledWishId } = await galleryActivity(cloud)
      const waiting = role === 'resident' || role === 'elder' || role === 'communityAdmin'
      return { id: waiting ? fulfilledWishId : wishId }
    },
  },
  'community/report/index': { roles: ['member', 'secretary'] },
  'community/services/index': { roles: ['member', 'secretary'] },
  'community/record/index': { roles: ['member', 'secretary'] },
  // The community admin's pages (社区工作台 and what it leads to); a district admin is told what they are for.
  'officer/community/index': { roles: [] },
  'officer/wish-review/index': { roles: [] },
  'officer/services/index': { roles: [] },
  // 任免 as a 待办 line opens it: the branch's members below what is missing.
  'officer/appoint/index': { roles: [], query: async () => ({ branchId: 'branch-1' }) },
  'officer/service-form/index': { roles: [] },
  'officer/service-confirm/index': {
    roles: [],
    query: async (cloud) => ({ id: (await galleryActivity(cloud)).serviceId }),
  },
  'officer/roster/index': { roles: [] },
  // 任免信息员: the secretary's; a member is told whose page it is.
  'officer/info-officers/index': { roles: ['secretary', 'member'] },
  // 邀请党员登记: the secretary's; a member is told who sends it. 登记 opened by one: a resident (the one
  // who may register) sees the branch chosen, members that they need not register again.
  'officer/invite/index': { roles: ['secretary', 'member'] },
  'pages/register/index': {
    roles: ['member', 'secretary', 'resident'],
    query: async () => ({ branchId: 'branch-2' }),
  },
  // 组织关系接转: the member's pages, and branch-1's queue and 办理离开 for its secretary and the admins over it.
  'member/transfer/index': { roles: ['member', 'secretary'] },
  'member/history/index': {
    roles: ['member', 'secretary'],
    query: async () => ({ memberId: memberIdOf(ROLES.member.openid) }),
  },
  'officer/transfers/index': {
    roles: ['secretary'],
    query: async () => ({ branchId: 'branch-1' }),
  },
  'officer/leave/index': { roles: ['secretary'], query: async () => ({ branchId: 'branch-1' }) },
  // 党费: the member's own page; branch-1's register for its secretary and the admins over it.
  'dues/mine/index': { roles: ['member', 'secretary'] },
  'dues/register/index': { roles: ['secretary'], query: async () => ({ branchId: 'branch-1' }) },
  // 各支部党费收缴: the community and district admins' page (always shown); a secretary and a member are told
  // what it is for.
  'dues/branches/index': { roles: ['secretary', 'member'] },
  // 网上党校: an item the district pushed to every branch; publishing for the secretary (and the district admin).
  'study/item/index': {
    roles: ['member', 'secretary', 'resident'],
    query: async (cloud) => ({ id: await pushedStudyItem(cloud) }),
  },
  'study/publish/index': { roles: ['secretary', 'member'] },
  'study/branches/index': { roles: [] },
  'study/members/index': {
    roles: ['secretary', 'member'],
    query: async () => ({ branchId: 'branch-1' }),
  },
  // Officers' month views: community and district staff only (they are always shown every page).
  'officer/ranking/index': { roles: [] },
  // A branch's sessions as those who oversee it read them (its members may too).
  'officer/sessions/index': {
    roles: ['member', 'secretary'],
    query: async () => ({ branchId: 'branch-1' }),
  },
  'officer/trend/index': {
    roles: [],
    query: async () => ({ scope: 'branch', branchId: 'branch-1' }),
  },
  // Community and district admins only (the gallery always adds them); others get a note of what it is for.
  'officer/export/index': { roles: [] },
  // The organisation register: community and district admins only; xinhua has a 联合党总支 over branch-2 and
  // branch-3 (made again idempotently: the same draft, the same placement).
  'officer/register/index': {
    roles: [],
    query: async (cloud) => {
      const as = cloud.as(ROLES.districtAdmin.openid)
      const { generalBranch } = dataOf(
        await as.org.createGeneralBranch({
          draftId: 'gallery-general',
          communityId: 'community-xinhua',
          name: '新华路两新组织联合党总支',
        }),
      )
      for (const branchId of ['branch-2', 'branch-3'])
        dataOf(await as.org.placeBranch({ branchId, generalBranchId: generalBranch.id }))
      return {}
    },
  },
  'officer/organizations/index': { roles: [] },
  'officer/org-coverage/index': { roles: [] },
  // 月度交接: the district admin's (a community admin is told what it is for); this month's counters opened
  // in slices, so the page shows a finished run beside last month's settlement not yet started.
  'officer/month-progress/index': {
    roles: [],
    query: async (cloud) => {
      dataOf(await cloud.as(ROLES.districtAdmin.openid).stats.openMonth({}))
      return {}
    },
  },
}
