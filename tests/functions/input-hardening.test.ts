// Impossible dates and months, and text made of nothing visible, are refused before anything is stored;
// accepted text is stored normalised (trimmed of invisible characters, NFC).
import type { ActionInput } from '../../typings/index'
import { dataOf, useTestCloud } from '../support/cloud'

const ADMIN = 'demo-community-admin-1'
const SECRETARY = 'demo-secretary-1'
const MEMBER = 'demo-member-1'
const NOW = '2026-12-01T10:00:00+08:00'
/** Zero-width space, non-joiner, joiner, word joiner, BOM, a right-to-left override and a Hangul filler. */
const INVISIBLE = '\u200B\u200C\u200D\u2060\uFEFF\u202E\u3164'

const cloud = useTestCloud()

let drafts = 0
const draft = () => `hardening-${process.pid}-${++drafts}`
const as = (openid: string) => cloud.as(openid, { now: NOW })

describe('dates and months', () => {
  const service = (date: string): ActionInput<'community', 'postService'> => ({
    title: `助老服务${date}`,
    kind: '志愿活动',
    category: '爱心帮扶',
    date,
    place: '新华路街道为老服务中心',
    slots: 5,
  })

  test.each(['2027-02-30', '2027-04-31', '2027-02-29', '2027-13-01', '2027-2-1'])(
    'community.postService on %s is INVALID_ARGUMENT and stores nothing',
    async (date) => {
      expect(await as(ADMIN).community.postService(service(date))).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
      })
      expect(await cloud.docs('service_posts', { date })).toEqual([])
    },
  )

  test('a real date, a leap day included, is posted as given', async () => {
    const { service: posted } = dataOf(await as(ADMIN).community.postService(service('2028-02-29')))
    expect(posted.date).toBe('2028-02-29')
    expect(await cloud.docs('service_posts', { date: '2028-02-29' })).toHaveLength(1)
  })

  test.each(['0000-01', '2019-12', '2021-03'])(
    'stats.settle of %s is INVALID_ARGUMENT and posts no bulletin',
    async (month) => {
      expect(await as('demo-district-admin').stats.settle({ month })).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
      })
      expect(await cloud.docs('news', { kind: 'bulletin' })).toEqual([])
      expect(await cloud.docs('settlements')).toEqual([])
    },
  )
})

describe('invisible text', () => {
  test('a comment, a news title or body, a 留言 and a wish title made only of invisible characters are INVALID_ARGUMENT and store nothing', async () => {
    const { news } = dataOf(
      await as(SECRETARY).interact.postNews({
        draftId: draft(),
        title: '支部学习安排',
        body: '周五下午学习',
        visibility: 'branch',
      }),
    )
    const refused: [openid: string, fn: string, action: string, payload: object][] = [
      [MEMBER, 'interact', 'comment', { draftId: draft(), newsId: news.id, text: INVISIBLE }],
      [
        SECRETARY,
        'interact',
        'postNews',
        { draftId: draft(), title: INVISIBLE, body: '正文', visibility: 'branch' },
      ],
      [
        SECRETARY,
        'interact',
        'postNews',
        { draftId: draft(), title: '通知', body: ` ${INVISIBLE}\n`, visibility: 'branch' },
      ],
      [MEMBER, 'interact', 'postMessage', { draftId: draft(), text: INVISIBLE }],
      [
        'demo-resident-1',
        'wish',
        'submit',
        { title: `${INVISIBLE}${INVISIBLE}`, description: '说明', category: '物质' },
      ],
      // One visible character padded to the minimum with invisible ones is still one character.
      [
        'demo-resident-1',
        'wish',
        'submit',
        { title: `书${INVISIBLE}`, description: '说明', category: '物质' },
      ],
    ]
    for (const [openid, fn, action, payload] of refused)
      expect(await cloud.callAs(openid, fn, action, payload, { now: NOW })).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
      })
    expect(await cloud.docs('comments')).toEqual([])
    expect((await cloud.docs('news')).map((n) => n._id)).toEqual([news.id])
    expect(await cloud.docs('board_messages')).toEqual([])
    expect(await cloud.docs('wishes')).toEqual([])
  })

  test('what is stored is the normalised text: ends trimmed of invisible characters, NFC, emoji intact', async () => {
    const { wish } = dataOf(
      await as('demo-resident-1').wish.submit({
        // "Café" with a combining accent, a family emoji (joined by ZWJ) and ❤️ (with its variation selector).
        title: `${INVISIBLE} Cafe\u0301 👨\u200D👩\u200D👧 ❤\uFE0F${INVISIBLE} `,
        description: '\u3000需要一套儿童读物\u200B',
        category: '精神',
      }),
    )
    const title = 'Caf\u00E9 👨\u200D👩\u200D👧 ❤\uFE0F'
    expect(wish).toMatchObject({ title, description: '需要一套儿童读物' })
    expect(await cloud.docs('wishes', { _id: wish.id })).toEqual([
      expect.objectContaining({ title, description: '需要一套儿童读物' }),
    ])
  })

  test('an org-life topic of invisible characters is refused; a padded one is stored trimmed', async () => {
    const input = (topic: string): ActionInput<'orglife', 'createSession'> => ({
      type: 'partyLecture',
      topic,
      opensAt: '2026-12-01T10:30:00+08:00',
      closesAt: '2026-12-01T12:00:00+08:00',
    })
    expect(await as(SECRETARY).orglife.createSession(input(INVISIBLE))).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '主题至少 2 个字',
    })
    expect(await cloud.docs('orglife_sessions')).toEqual([])
    const { session } = dataOf(
      await as(SECRETARY).orglife.createSession(
        input(`\u202E${INVISIBLE}党课：学习党章${INVISIBLE}`),
      ),
    )
    expect(session.topic).toBe('党课：学习党章')
  })
})
