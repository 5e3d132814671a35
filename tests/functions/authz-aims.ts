// For every action, the payloads the matrix sends, each aimed at branch-1's (or community-xinhua's) objects,
// with what it aims at. `fresh` builds the same aim on a new object for a caller who is allowed, so an
// allowed call never finds its object used up by another.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { CALLERS, HERE, type Target } from './authz-model'
import { type Fixtures, OWNERS, TODAY } from './authz-fixtures'

type Payload = Record<string, unknown>
export type Aim = { target: Target; payload: Payload; fresh?: () => Promise<Payload> }

const branch: Target = { ...HERE }
const community: Target = { communityId: HERE.communityId }
const none: Target = {}

/** Branch-only news by branch-1's 信息员. */
const news: Target = { ...HERE, owner: CALLERS.infoOfficer, readers: ['branch'], idField: 'newsId' }
/** Comments and 留言 are read by whoever reads their branch's board or news. */
const postOf = (idField: string): Target => ({
  ...HERE,
  owner: OWNERS.member,
  readers: ['branch'],
  idField,
})
/** A session is its branch's; the community's admin and district admins oversee it and read it. */
const sessionOf: Target = {
  ...HERE,
  readers: ['branch', 'communityAdmin', 'districtAdmin'],
  idField: 'sessionId',
}
/** A branch-level appeal is its requester's and its branch's; a resident's, the community's. */
const branchAppeal: Target = {
  branchId: HERE.branchId,
  owner: OWNERS.member,
  readers: ['owner', 'secretary'],
  idField: 'appealId',
}
const communityAppeal: Target = {
  communityId: HERE.communityId,
  owner: OWNERS.resident,
  readers: ['owner', 'communityAdmin'],
  idField: 'appealId',
}
const pendingWish: Target = {
  communityId: HERE.communityId,
  owner: OWNERS.resident,
  readers: ['owner', 'communityAdmin'],
  idField: 'wishId',
}
/** Published wishes are on the district's wall; their claimer acts on them as owner. */
const publicWish = (owner: string = OWNERS.resident): Target => ({
  communityId: HERE.communityId,
  owner,
  readers: ['public'],
  idField: 'wishId',
})
const OFFICERS = ['secretary', 'communityAdmin', 'districtAdmin'] as const
/** A transfer of branch-1's (leaving or joining it), seen by its member and both branches' officers. */
const transferOf: Target = { ...HERE, readers: OFFICERS, idField: 'transferId' }
const member3: Target = {
  ...HERE,
  owner: OWNERS.member,
  readers: ['owner', 'branch', 'communityAdmin', 'districtAdmin'],
  idField: 'memberId',
}

/** The register's communities, branches and organisations: their admins see them, others as missing. */
const ADMINS = ['communityAdmin', 'districtAdmin'] as const
const keptCommunity: Target = { ...community, readers: ADMINS, idField: 'communityId' }
const keptBranch: Target = { ...HERE, readers: ADMINS, idField: 'branchId' }
const keptGeneral: Target = { ...community, readers: ADMINS, idField: 'generalBranchId' }
/** branch-1's organisation as the demo district stores it. */
const ORGANIZATION = {
  communityId: HERE.communityId,
  name: '上海云启科技有限公司',
  kind: 'enterprise',
  industry: '软件和信息技术',
  address: '长宁区云启路 100 号',
  employees: 320,
  partyMembers: 31,
  coverage: 'own',
  instructor: null,
}

const appealAims = (
  f: Fixtures,
  extra: Payload,
  until: 'submitted' | 'accepted',
  levels: ('branch' | 'community')[] = ['branch', 'community'],
): Aim[] =>
  levels.map((level) =>
    level === 'branch'
      ? {
          target: branchAppeal,
          payload: { appealId: f.branchAppeal, ...extra },
          fresh: async () => ({
            appealId: await f.fresh.appeal(OWNERS.otherMember, until),
            ...extra,
          }),
        }
      : {
          target: communityAppeal,
          payload: { appealId: f.communityAppeal, ...extra },
          fresh: async () => ({
            appealId: await f.fresh.appeal(OWNERS.otherResident, until),
            ...extra,
          }),
        },
  )

