// Every subscription message the functions send, as the emulator's outbox received it, against the one
// template configuration (miniprogram/subscribe-templates.ts): its id, exactly its fields, values WeChat takes.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES, type TemplateKey } from '../../miniprogram/subscribe-templates'
import { dataOf, useTestCloud } from '../support/cloud'
import type { SentMessage } from '../support/platform'
import { ADMIN_XINHUA, RESIDENT, orglifeTick, sessionInput, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const as = (openid: string, now?: string) => cloud.as(openid, { now })
let sent: SentMessage[]

/** What WeChat accepts per field type (the field name without its number). */
const ACCEPTS: Record<string, (value: string) => boolean> = {
  thing: (v) => v.length <= 20,
  name: (v) => v.length <= 10,
  phrase: (v) => /^[\u4e00-\u9fa5]{1,5}$/.test(v),
  time: (v) => /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test(v),
  date: (v) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(v),
}

const keyOf = new Map<string, string>(
  Object.entries(SUBSCRIBE_TEMPLATES).map(([key, t]) => [t.id, key]),
)
const sentWith = (key: TemplateKey) =>
  sent.filter((m) => m.template_id === SUBSCRIBE_TEMPLATES[key].id)

async function registerMember(openid: string, phone: string) {
  dataOf(
    await as(openid).member.register({
      kind: 'member',
      name: '林小雨',
      phone,
      branchId: 'branch-2',
    }),
  )
  return memberIdOf(openid)
}

/** Drives every path that sends a message: reviews, leave, 诉求, comments, wishes and the four timers. */
async function sendEverything() {
  const approved = await registerMember('notice-applicant-1', '13900003331')
  const rejected = await registerMember('notice-applicant-2', '13900003332')
  dataOf(await as('demo-secretary-2').member.approve({ memberId: approved }))
  dataOf(
    await as('demo-secretary-2').member.reject({
      memberId: rejected,
      reason: '请先转入组织关系',
    }),
  )

  // A small branch (branch-2): 31 asks for leave, the others are reminded before close.
  const { session } = dataOf(
    await as('demo-secretary-2', '2026-08-01T10:00:00+08:00').orglife.createSession(
      sessionInput(
        'partyLecture',
        '书记讲党课：学习新修订的中国共产党支部工作条例（试行）',
        '2026-08-03T09:00:00+08:00',
        '2026-08-06T21:00:00+08:00',
      ),
    ),
  )
  dataOf(await orglifeTick(cloud, '2026-08-03T09:00:00+08:00'))
  const during = '2026-08-04T10:00:00+08:00'
  dataOf(
    await as('demo-member-31', during).orglife.requestLeave({
      sessionId: session.id,
      reason: '出差',
    }),
  )
  dataOf(
    await as('demo-secretary-2', during).orglife.decideLeave({
      sessionId: session.id,
      memberId: memberIdOf('demo-member-31'),
      approve: true,
    }),
  )
  dataOf(await orglifeTick(cloud, '2026-08-05T21:00:00+08:00'))

  const { appeal } = dataOf(
    await as('demo-member-11').interact.submitAppeal({
      draftId: 'notice-appeal-1',
      category: '法律维权',
      text: '劳动合同到期后公司迟迟不续签，想咨询',
    }),
  )
  dataOf(await as('demo-secretary-1').interact.acceptAppeal({ appealId: appeal.id }))
  const { news } = dataOf(
    await as('demo-secretary-1').interact.postNews({
      draftId: 'notice-news-1',
      title: '关于开展十一月主题党日活动的通知',
      body: '请各位党员按时参加',
      visibility: 'branch',
    }),
  )
  const { comment } = dataOf(
    await as('demo-member-5').interact.comment({
      draftId: 'notice-comment-1',
      newsId: news.id,
      text: '一定参加',
    }),
  )
  dataOf(
    await as('demo-member-6').interact.comment({
      draftId: 'notice-comment-2',
      newsId: news.id,
      text: '我也参加，到时候一起去',
      replyTo: comment.id,
    }),
  )

  const w = wishes(cloud)
  const wishId = await w.published()
  dataOf(await as('demo-member-5').wish.claim({ wishId }))
  dataOf(await as('demo-member-5').wish.fulfil({ wishId, note: '已经修好，送回家中', photos: [] }))
  dataOf(await as(RESIDENT).wish.confirm({ wishId, thanks: '谢谢', rating: 5 }))
  dataOf(
    await as('demo-member-7', '2026-03-02T10:00:00+08:00').wish.claim({
      wishId: await w.published(),
    }),
  )
  // 在职党员: a cancelled service post tells who signed up; the community reminds a lapsing report.
  const reported = '2026-03-02T10:00:00+08:00'
  dataOf(
    await as('demo-member-8', reported).community.report({
      communityId: 'community-xinhua',
      area: '新华路 211 弄',
      willingness: ['便民服务'],
    }),
  )
  const { service } = dataOf(
    await as(ADMIN_XINHUA, reported).community.postService({
      title: '社区图书角值守',
      kind: '公益岗位',
      category: '便民服务',
      date: '2026-03-20',
      place: '新华路街道党群服务中心',
      slots: 5,
    }),
  )
  dataOf(await as('demo-member-8', reported).community.signup({ serviceId: service.id }))
  dataOf(
    await as(ADMIN_XINHUA, reported).community.cancelService({
      serviceId: service.id,
      reason: '场地临时维修',
    }),
  )
  dataOf(
    await as(ADMIN_XINHUA, '2026-08-20T10:00:00+08:00').community.remindReport({
      memberId: memberIdOf('demo-member-8'),
    }),
  )
  await cloud.trigger('wish', 'flagOverdue', '2026-03-17T09:00:00+08:00')
  await cloud.trigger('stats', 'remindMonth', '2026-09-20T10:00:00+08:00')
  // 党费: a confirmed base unpaid by the 25th.
  const declared = '2026-09-02T10:00:00+08:00'
  dataOf(await as('demo-member-9', declared).dues.declareBase({ kind: 'salary', baseFen: 650_000 }))
  dataOf(
    await as('demo-secretary-1', declared).dues.confirmBase({
      memberId: memberIdOf('demo-member-9'),
    }),
  )
  await cloud.trigger('dues', 'remindDues', '2026-09-25T10:00:00+08:00')
  return cloud.outbox()
}

beforeAll(async () => {
  sent = await sendEverything()
})

test('every message sent uses a configured template id and exactly that template’s fields', () => {
  const wrong: string[] = []
  for (const m of sent) {
    const key = keyOf.get(m.template_id) as TemplateKey | undefined
    if (!key) {
      wrong.push(`${m.page}: template id ${m.template_id} is not configured`)
      continue
    }
    const fields = Object.values(SUBSCRIBE_TEMPLATES[key].fields).map((f) => f.name)
    if (Object.keys(m.data).sort().join() !== [...fields].sort().join())
      wrong.push(`${key}: fields ${Object.keys(m.data).join()} instead of ${fields.join()}`)
  }
  expect(sent.length).toBeGreaterThan(0)
  expect([...new Set(wrong)]).toEqual([])
})

test('every value is one WeChat accepts for its field type', () => {
  const wrong: string[] = []
  for (const m of sent)
    for (const [field, { value }] of Object.entries(m.data as Record<string, { value: string }>)) {
      const accepts = ACCEPTS[field.replace(/\d+$/, '')]
      if (!accepts || !value || !accepts(value))
        wrong.push(`${keyOf.get(m.template_id)}.${field}: ${JSON.stringify(value)}`)
    }
  expect([...new Set(wrong)]).toEqual([])
})

test('every configured template is sent by some action or timer', () => {
  const unsent = (Object.keys(SUBSCRIBE_TEMPLATES) as TemplateKey[]).filter(
    (key) => !sentWith(key).length,
  )
  expect(unsent).toEqual([])
})

test('a reviewed registration tells the applicant the result, with the reason when refused', () => {
  const values = (openid: string) =>
    sentWith('memberReviewed')
      .filter((m) => m.touser === openid)
      .map((m) => m.data)
  expect(values('notice-applicant-1')).toEqual([
    expect.objectContaining({ phrase1: { value: '通过' } }),
  ])
  expect(values('notice-applicant-2')).toEqual([
    expect.objectContaining({
      phrase1: { value: '未通过' },
      thing3: { value: '请先转入组织关系' },
    }),
  ])
})

test('an unpaid month tells the member what and how much, opening 我的党费', () => {
  expect(sentWith('duesDue')).toEqual([
    expect.objectContaining({
      touser: 'demo-member-9',
      page: 'dues/mine/index',
      data: {
        thing1: { value: '2026年9月党费' },
        thing2: { value: '97.50 元' },
        date3: { value: '2026年9月30日' },
      },
    }),
  ])
})

test('a decided leave request tells the member, linking to the session', () => {
  expect(sentWith('leaveDecided').map((m) => [m.touser, m.data.phrase2])).toEqual([
    ['demo-member-31', { value: '准假' }],
  ])
  expect(sentWith('leaveDecided')[0].page).toMatch(/^orglife\/room\/index\?id=/)
})

test('a long title is cut to what a thing field takes, ending in an ellipsis', () => {
  const [opened] = sentWith('sessionOpened')
  expect(opened.data.thing1).toEqual({ value: '书记讲党课：学习新修订的中国共产党支部…' })
  expect(sentWith('wishClaimOverdue').map((m) => m.touser)).toEqual([ADMIN_XINHUA])
})
