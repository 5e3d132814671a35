// The objects the authorisation matrix aims at, made through the functions by their owners in branch-1 of
// community-xinhua, and fresh ones for the calls that are allowed (so each allowed call finds its object in
// the state it needs, whatever the other allowed calls did).
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { type TestCloud, dataOf } from '../support/cloud'
import { CALLERS, HERE } from './authz-model'
import { transferFixtures } from './authz-transfers'

/** Every matrix call runs at this Shanghai time: the open session is open, the service day has begun. */
export const NOW = '2026-03-10T10:00:00+08:00'
export const TODAY = '2026-03-10'
const LAST_MONTH = '2026-02-20T10:00:00+08:00'

/** Owners of the objects, none of them a caller kind: branch-1 members and xinhua residents. */
export const OWNERS = {
  member: 'demo-member-3',
  /** Submits the appeals handlers act on, so the owner's hourly appeal allowance is left for rating. */
  otherMember: 'demo-member-4',
  resident: 'demo-resident-1',
  otherResident: 'demo-resident-5',
  applicant: 'matrix-applicant',
  /** Asks for the transfer the matrix withdraws (authz-transfers). */
  mover: 'demo-member-5',
} as const

const COMMUNITY_OF: Record<string, string> = {
  [CALLERS.memberAway]: 'community-jiangsu',
  [CALLERS.adminAway]: 'community-jiangsu',
}

type Payload = Record<string, unknown>

