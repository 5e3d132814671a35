// Ids of things a caller may not see answer exactly as ids that do not exist (same code, same message), so
// guessing one tells nothing: org-life session ids are `<branch>_<type>_<YYYYMMDDHHmm>`.
import type { Reply } from '../../typings/common'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { sessionIdFor } from '../../cloudfunctions/orglife/src/domain'
import { dataOf, useTestCloud } from '../support/cloud'
import { draft, sessionInput } from '../support/fixtures'

// branch-1 (新华路): demo-secretary-1, demo-member-1..; branch-2 (新华路): demo-secretary-2;
// demo-member-31 is in another branch; demo-community-admin-2 runs 江苏路 (demo-community-admin-1, who runs
// 新华路, oversees branch-1's sessions and reads them: officer-access and orglife-materials-review).
const SECRETARY = 'demo-secretary-1'
const MEMBER = 'demo-member-1'
const CREATED = '2026-06-01T10:00:00+08:00'
const OPENS = '2026-06-10T09:00:00+08:00'
const DURING = '2026-06-10T10:00:00+08:00'
const CLOSES = '2026-06-10T21:00:00+08:00'
/** Shaped like a real id (same branch and type, an hour later), but nothing is stored under it. */
const MISSING_SESSION = sessionIdFor('branch-1', 'branchAssembly', new Date(DURING))

const cloud = useTestCloud()
const as = (openid: string, now: string) => cloud.as(openid, { now })
let sessionId: string

beforeAll(async () => {
  const { session } = dataOf(
    await as(SECRETARY, CREATED).orglife.createSession(
      sessionInput('branchAssembly', '学习新修订的《中国共产党纪律处分条例》', OPENS, CLOSES),
    ),
  )
  sessionId = session.id
})

/**
 * The replies to the same call naming a real id and a missing one: they must be equal, and a refusal (no
 * hidden INTERNAL either, whose request id would differ anyway).
 */
async function bothIds(
  call: (id: string) => Promise<Reply<unknown>>,
  existing: string,
  missing: string,
) {
  const [real, absent] = [await call(existing), await call(missing)]
  expect(real.ok).toBe(false)
  expect(real).toEqual(absent)
  return real
}