const wishAim = (
  f: Fixtures,
  state: 'pending' | 'published' | 'claimed' | 'fulfilled',
  target: Target,
  extra: Payload = {},
  freshFrom?: string,
): Aim => {
  const shared = {
    pending: f.pendingWish,
    published: f.publishedWish,
    claimed: f.claimedWish,
    fulfilled: f.fulfilledWish,
  }[state]
  return {
    target,
    payload: { wishId: shared, ...extra },
    fresh: async () => ({ wishId: await f.fresh.wish(state, freshFrom), ...extra }),
  }
}

const one = (target: Target, payload: Payload = {}): Aim[] => [{ target, payload }]

/** A post of community-xinhua: only its admin may change it; to others it does not exist. */
const SERVICE_FIELDS = {
  title: '社区服务岗位',
  kind: '志愿活动',
  category: '爱心帮扶',
  date: '2026-03-11',
  place: '新华路街道党群服务中心',
  slots: 50,
}
const serviceAim = (f: Fixtures, extra: Payload): Aim => ({
  target: { ...community, readers: ['communityAdmin'], idField: 'serviceId' },
  payload: { serviceId: f.serviceId, ...extra },
  fresh: async () => ({ serviceId: await f.fresh.service(), ...extra }),
})

/** branch-1's 网上党校 topic and item: its members and district admins read them, others as missing. */
const studyOf = (idField: string): Target => ({
  ...HERE,
  readers: ['branch', 'districtAdmin'],
  idField,
})