export function world(cloud: TestCloud) {
  let n = 0
  const next = () => (n += 1)
  const draftId = () => `matrix-draft-${next()}`
  const ok = async <T = Record<string, unknown>>(
    openid: string,
    fn: string,
    action: string,
    payload: Payload,
  ) => dataOf(await cloud.callAs<T>(openid, fn, action, payload, { now: NOW }))

  const register = async (openid: string) => {
    await ok(openid, 'member', 'register', {
      kind: 'member',
      name: '王待审',
      phone: '13912345678',
      branchId: HERE.branchId,
    })
    return memberIdOf(openid)
  }
  const news = async () => {
    const { news } = await ok<{ news: { id: string } }>(
      CALLERS.infoOfficer,
      'interact',
      'postNews',
      {
        draftId: draftId(),
        title: `支部学习动态${next()}`,
        body: '本周支部组织学习党章。',
        visibility: 'branch',
      },
    )
    return news.id
  }
  const comment = async (newsId: string) => {
    const { comment } = await ok<{ comment: { id: string } }>(
      OWNERS.member,
      'interact',
      'comment',
      { draftId: draftId(), newsId, text: '认真学习，积极参加。' },
    )
    return comment.id
  }
  const message = async () => {
    const { message } = await ok<{ message: { id: string } }>(
      OWNERS.member,
      'interact',
      'postMessage',
      { draftId: draftId(), text: '建议下月组织一次志愿服务。' },
    )
    return message.id
  }
  /** An appeal moved as far as `until` by its handler: the branch's secretary, or xinhua's admin. */
  const appeal = async (by: string, until: 'submitted' | 'accepted' | 'answered') => {
    const { appeal } = await ok<{ appeal: { id: string } }>(by, 'interact', 'submitAppeal', {
      draftId: draftId(),
      category: '其他',
      text: `希望社区增加学习活动场地${next()}`,
    })
    const handler = by.startsWith('demo-member') ? CALLERS.secretaryHere : CALLERS.adminHere
    if (until !== 'submitted')
      await ok(handler, 'interact', 'acceptAppeal', { appealId: appeal.id })
    if (until === 'answered')
      await ok(handler, 'interact', 'answerAppeal', { appealId: appeal.id, answer: '已安排场地。' })
    return appeal.id
  }
  /** A wish (resident-1's unless said), moved as far as `until`; claimed and fulfilled by the member owner. */
  const wish = async (
    until: 'pending' | 'published' | 'claimed' | 'fulfilled',
    resident: string = OWNERS.resident,
  ) => {
    const k = next()
    const { wish } = await ok<{ wish: { id: string } }>(resident, 'wish', 'submit', {
      title: `帮忙修理收音机${k}`,
      description: '家里的老收音机不响了，想请人帮忙看看',
      category: '服务',
      address: `新华路 211 弄 ${k} 号`,
    })
    const steps: [string, string, Payload][] = [
      [CALLERS.adminHere, 'review', { decision: 'publish' }],
      [OWNERS.member, 'claim', {}],
      [OWNERS.member, 'fulfil', { note: '已经修好了收音机' }],
    ]
    const upTo = ['pending', 'published', 'claimed', 'fulfilled'].indexOf(until)
    for (const [openid, action, extra] of steps.slice(0, upTo))
      await ok(openid, 'wish', action, { wishId: wish.id, ...extra })
    return wish.id
  }
  /** A service post of community-xinhua for tomorrow, by its admin. */
  const servicePost = async () =>
    (
      await ok<{ service: { id: string } }>(CALLERS.adminHere, 'community', 'postService', {
        title: `社区图书角值守${next()}`,
        kind: '公益岗位',
        category: '便民服务',
        date: '2026-03-11',
        place: '新华路街道党群服务中心',
        slots: 50,
      })
    ).service.id
  /** A session of branch-1: open now (opened this morning), or tomorrow; each opens a minute later. */
  let sessions = 0
  const session = async (when: 'open' | 'upcoming') => {
    const minute = String((sessions += 1)).padStart(2, '0')
    const day = when === 'open' ? TODAY : '2026-03-11'
    const { session } = await ok<{ session: { id: string } }>(
      CALLERS.secretaryHere,
      'orglife',
      'createSession',
      {
        type: 'themeDay',
        topic: '主题党日：学习党章',
        opensAt: `${day}T09:${minute}:00+08:00`,
        closesAt: `${day}T12:00:00+08:00`,
      },
    )
    return session.id
  }

  /** A 网上党校 topic of branch-1 by its secretary, with an item carrying a one-question quiz. */
  const study = async () => {
    const { topic } = await ok<{ topic: { id: string } }>(
      CALLERS.secretaryHere,
      'study',
      'createTopic',
      { draftId: draftId(), title: '学习党章', dueMonth: '2026-03' },
    )
    const { item } = await ok<{ item: { id: string } }>(CALLERS.secretaryHere, 'study', 'publish', {
      draftId: draftId(),
      topicId: topic.id,
      title: '党章第一章',
      kind: 'article',
      body: '党员的义务和权利。',
      minutes: 1,
      quiz: {
        passMark: 100,
        questions: [
          {
            text: '党的最高理想是什么？',
            options: ['共产主义', '其他'],
            multiple: false,
            answer: [0],
          },
        ],
      },
    })
    return { topicId: topic.id, itemId: item.id }
  }

  /** Everything the matrix aims at, in the state each aim needs. */
  async function build() {
    // Every member the matrix calls as lives where their branch is (community 报到), the owner too.
    const reporters = [
      ...Object.values(CALLERS).filter((o) => /^demo-(member|secretary|community-admin)/.test(o)),
      OWNERS.member,
    ]
    const [
      service,
      newsId,
      messageId,
      branchAppeal,
      communityAppeal,
      pendingWish,
      publishedWish,
      claimedWish,
      fulfilledWish,
      openSession,
      upcomingSession,
      closedSession,
      studyItem,
    ] = await Promise.all([
      ok<{ service: { id: string } }>(CALLERS.adminHere, 'community', 'postService', {
        title: '社区图书角值守',
        kind: '公益岗位',
        category: '便民服务',
        date: TODAY,
        place: '新华路街道党群服务中心',
        slots: 50,
      }),
      news(),
      message(),
      appeal(OWNERS.member, 'accepted'),
      appeal(OWNERS.resident, 'accepted'),
      wish('pending'),
      wish('published'),
      wish('claimed'),
      wish('fulfilled'),
      session('open'),
      session('upcoming'),
      session('open').then(async (sessionId) => {
        await ok(CALLERS.secretaryHere, 'orglife', 'closeSession', { sessionId, minutes: '纪要' })
        return sessionId
      }),
      study(),
      register(CALLERS.pending),
      register(OWNERS.applicant),
      // Last month was in use, so settling it (stats.settle's default) is allowed.
      cloud.callAs(OWNERS.member, 'checkin', 'checkIn', {}, { now: LAST_MONTH }).then(dataOf),
      ...reporters.map((openid) =>
        ok(openid, 'community', 'report', {
          communityId: COMMUNITY_OF[openid] ?? HERE.communityId,
          area: '新华小区',
          willingness: ['便民服务'],
        }),
      ),
    ])
    const serviceId = service.service.id
    const transfers = await transferFixtures(ok)
    // A 联合党总支 of community-xinhua with a branch under it (so retiring it answers CONFLICT).
    const { generalBranch } = await ok<{ generalBranch: { id: string } }>(
      CALLERS.districtAdmin,
      'org',
      'createGeneralBranch',
      { draftId: draftId(), communityId: HERE.communityId, name: '矩阵联合党总支' },
    )
    const { branch: grouped } = await ok<{ branch: { id: string } }>(
      CALLERS.districtAdmin,
      'org',
      'createBranch',
      {
        draftId: draftId(),
        communityId: HERE.communityId,
        name: '矩阵总支下支部',
        branchType: '联合',
      },
    )
    await ok(CALLERS.districtAdmin, 'org', 'placeBranch', {
      branchId: grouped.id,
      generalBranchId: generalBranch.id,
    })
    const [commentId] = await Promise.all([
      comment(newsId),
      ok(OWNERS.member, 'community', 'signup', { serviceId }),
      ok(OWNERS.member, 'orglife', 'requestLeave', {
        sessionId: upcomingSession,
        reason: '出差在外',
      }),
      // Attended, so they may speak.
      ...[CALLERS.memberHere, CALLERS.infoOfficer, CALLERS.secretaryHere].map((openid) =>
        ok(openid, 'orglife', 'attend', { sessionId: openSession }),
      ),
    ])
    return {
      transfers,
      generalBranch: generalBranch.id,
      applicant: memberIdOf(OWNERS.applicant),
      serviceId,
      newsId,
      commentId,
      messageId,
      branchAppeal,
      communityAppeal,
      pendingWish,
      publishedWish,
      claimedWish,
      fulfilledWish,
      openSession,
      upcomingSession,
      closedSession,
      study: studyItem,
      draftId,
      fresh: {
        applicant: () => register(`matrix-applicant-${next()}`),
        news,
        comment: () => comment(newsId),
        message,
        appeal,
        wish,
        session,
        service: servicePost,
        /** A fresh 网上党校 item of branch-1 (edited or withdrawn by the matrix). */
        study,
        /** Two new branches of community-xinhua, one to merge into the other. */
        branchPair: () =>
          Promise.all(
            [0, 1].map(
              async () =>
                (
                  await ok<{ branch: { id: string } }>(
                    CALLERS.districtAdmin,
                    'org',
                    'createBranch',
                    {
                      draftId: draftId(),
                      communityId: HERE.communityId,
                      name: `矩阵合并支部${next()}`,
                      branchType: '联合',
                    },
                  )
                ).branch.id,
            ),
          ),
      },
    }
  }
  return { build }
}

export type Fixtures = Awaited<ReturnType<ReturnType<typeof world>['build']>>