describe('orglife', () => {
  const OUTSIDERS = ['demo-member-31', 'demo-secretary-2', 'demo-community-admin-2']
  const ACTIONS = {
    sessionDetail: (id: string) => ({ sessionId: id }),
    attend: (id: string) => ({ sessionId: id }),
    speak: (id: string) => ({ sessionId: id, text: '我也来说说' }),
    requestLeave: (id: string) => ({ sessionId: id, reason: '有事请假' }),
    record: (id: string) => ({ sessionId: id }),
    decideLeave: (id: string) => ({ sessionId: id, memberId: memberIdOf(MEMBER), approve: true }),
    updateSession: (id: string) => ({ sessionId: id, topic: '改一个主题' }),
    closeSession: (id: string) => ({ sessionId: id, minutes: '' }),
    cancelSession: (id: string) => ({ sessionId: id }),
  }

  test.each(Object.keys(ACTIONS) as (keyof typeof ACTIONS)[])(
    '%s: a caller outside the branch gets the same reply for another branch’s session as for a missing one',
    async (action) => {
      for (const openid of OUTSIDERS)
        await bothIds(
          (id) => cloud.callAs(openid, 'orglife', action, ACTIONS[action](id), { now: DURING }),
          sessionId,
          MISSING_SESSION,
        )
      // Another branch's secretary passes every role check, so the lookup itself answers.
      expect(
        await cloud.callAs('demo-secretary-2', 'orglife', action, ACTIONS[action](sessionId), {
          now: DURING,
        }),
      ).toEqual({
        ok: false,
        code: 'NOT_FOUND',
        message: '该组织生活不存在',
      })
    },
  )

  test('nothing the outsiders sent is stored, and the session is as scheduled', async () => {
    expect(await cloud.docs('orglife_attendance', { sessionId })).toEqual([])
    expect(await cloud.docs('orglife_statements', { sessionId })).toEqual([])
    expect(await cloud.docs('orglife_records', { sessionId })).toEqual([])
    expect(await cloud.docs('orglife_sessions', { _id: sessionId })).toEqual([
      expect.objectContaining({
        status: 'scheduled',
        topic: '学习新修订的《中国共产党纪律处分条例》',
      }),
    ])
  })

  test('interact.reviewMedia on the session’s materials: the same reply as for a missing session', async () => {
    for (const openid of ['demo-secretary-2', 'demo-community-admin-2'])
      await bothIds(
        (id) =>
          cloud.as(openid).interact.reviewMedia({
            kind: 'sessionMaterials',
            id,
            images: ['cloud://local.env/orglife/agenda.jpg'],
            decision: 'pass',
          }),
        sessionId,
        MISSING_SESSION,
      )
  })

  test('members of the branch still get PERMISSION_DENIED for what only the secretary does', async () => {
    expect(
      await as('demo-member-2', DURING).orglife.closeSession({ sessionId, minutes: '' }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
  })
})

describe('interact and wish', () => {
  let newsId: string
  let commentId: string
  let messageId: string
  let appealId: string
  let wishId: string

  beforeAll(async () => {
    const news = dataOf(
      await cloud.as(SECRETARY).interact.postNews({
        draftId: draft(),
        title: '支部内部通知',
        body: '本周五下午组织学习',
        visibility: 'branch',
      }),
    ).news
    newsId = news.id
    commentId = dataOf(
      await cloud.as(MEMBER).interact.comment({
        draftId: draft(),
        newsId,
        text: '收到，准时参加',
      }),
    ).comment.id
    messageId = dataOf(
      await cloud.as(MEMBER).interact.postMessage({
        draftId: draft(),
        text: '建议增加一次线下学习',
      }),
    ).message.id
    appealId = dataOf(
      await cloud.as(MEMBER).interact.submitAppeal({
        draftId: draft(),
        category: '学习培训',
        text: '希望组织一次法律知识培训',
      }),
    ).appeal.id
    wishId = dataOf(
      await cloud.as('demo-resident-1').wish.submit({
        title: '想要一套围棋',
        description: '孙子学围棋，需要一套棋具',
        category: '物质',
      }),
    ).wish.id
  }, 60_000)

  test('news, its comments, the 留言板 and appeals of branch-1 are no more than missing ids to outsiders', async () => {
    const cases: [fn: string, action: string, payload: (id: string) => unknown, id: string][] = [
      ['interact', 'newsDetail', (id) => ({ newsId: id }), newsId],
      ['interact', 'listComments', (id) => ({ newsId: id }), newsId],
      ['interact', 'comment', (id) => ({ draftId: draft(), newsId: id, text: '路过' }), newsId],
      ['interact', 'deleteNews', (id) => ({ newsId: id }), newsId],
      ['interact', 'deleteComment', (id) => ({ commentId: id }), commentId],
      ['interact', 'replyMessage', (id) => ({ messageId: id, text: '已阅' }), messageId],
      ['interact', 'deleteMessage', (id) => ({ messageId: id }), messageId],
      ['interact', 'acceptAppeal', (id) => ({ appealId: id }), appealId],
      ['interact', 'answerAppeal', (id) => ({ appealId: id, answer: '已经安排' }), appealId],
      ['interact', 'rateAppeal', (id) => ({ appealId: id, rating: 5 }), appealId],
      ['wish', 'detail', (id) => ({ wishId: id }), wishId],
      ['wish', 'claim', (id) => ({ wishId: id }), wishId],
      ['wish', 'cancel', (id) => ({ wishId: id }), wishId],
    ]
    for (const openid of ['demo-member-31', 'demo-secretary-2', 'demo-community-admin-2'])
      for (const [fn, action, payload, existing] of cases)
        await bothIds(
          (id) => cloud.callAs(openid, fn, action, payload(id)),
          existing,
          'x-missing-id',
        )
  })

  test('the comment is still there, and a reader who may not delete it is refused as before', async () => {
    expect(await cloud.as('demo-member-3').interact.deleteComment({ commentId })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    const page = dataOf(
      await cloud.as(MEMBER).interact.listComments({
        newsId,
      }),
    )
    expect(page.items.map((c) => c.id)).toEqual([commentId])
  })
})
