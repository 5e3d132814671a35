// What the officers and in-service members read beyond their own branch: a branch's 留言板 for those who
// oversee it (others are answered as for a missing branch), and the 微心愿 wall of the community a member
// reported to as an in-service member (在职党员报到), where they may claim; the district admin's wall spans
// every community.
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_JIANGSU, ADMIN_XINHUA, draft, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)

describe('a branch’s 留言板', () => {
  const board = (openid: string, branchId?: string) =>
    cloud.as(openid).interact.listMessages(branchId ? { branchId } : {})

  test('the community’s admin and a district admin read it without writing or replying; its member reads their own', async () => {
    const text = '建议下月组织一次党史学习分享会'
    dataOf(await cloud.as('demo-member-5').interact.postMessage({ draftId: draft(), text }))
    for (const officer of [ADMIN_XINHUA, 'demo-district-admin']) {
      const read = dataOf(await board(officer, 'branch-1'))
      expect(read).toMatchObject({ canPost: false, canReply: false, overdueCount: null })
      expect(read.branchName).not.toBe('')
      expect(read.items.map((m) => m.text)).toContain(text)
    }
    const own = dataOf(await board('demo-member-1', 'branch-1'))
    expect(own).toMatchObject({ canPost: true, canReply: false })
    expect(dataOf(await board('demo-member-1')).items).toEqual(own.items)
    expect(dataOf(await board('demo-secretary-1', 'branch-1')).canReply).toBe(true)
  })

  test('another community’s admin and another branch’s member get NOT_FOUND, as for a missing branch', async () => {
    /** The reply without its request id. */
    const answer = async (openid: string, branchId: string) => {
      const reply = await board(openid, branchId)
      return reply.ok ? reply : { code: reply.code, message: reply.message }
    }
    const missing = await answer(ADMIN_JIANGSU, 'branch-missing')
    expect(missing).toEqual({ code: 'NOT_FOUND', message: '该支部不存在' })
    for (const outsider of [ADMIN_JIANGSU, 'demo-member-34', 'demo-secretary-3'])
      expect(await answer(outsider, 'branch-1')).toEqual(missing)
  })

  test('an admin without a branch of their own who names none is refused: the page explains where to go', async () => {
    expect(await board(ADMIN_XINHUA)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
  })
})

describe('the 微心愿 wall of an in-service member', () => {
  // demo-member-64 belongs to a branch of community-jiangsu.
  const MEMBER = 'demo-member-64'
  const wall = async (openid: string) =>
    dataOf(await cloud.as(openid).wish.list({ limit: 50 })).wishes.map((c) => c.id)

  test('shows their branch’s community until they report, then the community they reported to, where they claim', async () => {
    const jiangsu = await w.published('demo-resident-2', ADMIN_JIANGSU)
    const xinhua = await w.published()
    expect(await wall(MEMBER)).toContain(jiangsu)
    expect(await wall(MEMBER)).not.toContain(xinhua)

    dataOf(
      await cloud.as(MEMBER).community.report({
        communityId: 'community-xinhua',
        area: '番禺路 222 弄',
        skills: '电脑维修',
        willingness: ['便民服务'],
      }),
    )
    const after = await wall(MEMBER)
    expect(after).toContain(xinhua)
    expect(after).not.toContain(jiangsu)
    const { wish } = dataOf(await cloud.as(MEMBER).wish.claim({ wishId: xinhua }))
    expect(wish).toMatchObject({ status: '已认领', communityId: 'community-xinhua' })
    expect((await w.stored(xinhua)).claimer).toMatchObject({ openid: MEMBER })
  })

  test('a district admin’s wall spans every community; a community admin’s is their own', async () => {
    const jiangsu = await w.published('demo-resident-2', ADMIN_JIANGSU)
    const xinhua = await w.published()
    expect(await wall('demo-district-admin')).toEqual(expect.arrayContaining([jiangsu, xinhua]))
    const own = await wall(ADMIN_XINHUA)
    expect(own).toContain(xinhua)
    expect(own).not.toContain(jiangsu)
  })
})
