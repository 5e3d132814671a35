import type { AppealCategory, MessageView } from '../../typings/interact'
import { rows } from '../../cloudfunctions/_shared/db'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'
import { PARTICIPATION_RULES } from '../../typings/participation'

// branch-1: demo-secretary-1, demo-member-1..30 (demo-member-2 is 信息员); branch-2: demo-secretary-2;
// 新华路 (community-xinhua): demo-community-admin-1, demo-resident-1; 江苏路: demo-community-admin-2.
const cloud = useTestCloud()

let drafts = 0
const draft = () => `draft-${process.pid}-${++drafts}`
const MONDAY = '2026-05-04T09:00:00+08:00'
const daysLater = (days: number) =>
  new Date(new Date(MONDAY).getTime() + days * 86_400_000 + 60_000).toISOString()

describe('the 留言板', () => {
  const board = (openid: string, now = MONDAY, unansweredOnly?: boolean) =>
    cloud.as(openid, { now }).interact.listMessages({ unansweredOnly }).then(dataOf)
  let messageId: string

  beforeAll(async () => {
    const posted = dataOf(
      await cloud
        .as('demo-member-3', { now: MONDAY })
        .interact.postMessage({ draftId: draft(), text: '今天学习了党章第二章，很有收获' }),
    )
    messageId = posted.message.id
    expect(posted.counted).toBe(true)
  })

  test('a 留言 counts in the ledger under the comment rule and shows on the branch’s board only', async () => {
    const ledger = await rows(
      cloud.db.collection('participation_ledger').where({ rule: 'comment', ref: messageId }),
    )
    expect(ledger).toEqual([expect.objectContaining({ memberId: memberIdOf('demo-member-3') })])
    expect((await board('demo-member-4')).items.map((m: MessageView) => m.id)).toContain(messageId)
    expect((await board('demo-member-31')).items.map((m) => m.id)).not.toContain(messageId)
  })

  test('after three days without a reply the secretary sees it flagged; members see no flag', async () => {
    const fresh = await board('demo-secretary-1', daysLater(2))
    expect(fresh.items.find((m) => m.id === messageId)?.overdue).toBe(false)
    expect(fresh.overdueCount).toBe(0)

    const late = await board('demo-secretary-1', daysLater(3))
    expect(late.items.find((m) => m.id === messageId)?.overdue).toBe(true)
    expect(late.overdueCount).toBe(1)
    expect(late.canReply).toBe(true)

    const member = await board('demo-member-4', daysLater(3))
    expect(member.items.find((m) => m.id === messageId)?.overdue).toBe(false)
    expect(member.overdueCount).toBeNull()
  })

  test('another branch’s secretary cannot reply; the 信息员’s reply clears the flag', async () => {
    expect(
      await cloud.as('demo-secretary-2').interact.replyMessage({
        messageId,
        text: '越权回复',
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(
      await cloud.as('demo-member-4').interact.replyMessage({
        messageId,
        text: '我也想回',
      }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })

    const replied = await cloud
      .as('demo-member-2')
      .interact.replyMessage({ messageId, text: '感谢分享，继续加油' })
    expect(replied).toMatchObject({
      ok: true,
      data: { message: { reply: { text: '感谢分享，继续加油' } } },
    })
    const late = await board('demo-secretary-1', daysLater(5))
    expect(late.overdueCount).toBe(0)
    expect(
      (await board('demo-secretary-1', daysLater(5), true)).items.map((m) => m.id),
    ).not.toContain(messageId)
    const [stored] = await rows<{ answered: boolean }>(
      cloud.db.collection('board_messages').where({ _id: messageId }),
    )
    expect(stored.answered).toBe(true)
  })

  test('two keepers replying at once: one reply is stored, the other answers CONFLICT', async () => {
    const posted = dataOf(
      await cloud.as('demo-member-6').interact.postMessage({
        draftId: draft(),
        text: '想请支部组织一次红色观影',
      }),
    )
    const id = posted.message.id
    const keepers = [
      ['demo-secretary-1', '好的，下周安排'],
      ['demo-member-2', '已转给支部书记'],
    ] as const
    const replies = await Promise.all(
      keepers.map(([openid, text]) =>
        cloud.as(openid).interact.replyMessage({
          messageId: id,
          text,
        }),
      ),
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', message: '该留言已有回复' }),
    ])
    const winner = replies.findIndex((r) => r.ok)
    const [stored] = await rows<{ reply: { text: string } }>(
      cloud.db.collection('board_messages').where({ _id: id }),
    )
    expect(stored.reply.text).toBe(keepers[winner][1])
  })

  test('a rejected 留言 is not stored', async () => {
    const reply = await cloud.as('demo-member-5').interact.postMessage({
      draftId: draft(),
      text: '出售枪支',
    })
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await rows(cloud.db.collection('board_messages').where({ text: '出售枪支' }))).toEqual(
      [],
    )
  })

  test('a member may delete their own 留言 but not someone else’s', async () => {
    const own = dataOf(
      await cloud.as('demo-member-6').interact.postMessage({
        draftId: draft(),
        text: '写错了要删掉',
      }),
    ).message.id
    expect(
      await cloud.as('demo-member-7').interact.deleteMessage({ messageId: own }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(
      await cloud.as('demo-member-6').interact.deleteMessage({ messageId: own }),
    ).toMatchObject({ ok: true })
    expect((await board('demo-member-6')).items.map((m) => m.id)).not.toContain(own)
  })

  test('a 留言 past 评论留言’s daily cap is posted, not counted, and says capped daily', async () => {
    const { dailyCap } = PARTICIPATION_RULES.comment
    const day = '2026-05-12T10:00:00+08:00'
    const replies = []
    for (let i = 0; i <= dailyCap; i++)
      replies.push(
        dataOf(
          await cloud
            .as('demo-member-14', { now: day })
            .interact.postMessage({ draftId: draft(), text: `今天的第${i + 1}条心得` }),
        ),
      )
    expect(replies.map((r) => [r.counted, r.capped])).toEqual([
      ...Array.from({ length: dailyCap }, () => [true, null]),
      [false, 'daily'],
    ])
    const last = replies[dailyCap].message.id
    expect((await board('demo-member-14', day)).items.map((m) => m.id)).toContain(last)
  })
})

describe('the 诉求 channel', () => {
  const submit = (openid: string, text: string, category: AppealCategory = '法律维权') =>
    cloud
      .as(openid, { now: MONDAY })
      .interact.submitAppeal({ draftId: draft(), category, text })
      .then((r) => dataOf(r).appeal)
  const as = (openid: string, now = daysLater(1)) => cloud.as(openid, { now })
  const stored = async (id: string) =>
    (
      await rows<{ status: string; level: string; timeline: unknown[] }>(
        cloud.db.collection('appeals').where({ _id: id }),
      )
    )[0]
  const inbox = (openid: string, now = MONDAY) =>
    cloud.as(openid, { now }).interact.appealInbox({}).then(dataOf)

  test('a member’s appeal goes to their branch; a resident’s to their community party committee', async () => {
    const members = await submit('demo-member-10', '公司拖欠加班费，想咨询法律援助')
    expect(members).toMatchObject({ level: 'branch', handlerName: '云启科技有限公司党支部' })
    expect(members.dueAt).toBe('2026-05-11T01:00:00.000Z')
    const residents = await submit('demo-resident-1', '楼道灯坏了很久没人修', '其他')
    expect(residents).toMatchObject({ level: 'community', handlerName: '新华路街道社区综合党委' })

    expect((await inbox('demo-secretary-1')).items.map((a) => a.id)).toContain(members.id)
    expect((await inbox('demo-secretary-2')).items.map((a) => a.id)).not.toContain(members.id)
    const community = await inbox('demo-community-admin-1')
    expect(community.items.map((a) => a.id)).toEqual([residents.id])
    expect((await inbox('demo-community-admin-2')).items).toEqual([])
  })

  test('the state machine refuses illegal steps and changes nothing', async () => {
    const appeal = await submit('demo-member-11', '希望组织白领午餐拼团')
    const answerFirst = await as('demo-secretary-1').interact.answerAppeal({
      appealId: appeal.id,
      answer: '已联系食堂',
    })
    expect(answerFirst).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '诉求已提交，不能答复',
    })
    const rateFirst = await as('demo-member-11').interact.rateAppeal({
      appealId: appeal.id,
      rating: 5,
    })
    expect(rateFirst).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await stored(appeal.id)).toMatchObject({
      status: 'submitted',
      timeline: [expect.anything()],
    })

    expect(await as('demo-member-11').interact.acceptAppeal({ appealId: appeal.id })).toMatchObject(
      {
        ok: false,
        code: 'PERMISSION_DENIED',
      },
    )
    expect(
      await as('demo-secretary-2').interact.acceptAppeal({ appealId: appeal.id }),
    ).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    expect((await stored(appeal.id)).status).toBe('submitted')
  })

  test('accept → answer → rate closes the appeal with a timeline, notifying the requester at each step', async () => {
    const appeal = await submit('demo-member-12', '想参加党务知识培训', '学习培训')
    const before = (await cloud.outbox()).filter((m) => m.touser === 'demo-member-12').length
    dataOf(await as('demo-secretary-1').interact.acceptAppeal({ appealId: appeal.id }))
    expect(
      await as('demo-secretary-1').interact.acceptAppeal({ appealId: appeal.id }),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
    dataOf(
      await as('demo-secretary-1').interact.answerAppeal({
        appealId: appeal.id,
        answer: '下月社区党校开班，已为您报名',
      }),
    )
    const closed = dataOf(
      await as('demo-member-12').interact.rateAppeal({
        appealId: appeal.id,
        rating: 5,
        comment: '很及时',
      }),
    ).appeal
    expect(closed).toMatchObject({
      status: 'closed',
      rating: 5,
      answer: '下月社区党校开班，已为您报名',
    })
    expect(closed.timeline.map((e) => [e.action, e.status])).toEqual([
      ['submit', 'submitted'],
      ['accept', 'accepted'],
      ['answer', 'answered'],
      ['rate', 'closed'],
    ])
    expect((await stored(appeal.id)).timeline).toHaveLength(4)
    const mine = dataOf(await cloud.as('demo-member-12').interact.myAppeals({}))
    expect(mine.items.map((a) => a.status)).toEqual(['closed'])
    expect((await cloud.outbox()).filter((m) => m.touser === 'demo-member-12')).toHaveLength(
      before + 3,
    )
  })

  test('an unanswered appeal is flagged overdue after 7 days by the runner’s clock, and an answer clears it', async () => {
    const appeal = await submit('demo-member-13', '企业融资遇到困难', '融资')
    const week = await inbox('demo-secretary-1', daysLater(6))
    expect(week.items.find((a) => a.id === appeal.id)?.overdue).toBe(false)
    const late = await inbox('demo-secretary-1', daysLater(7))
    expect(late.items.find((a) => a.id === appeal.id)?.overdue).toBe(true)
    expect(late.overdueCount).toBeGreaterThanOrEqual(1)

    dataOf(
      await as('demo-secretary-1', daysLater(8)).interact.acceptAppeal({ appealId: appeal.id }),
    )
    const answered = dataOf(
      await as('demo-secretary-1', daysLater(8)).interact.answerAppeal({
        appealId: appeal.id,
        answer: '已对接银行普惠金融',
      }),
    ).appeal
    expect(answered.overdue).toBe(false)
  })

  test('escalation hands the appeal to the community party committee', async () => {
    const appeal = await submit('demo-member-14', '希望开设卫生保健讲座', '卫生保健')
    const escalated = dataOf(
      await as('demo-secretary-1').interact.escalateAppeal({
        appealId: appeal.id,
        note: '需社区卫生中心协调',
      }),
    ).appeal
    expect(escalated).toMatchObject({
      level: 'community',
      status: 'submitted',
      handlerName: '新华路街道社区综合党委',
    })
    expect((await inbox('demo-secretary-1')).items.map((a) => a.id)).not.toContain(appeal.id)
    expect((await inbox('demo-community-admin-1')).items.map((a) => a.id)).toContain(appeal.id)
    expect(
      await as('demo-community-admin-1').interact.acceptAppeal({ appealId: appeal.id }),
    ).toMatchObject({ ok: true, data: { appeal: { status: 'accepted', level: 'community' } } })
    expect(await stored(appeal.id)).toMatchObject({ level: 'community', status: 'accepted' })
  })
})
