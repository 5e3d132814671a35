// The 信息员's 待办 (todo.infoOfficer): only what they can act on — their branch's unanswered 留言 and its
// quiet site — with the same lines and exact counts as the secretary's, and nobody else's.
import type { TodoSection } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'
import { draft, postNews } from '../support/fixtures'

const INFO_OFFICER = 'demo-member-2'
const MEMBER = 'demo-member-1'
const SECRETARY = 'demo-secretary-1'
const NOW = '2026-05-20T10:00:00+08:00'
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString()

const cloud = useTestCloud()
const kindsOf = (todo: { sections: TodoSection[] }) => todo.sections.map((s) => s.kind)
const counted = (todo: { sections: TodoSection[] }) =>
  todo.sections.map((s) => [s.kind, s.count, s.overdueCount])
const leaveMessage = (openid: string, text: string, at: string) =>
  cloud.as(openid, { now: at }).interact.postMessage({ draftId: draft(), text }).then(dataOf)

describe('todo.infoOfficer', () => {
  beforeAll(async () => {
    // branch-1's site: last post 31 days ago (the district's default is 30); 留言 4 days and 1 day old.
    dataOf(await postNews(cloud, INFO_OFFICER, { title: '五月支部动态' }, daysAgo(31)))
    await leaveMessage(MEMBER, '四天前的留言', daysAgo(4))
    await leaveMessage(MEMBER, '昨天的留言', daysAgo(1))
  })

  test('a 信息员 gets their branch’s unanswered 留言 (overdue after 3 days) and its quiet site, counted exactly', async () => {
    const todo = dataOf(await cloud.as(INFO_OFFICER, { now: NOW }).todo.infoOfficer({}))
    expect(todo).toMatchObject({ branchId: 'branch-1', staleAfterDays: 30, total: 2 + 1 })
    expect(todo.branchName).not.toBe('')
    expect(counted(todo)).toEqual([
      ['messages', 2, 1],
      ['staleBranches', 1, 1],
    ])
    const [messages, stale] = todo.sections
    expect(messages.items).toEqual([
      expect.objectContaining({
        title: expect.stringMatching(/^回复.+的留言：四天前的留言$/),
        overdue: true,
      }),
      expect.objectContaining({
        title: expect.stringMatching(/^回复.+的留言：昨天的留言$/),
        overdue: false,
      }),
    ])
    expect(messages.items.map((i) => i.note)).toEqual(['4 天前留言', '昨天留言'])
    expect(stale.items).toEqual([
      expect.objectContaining({ id: 'branch-1', note: '已 31 天未发布动态', overdue: true }),
    ])
    // The same lines the secretary sees for these kinds (one builder serves both).
    const secretary = dataOf(await cloud.as(SECRETARY, { now: NOW }).todo.secretary({}))
    for (const s of todo.sections)
      expect(secretary.sections.find((t) => t.kind === s.kind)).toEqual(s)
  })

  test('one batch of reads after the caller: the branch, its 留言, the district’s setting', async () => {
    const { reply, meta } = await cloud.measure(INFO_OFFICER, { now: NOW }).todo.infoOfficer({})
    expect(reply.ok).toBe(true)
    expect(meta.dbRoundTrips).toBe(1 + 3)
  })

  test('a reply takes the 留言 off; a post today takes the site off', async () => {
    const before = dataOf(await cloud.as(INFO_OFFICER, { now: NOW }).todo.infoOfficer({}))
    const oldest = before.sections[0].items[0]
    dataOf(
      await cloud
        .as(INFO_OFFICER, { now: NOW })
        .interact.replyMessage({ messageId: oldest.id, text: '已收到，谢谢' }),
    )
    dataOf(await postNews(cloud, INFO_OFFICER, { title: '今日动态' }, NOW))
    const after = dataOf(await cloud.as(INFO_OFFICER, { now: NOW }).todo.infoOfficer({}))
    expect(counted(after)).toEqual([
      ['messages', 1, 0],
      ['staleBranches', 0, 0],
    ])
    expect(after.total).toBe(1)
  })

  test('past the first 100 read, the 留言 are counted exactly, not capped', async () => {
    const before = dataOf(await cloud.as(INFO_OFFICER, { now: NOW }).todo.infoOfficer({}))
    const waiting = before.sections[0].count
    const stored = cloud.db.collection('board_messages')
    const at = new Date(daysAgo(5))
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        stored.add({
          data: {
            _id: `info-todo-bulk-${i}`,
            branchId: 'branch-1',
            communityId: 'community-xinhua',
            authorId: memberIdOf(MEMBER),
            authorName: '批量留言人',
            authorOpenid: MEMBER,
            text: `第 ${i + 1} 条`,
            createdAt: at,
            answered: false,
            reply: null,
            deleted: false,
          },
        }),
      ),
    )
    const after = dataOf(await cloud.as(INFO_OFFICER, { now: NOW }).todo.infoOfficer({}))
    expect(after.sections[0]).toMatchObject({ count: waiting + 120, capped: false })
    expect(after.total).toBe(before.total + 120)
  })

  test('a plain member, and a secretary who is not the 信息员, are PERMISSION_DENIED', async () => {
    for (const openid of [MEMBER, SECRETARY])
      expect(await cloud.as(openid).todo.infoOfficer({})).toMatchObject({
        ok: false,
        code: 'PERMISSION_DENIED',
      })
  })

  test('a secretary who is also the 信息员 finds each line once in the secretary’s 待办', async () => {
    const doc = cloud.db.collection('members').doc(memberIdOf(SECRETARY))
    await doc.update({ data: { roles: ['secretary', 'infoOfficer'] } })
    try {
      const todo = dataOf(await cloud.as(SECRETARY, { now: NOW }).todo.secretary({}))
      const kinds = kindsOf(todo)
      expect(new Set(kinds).size).toBe(kinds.length)
      const lines = todo.sections.flatMap((s) => s.items.map((i) => `${s.kind}/${i.id}`))
      expect(new Set(lines).size).toBe(lines.length)
      expect(todo.sections.filter((s) => s.kind === 'messages')).toHaveLength(1)
      // Their own 信息员 call reads the same branch.
      const info = dataOf(await cloud.as(SECRETARY, { now: NOW }).todo.infoOfficer({}))
      expect(info.branchId).toBe(todo.branchId)
    } finally {
      await doc.update({ data: { roles: ['secretary'] } })
    }
  })
})