/** Keyed `fn.action`; every registered action must have an entry (the matrix checks). */
export const AIMS: Record<string, (f: Fixtures) => Aim[]> = {
  'checkin.checkIn': () => one(none),
  'checkin.today': () => one(none),
  'checkin.myMonth': () => one(none),
  'checkin.branchMonth': () => one(branch, { branchId: HERE.branchId }),
  'checkin.settings': () => one(branch, { branchId: HERE.branchId }),
  'checkin.updateSettings': () => one(none, { minimums: { checkin: 4, comment: 10 } }),
  'checkin.belowMinimum': () => one(none),
  // Reminding twice the same day sends nothing more; every allowed caller is answered the same way.
  'checkin.remindBelow': () => one(none),

  'community.report': () =>
    one(community, { communityId: HERE.communityId, area: '新华小区', willingness: ['便民服务'] }),
  'community.postService': () =>
    one(none, {
      title: '社区服务岗位',
      kind: '志愿活动',
      category: '爱心帮扶',
      date: TODAY,
      place: '新华路街道党群服务中心',
      slots: 5,
    }),
  'community.services': () => one(community, { communityId: HERE.communityId }),
  'community.signup': (f) =>
    one({ ...community, readers: ['public'], idField: 'serviceId' }, { serviceId: f.serviceId }),
  'community.withdraw': (f) => one(community, { serviceId: f.serviceId }),
  'community.confirmService': (f) =>
    one(
      { ...community, readers: ['communityAdmin'], idField: 'serviceId' },
      {
        serviceId: f.serviceId,
        cards: [{ memberId: memberIdOf(OWNERS.member), hours: 1, rating: 5 }],
      },
    ),
  'community.myRecord': () => one(none),
  'community.roster': () => one(none),
  'community.overdue': () => one(none),
  'community.editService': (f) => [serviceAim(f, SERVICE_FIELDS)],
  'community.cancelService': (f) => [serviceAim(f, { reason: '场地临时维修' })],
  'community.remindReport': () =>
    one(
      { ...community, readers: ['communityAdmin'], idField: 'memberId' },
      { memberId: memberIdOf(OWNERS.member) },
    ),
  'community.branchRecord': () => one(branch, { branchId: HERE.branchId }),

  'interact.postNews': (f) =>
    one(none, { draftId: f.draftId(), title: '新的支部动态', body: '内容', visibility: 'branch' }),
  // Each edit differs: an update that changes nothing updates no document.
  'interact.editNews': (f) =>
    one(news, {
      newsId: f.newsId,
      title: `改过的标题${f.draftId()}`,
      body: '内容',
      visibility: 'branch',
    }),
  'interact.deleteNews': (f) => [
    {
      target: news,
      payload: { newsId: f.newsId },
      fresh: async () => ({ newsId: await f.fresh.news() }),
    },
  ],
  'interact.listNews': () => one(none),
  'interact.newsDetail': (f) => one(news, { newsId: f.newsId }),
  'interact.comment': (f) => one(news, { draftId: f.draftId(), newsId: f.newsId, text: '说得好' }),
  'interact.listComments': (f) => one(news, { newsId: f.newsId }),
  'interact.deleteComment': (f) => [
    {
      target: postOf('commentId'),
      payload: { commentId: f.commentId },
      fresh: async () => ({ commentId: await f.fresh.comment() }),
    },
  ],
  'interact.postMessage': (f) => one(none, { draftId: f.draftId(), text: '一条留言' }),
  // The caller's own board, or branch-1's named: its members and those who oversee it read it.
  'interact.listMessages': () => [
    ...one({ readers: ['ownBranch'] }),
    ...one(
      { ...HERE, readers: ['branch', 'communityAdmin', 'districtAdmin'], idField: 'branchId' },
      { branchId: HERE.branchId },
    ),
  ],
  'interact.replyMessage': (f) => [
    {
      target: postOf('messageId'),
      payload: { messageId: f.messageId, text: '收到，谢谢' },
      fresh: async () => ({ messageId: await f.fresh.message(), text: '收到，谢谢' }),
    },
  ],
  'interact.deleteMessage': (f) => [
    {
      target: postOf('messageId'),
      payload: { messageId: f.messageId },
      fresh: async () => ({ messageId: await f.fresh.message() }),
    },
  ],
  'interact.submitAppeal': (f) =>
    one(none, { draftId: f.draftId(), category: '学习培训', text: '希望多组织培训活动' }),
  'interact.myAppeals': () => one(none),
  'interact.appealInbox': () => one(none),
  'interact.acceptAppeal': (f) => appealAims(f, {}, 'submitted'),
  'interact.answerAppeal': (f) => appealAims(f, { answer: '已经安排' }, 'accepted'),
  'interact.escalateAppeal': (f) => appealAims(f, { note: '请社区协调' }, 'accepted', ['branch']),
  'interact.rateAppeal': (f) =>
    appealAims(f, { rating: 5 }, 'accepted').map((aim) => ({
      ...aim,
      // The requester rates their own answered appeal.
      fresh: async () => ({
        appealId: await f.fresh.appeal(aim.target.owner!, 'answered'),
        rating: 5,
      }),
    })),
  'interact.reviewMedia': (f) => {
    const review = (kind: string, id: string, target: Target): Aim => ({
      target: { ...target, idField: 'id' },
      payload: { kind, id, images: ['cloud://local.matrix/photo.jpg'], decision: 'pass' },
    })
    return [
      review('news', f.newsId, { ...HERE, readers: ['branch'] }),
      review('appeal', f.branchAppeal, {
        ...HERE,
        owner: OWNERS.member,
        readers: ['owner', 'secretary'],
      }),
      review('wishPhoto', f.pendingWish, pendingWish),
      review('wishFulfilPhotos', f.claimedWish, publicWish()),
      review('sessionMaterials', f.openSession, sessionOf),
      review('study', f.study.itemId, studyOf('id')),
    ]
  },

  'member.register': () =>
    one(branch, { kind: 'member', name: '李新人', phone: '13912340000', branchId: HERE.branchId }),
  'member.me': () => one(none),
  'member.approve': (f) => [
    {
      target: {
        ...HERE,
        owner: OWNERS.applicant,
        readers: ['owner', 'secretary'],
        idField: 'memberId',
      },
      payload: { memberId: f.applicant },
      fresh: async () => ({ memberId: await f.fresh.applicant() }),
    },
  ],
  'member.reject': (f) => [
    {
      target: {
        ...HERE,
        owner: OWNERS.applicant,
        readers: ['owner', 'secretary'],
        idField: 'memberId',
      },
      payload: { memberId: f.applicant, reason: '信息有误' },
      fresh: async () => ({ memberId: await f.fresh.applicant(), reason: '信息有误' }),
    },
  ],
  'member.directory': () => one(branch, { branchId: HERE.branchId }),
  // A member's full number: their own branch's secretary only; to anyone else the member does not exist.
  'member.revealPhone': () =>
    one(
      { ...HERE, owner: OWNERS.member, readers: ['secretary'], idField: 'memberId' },
      { memberId: memberIdOf(OWNERS.member) },
    ),
  // Revoking leaves every caller's roles as they were, whoever is allowed.
  'member.setRole': () =>
    [
      { role: 'infoOfficer', branchId: HERE.branchId },
      { role: 'secretary', branchId: HERE.branchId },
      { role: 'communityAdmin' },
    ].map((aim) => ({
      target: member3,
      payload: { memberId: memberIdOf(OWNERS.member), grant: false, ...aim },
    })),
  'member.phoneFromCode': () => one(none, { code: 'demo-phone-13800138000' }),
  'member.search': () => one(none, { query: '王' }),
  // 任免's vacancies, with a community's members to appoint as its admin.
  'member.vacancies': () => one(community, { communityId: HERE.communityId }),
  // 组织关系接转 (authz-transfers): the first step on a transfer wins, the others are told it moved on.
  'member.requestTransfer': () =>
    one(none, {
      toBranchId: 'branch-2',
      reason: '工作单位变动',
      standing: 'full',
      duesPaidUntil: '2026-02',
    }),
  'member.withdrawTransfer': (f) => [
    {
      target: { ...transferOf, owner: OWNERS.mover, readers: ['owner', ...OFFICERS] },
      payload: { transferId: f.transfers.toWithdraw },
    },
  ],
  'member.releaseTransfer': (f) => [
    { target: transferOf, payload: { transferId: f.transfers.toRelease } },
  ],
  'member.acceptTransfer': (f) => [
    { target: transferOf, payload: { transferId: f.transfers.toAccept } },
  ],
  'member.refuseTransfer': (f) => [
    { target: transferOf, payload: { transferId: f.transfers.toRefuse, reason: '请先与支部联系' } },
  ],
  'member.myTransfers': () => one(none),
  'member.transferQueue': () => one(branch, { branchId: HERE.branchId }),
  'member.history': () => [
    {
      target: {
        ...HERE,
        owner: OWNERS.member,
        readers: ['owner', ...OFFICERS],
        idField: 'memberId',
      },
      payload: { memberId: memberIdOf(OWNERS.member) },
    },
  ],
  'member.markLeft': (f) => [
    {
      target: { ...HERE, readers: OFFICERS, idField: 'memberId' },
      payload: { memberId: f.transfers.leaving, kind: 'movedOut', reason: '调往外区工作' },
    },
  ],

  'org.tree': () => one(none),
  'org.branch': () => one(branch, { branchId: HERE.branchId }),
  'org.overview': () => one(community, { communityId: HERE.communityId }),
  // The default again: whoever is allowed leaves the district as it was.
  'org.updateSettings': () => one(none, { staleAfterDays: 30 }),
  // The register: xinhua's community and branch-1 kept by their admins; edits restate what is stored, retiring
  // either answers CONFLICT (members, branches), creations make new ones named by their draft.
  'org.register': () => one(keptCommunity, { communityId: HERE.communityId }),
  'org.createCommunity': (f) => one(none, { draftId: f.draftId(), name: `矩阵社区${f.draftId()}` }),
  'org.updateCommunity': () =>
    one(keptCommunity, { communityId: HERE.communityId, name: '新华路街道社区综合党委' }),
  'org.retireCommunity': () => one(keptCommunity, { communityId: HERE.communityId }),
  'org.createBranch': (f) =>
    one(keptCommunity, {
      draftId: f.draftId(),
      communityId: HERE.communityId,
      name: `矩阵支部${f.draftId()}`,
      branchType: '联合',
    }),
  'org.updateBranch': () =>
    one(keptBranch, {
      branchId: HERE.branchId,
      name: '云启科技有限公司党支部',
      branchType: '独立',
    }),
  'org.retireBranch': () => one(keptBranch, { branchId: HERE.branchId }),
  // xinhua's 联合党总支 (a branch under it, so retiring answers CONFLICT); branch-1 is put under it.
  'org.createGeneralBranch': (f) =>
    one(keptCommunity, {
      draftId: f.draftId(),
      communityId: HERE.communityId,
      name: `矩阵党总支${f.draftId()}`,
    }),
  'org.updateGeneralBranch': (f) =>
    one(keptGeneral, { generalBranchId: f.generalBranch, name: '矩阵联合党总支' }),
  'org.retireGeneralBranch': (f) => one(keptGeneral, { generalBranchId: f.generalBranch }),
  'org.placeBranch': (f) =>
    one(keptBranch, { branchId: HERE.branchId, generalBranchId: f.generalBranch }),
  // Refused callers aim at branch-1 (into branch-2); allowed ones merge two new branches of xinhua.
  'org.mergeBranches': (f) => [
    {
      target: { ...keptBranch, idField: 'fromBranchId' },
      payload: { fromBranchId: HERE.branchId, intoBranchId: 'branch-2' },
      fresh: async () => {
        const [fromBranchId, intoBranchId] = await f.fresh.branchPair()
        return { fromBranchId, intoBranchId }
      },
    },
  ],
  // District admins only: a new branch of xinhua moves to jiangsu.
  'org.moveBranch': (f) => [
    {
      target: keptBranch,
      payload: { branchId: HERE.branchId, toCommunityId: 'community-jiangsu' },
      fresh: async () => {
        const [branchId] = await f.fresh.branchPair()
        return { branchId, toCommunityId: 'community-jiangsu' }
      },
    },
  ],
  'org.organizations': () => [
    ...one(keptCommunity, { communityId: HERE.communityId }),
    ...one(keptBranch, { branchId: HERE.branchId }),
  ],
  'org.createOrganization': (f) =>
    one(keptCommunity, {
      ...ORGANIZATION,
      draftId: f.draftId(),
      name: `矩阵企业${f.draftId()}`,
      coverage: 'none',
    }),
  'org.updateOrganization': () =>
    one(
      { communityId: HERE.communityId, readers: ADMINS, idField: 'organizationId' },
      { organizationId: 'branch-1-org-1', ...ORGANIZATION, branchId: HERE.branchId },
    ),
  'org.coverage': () => one(keptCommunity, { communityId: HERE.communityId }),

  'orglife.createSession': () =>
    one(none, {
      type: 'partyLecture',
      topic: '党课：新时代党建',
      opensAt: '2026-03-12T09:00:00+08:00',
      closesAt: '2026-03-12T18:00:00+08:00',
    }),
  'orglife.updateSession': (f) =>
    one(sessionOf, { sessionId: f.upcomingSession, topic: '主题党日：学习党章（改）' }),
  'orglife.cancelSession': (f) => [
    {
      target: sessionOf,
      payload: { sessionId: f.upcomingSession },
      fresh: async () => ({ sessionId: await f.fresh.session('upcoming') }),
    },
  ],
  // The caller's own branch, or branch-1's named: its members and those who oversee it read its sessions.
  'orglife.listSessions': () => [
    ...one({ readers: ['ownBranch'] }),
    ...one(
      { ...HERE, readers: ['branch', 'communityAdmin', 'districtAdmin'], idField: 'branchId' },
      { branchId: HERE.branchId },
    ),
  ],
  'orglife.sessionDetail': (f) => one(sessionOf, { sessionId: f.openSession }),
  'orglife.attend': (f) => one(sessionOf, { sessionId: f.openSession }),
  'orglife.speak': (f) => one(sessionOf, { sessionId: f.openSession, text: '我来谈谈体会' }),
  'orglife.requestLeave': (f) =>
    one(sessionOf, { sessionId: f.upcomingSession, reason: '家中有事' }),
  'orglife.decideLeave': (f) =>
    one(sessionOf, {
      sessionId: f.upcomingSession,
      memberId: memberIdOf(OWNERS.member),
      approve: true,
    }),
  'orglife.closeSession': (f) => [
    {
      target: sessionOf,
      payload: { sessionId: f.openSession, minutes: '会议纪要' },
      fresh: async () => ({ sessionId: await f.fresh.session('open'), minutes: '会议纪要' }),
    },
  ],
  'orglife.record': (f) => one(sessionOf, { sessionId: f.closedSession }),
  // Reminding twice sends nothing more, so every allowed caller may aim at the same open session.
  'orglife.remindNotSignedIn': (f) => one(sessionOf, { sessionId: f.openSession }),
  'orglife.addAddendum': (f) =>
    one(sessionOf, {
      sessionId: f.closedSession,
      draftId: f.draftId(),
      text: '补充：会后收集了建议',
    }),
  'orglife.cadence': () => one(none),
  'orglife.communityCadence': () => one(community, { communityId: HERE.communityId }),

  'stats.myMonth': () => one(none),
  'stats.memberRanking': () => one(branch, { branchId: HERE.branchId }),
  'stats.branchRanking': () => [
    { target: community, payload: { scope: 'community', communityId: HERE.communityId } },
    { target: none, payload: { scope: 'district' } },
  ],
  'stats.trend': () => [
    { target: branch, payload: { scope: 'branch', branchId: HERE.branchId } },
    { target: community, payload: { scope: 'community', communityId: HERE.communityId } },
  ],
  // A branch's members, or a community's branches: each allowed call writes its own file.
  'stats.exportMonth': () => [
    ...one(branch, { rows: 'members', branchId: HERE.branchId }),
    ...one(community, { rows: 'branches', communityId: HERE.communityId }),
  ],
  'stats.reminders': () => one(branch, { branchId: HERE.branchId }),
  'stats.settle': () => one(none),
  'stats.remind': () => one(none),
  'stats.openMonth': () => one(none),
  'stats.monthProgress': () => one(none),

  'dues.myDues': () => one(none),
  'dues.declareBase': () => one(none, { kind: 'fixed' }),
  'dues.pay': () => one(none, { month: TODAY.slice(0, 7) }),
  'dues.register': () => one(branch, { branchId: HERE.branchId }),
  'dues.byBranch': () => one(none, { month: '2026-03' }),
  // Only the member's own secretary confirms; to anyone else the member is not there.
  'dues.confirmBase': () =>
    one(
      { ...HERE, readers: ['secretary'], idField: 'memberId' },
      { memberId: memberIdOf(OWNERS.member) },
    ),
  'dues.setFixedAmount': () => one(none, { fixedFen: 20 }),
  'dues.correct': (f) =>
    one(
      { ...HERE, readers: ['secretary'], idField: 'memberId' },
      {
        memberId: memberIdOf(OWNERS.member),
        month: TODAY.slice(0, 7),
        amountFen: -100,
        reason: '多交退还',
        draftId: `dues-correct-${f.draftId()}`,
      },
    ),

  'study.createTopic': (f) =>
    one(none, { draftId: f.draftId(), title: '学习党章', dueMonth: '2026-03' }),
  'study.publish': (f) =>
    one(studyOf('topicId'), {
      draftId: f.draftId(),
      topicId: f.study.topicId,
      title: '党章第二章',
      kind: 'article',
      body: '学习内容',
      minutes: 1,
    }),
  'study.editItem': (f) => [
    {
      target: { ...studyOf('itemId'), readers: ['branch', 'districtAdmin'] },
      payload: {
        itemId: f.study.itemId,
        topicId: f.study.topicId,
        title: '党章第一章',
        body: '党员的义务和权利。',
        minutes: 1,
      },
      fresh: async () => {
        const s = await f.fresh.study()
        return {
          itemId: s.itemId,
          topicId: s.topicId,
          title: '党章第一章（修订）',
          body: '修订后的内容。',
          minutes: 2,
        }
      },
    },
  ],
  'study.withdrawItem': (f) => [
    {
      target: studyOf('itemId'),
      payload: { itemId: f.study.itemId },
      fresh: async () => ({ itemId: (await f.fresh.study()).itemId }),
    },
  ],
  'study.list': () => one(none),
  'study.detail': (f) => one(studyOf('itemId'), { itemId: f.study.itemId }),
  'study.progress': (f) =>
    one(studyOf('itemId'), { itemId: f.study.itemId, seconds: 10, reachedEnd: true }),
  'study.submitQuiz': (f) => one(studyOf('itemId'), { itemId: f.study.itemId, answers: [[0]] }),
  'study.byBranch': () => one(none, { month: '2026-03' }),
  'study.members': () => one(branch, { branchId: HERE.branchId, month: '2026-03' }),

  'todo.secretary': () => one(none),
  'todo.infoOfficer': () => one(none),
  'todo.community': () => one(none),
  'todo.district': () => one(none),

  'wish.submit': (f) =>
    one(none, { title: `想要一本字典${f.draftId()}`, description: '孩子上学用', category: '物质' }),
  'wish.review': (f) => [wishAim(f, 'pending', pendingWish, { decision: 'publish' })],
  // Claimers get fresh wishes of another resident: resident-1's contact stays theirs to see (the leak scan).
  'wish.claim': (f) => [wishAim(f, 'published', publicWish(), {}, OWNERS.otherResident)],
  'wish.release': (f) => [wishAim(f, 'claimed', publicWish(OWNERS.member))],
  'wish.fulfil': (f) => [wishAim(f, 'claimed', publicWish(OWNERS.member), { note: '已经完成' })],
  'wish.confirm': (f) => [
    wishAim(f, 'fulfilled', publicWish(), { thanks: '谢谢你的帮助', rating: 5 }),
  ],
  // A fresh fulfilled wish has not waited 7 days: the admin gets as far as CONFLICT (wish-confirm.test.ts).
  'wish.confirmForResident': (f) => [wishAim(f, 'fulfilled', publicWish())],
  'wish.reopen': (f) => [wishAim(f, 'fulfilled', publicWish(), { note: '灯还是不亮' })],
  'wish.cancel': (f) => [wishAim(f, 'pending', pendingWish)],
  'wish.list': () => one(community, { communityId: HERE.communityId }),
  'wish.mine': () => one(none),
  // The claimed one shows its contact to the claimer and the admin only (the leak scan checks).
  'wish.detail': (f) => [
    { target: pendingWish, payload: { wishId: f.pendingWish } },
    { target: publicWish(), payload: { wishId: f.publishedWish } },
    { target: publicWish(OWNERS.member), payload: { wishId: f.claimedWish } },
  ],
  'wish.overdueClaims': () => one(none),
}
