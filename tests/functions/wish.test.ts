import { memberIdOf, residentIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_JIANGSU, ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'
import { ledgerOf } from './ledger-fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)

const countWithTitle = async (title: string) => (await cloud.docs('wishes', { title })).length

describe('submitting and reviewing', () => {
  test('a resident submits a wish that waits for review in their own community', async () => {
    const { wish } = dataOf(
      await cloud.as(RESIDENT).wish.submit({
        title: '想学用智能手机',
        description: '想学会用微信和孩子视频',
        category: '精神',
      }),
    )
    expect(wish).toMatchObject({ status: '待审核', communityId: 'community-xinhua' })
    const doc = await w.stored(wish.id)
    expect(doc).toMatchObject({
      status: '待审核',
      residentId: residentIdOf(RESIDENT),
      communityId: 'community-xinhua',
      claimer: null,
    })
    expect(doc.timeline.map((t) => t.event)).toEqual(['submit'])
  })

  test('submitting the same wish twice the same day answers CONFLICT and stores one', async () => {
    const input = { title: '需要一副老花镜', description: '300 度', category: '物质' as const }
    const first = dataOf(await cloud.as('demo-resident-3').wish.submit(input))
    const again = await cloud.as('demo-resident-3').wish.submit(input)
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await countWithTitle('需要一副老花镜')).toBe(1)
    expect((await w.stored(first.wish.id)).status).toBe('待审核')
  })

  test('bad input answers INVALID_ARGUMENT in Chinese and stores nothing', async () => {
    const reply = await cloud.as(RESIDENT).wish.submit({
      title: '修',
      description: '灯坏了',
      category: '服务',
    })
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '心愿至少 2 个字' })
    expect(await countWithTitle('修')).toBe(0)
  })

  test('a wish with blocked words is CONTENT_REJECTED and not stored', async () => {
    await cloud.blockWords(['代开发票'])
    const reply = await cloud.as(RESIDENT).wish.submit({
      title: '代开发票找我',
      description: '联系我',
      category: '物质',
    })
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await countWithTitle('代开发票找我')).toBe(0)
  })

  test('a rejection reason that fails content security is CONTENT_REJECTED and the wish stays under review', async () => {
    const wishId = await w.submitted()
    const before = await w.stored(wishId)
    const reply = await cloud.as(ADMIN_XINHUA).wish.review({
      wishId,
      decision: 'reject',
      reason: '涉嫌赌博，不予发布',
    })
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await w.stored(wishId)).toEqual(before)
  })

  test('photos must be cloud storage files: a URL is INVALID_ARGUMENT and nothing is stored', async () => {
    const reply = await cloud.as(RESIDENT).wish.submit({
      title: '想要一个新脸盆',
      description: '旧的漏水了',
      category: '物质',
      photo: 'https://example.com/basin.jpg',
    })
    expect(reply).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '图片需先上传到云存储',
    })
    expect(await countWithTitle('想要一个新脸盆')).toBe(0)

    const wishId = await w.published()
    dataOf(await cloud.as('demo-member-14').wish.claim({ wishId }))
    const before = await w.stored(wishId)
    const fulfil = await cloud.as('demo-member-14').wish.fulfil({
      wishId,
      note: '已经送到家里',
      photos: ['/tmp/local.jpg'],
    })
    expect(fulfil).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await w.stored(wishId)).toEqual(before)
  })

  test('a party member cannot submit a wish', async () => {
    const reply = await cloud.as('demo-member-1').wish.submit({
      title: '想要一本书',
      description: '党史',
      category: '物质',
    })
    expect(reply).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
  })

  test('only the admin of the wish’s community may review it; a rejection keeps its reason', async () => {
    const { wish } = dataOf(
      await cloud.as(RESIDENT).wish.submit({
        title: '想要一台电风扇',
        description: '夏天太热',
        category: '物质',
      }),
    )
    const other = await cloud
      .as(ADMIN_JIANGSU)
      .wish.review({ wishId: wish.id, decision: 'publish' })
    // Under review, the wish does not exist for anyone outside its community.
    expect(other).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await w.stored(wish.id)).status).toBe('待审核')

    const { wish: rejected } = dataOf(
      await cloud.as(ADMIN_XINHUA).wish.review({
        wishId: wish.id,
        decision: 'reject',
        reason: '请改为向街道申请补助',
      }),
    )
    expect(rejected.status).toBe('未通过')
    expect(await w.stored(wish.id)).toMatchObject({
      status: '未通过',
      rejectReason: '请改为向街道申请补助',
    })
    const seenByOwner = dataOf(await cloud.as(RESIDENT).wish.detail({ wishId: wish.id }))
    expect(seenByOwner.wish.rejectReason).toBe('请改为向街道申请补助')
    expect(await cloud.as('demo-member-1').wish.detail({ wishId: wish.id })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
  })
})

describe('claim, fulfil, confirm', () => {
  test('the full path records a timeline, notifies both sides and counts in the ledger only on confirmation', async () => {
    const wishId = await w.published()
    const claimer = 'demo-member-5'
    dataOf(await cloud.as(claimer).wish.claim({ wishId }))
    dataOf(await cloud.as(claimer).wish.fulfil({ wishId, note: '已经修好，送回家中', photos: [] }))
    expect(await ledgerOf(cloud, claimer, 'wishFulfilled')).toEqual([])

    const done = dataOf(
      await cloud.as(RESIDENT).wish.confirm({ wishId, thanks: '谢谢小伙子', rating: 5 }),
    )
    expect(done.counted).toBe(true)
    expect(done.wish.status).toBe('已完成')
    expect(done.wish.timeline?.map((t) => t.event)).toEqual([
      'submit',
      'publish',
      'claim',
      'fulfil',
      'confirm',
    ])
    const ledger = await ledgerOf(cloud, claimer, 'wishFulfilled')
    expect(ledger).toEqual([expect.objectContaining({ ref: wishId, points: 10 })])

    const outbox = (await cloud.outbox()).filter((m) => m.page.endsWith(`?id=${wishId}`))
    expect(outbox.map((m) => [m.touser, m.template_id])).toEqual([
      [RESIDENT, SUBSCRIBE_TEMPLATES.wishClaimed.id],
      [RESIDENT, SUBSCRIBE_TEMPLATES.wishFulfilled.id],
      [claimer, SUBSCRIBE_TEMPLATES.wishConfirmed.id],
    ])

    const again = await cloud.as(RESIDENT).wish.confirm({ wishId, thanks: '再谢一次', rating: 5 })
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await ledgerOf(cloud, claimer, 'wishFulfilled')).toHaveLength(1)
  })

  test('the claimer may release a wish: it returns to 待认领 and another member can claim it', async () => {
    const wishId = await w.published()
    dataOf(await cloud.as('demo-member-6').wish.claim({ wishId }))
    const { wish } = dataOf(await cloud.as('demo-member-6').wish.release({ wishId }))
    expect(wish.status).toBe('待认领')
    expect(await w.stored(wishId)).toMatchObject({ status: '待认领', claimer: null })
    const { wish: reclaimed } = dataOf(await cloud.as('demo-member-7').wish.claim({ wishId }))
    expect(reclaimed.claimerName).not.toBeNull()
    expect((await w.stored(wishId)).claimer?.id).toBe(memberIdOf('demo-member-7'))
  })

  test('the resident may cancel before fulfilment', async () => {
    const wishId = await w.published()
    dataOf(await cloud.as('demo-member-8').wish.claim({ wishId }))
    const { wish } = dataOf(await cloud.as(RESIDENT).wish.cancel({ wishId }))
    expect(wish.status).toBe('已取消')
    expect((await w.stored(wishId)).status).toBe('已取消')
  })
})

describe('the wall and my wishes', () => {
  test('the wall hides wishes under review from members, pages with a cursor, and filters by category', async () => {
    const pending = dataOf(
      await cloud.as('demo-resident-5').wish.submit({
        title: '想找人陪我聊天',
        description: '周末下午',
        category: '精神',
      }),
    )
    const ids = [await w.published('demo-resident-5'), await w.published('demo-resident-5')]
    const first = dataOf(await cloud.as('demo-member-1').wish.list({ limit: 1 }))
    expect(first.wishes).toHaveLength(1)
    expect(first.nextCursor).not.toBeNull()
    const all = dataOf(await cloud.as('demo-member-1').wish.list({ limit: 50 }))
    expect(all.wishes.map((c) => c.id)).not.toContain(pending.wish.id)
    expect(all.wishes.map((c) => c.id)).toEqual(expect.arrayContaining(ids))
    const second = dataOf(
      await cloud.as('demo-member-1').wish.list({ limit: 1, cursor: first.nextCursor! }),
    )
    expect(second.wishes[0].id).toBe(all.wishes[1].id)
    const forAdmin = dataOf(await cloud.as(ADMIN_XINHUA).wish.list({ status: '待审核', limit: 50 }))
    expect(forAdmin.wishes.map((c) => c.id)).toContain(pending.wish.id)
    expect(await cloud.as('demo-member-1').wish.list({ status: '待审核' })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    const spiritual = dataOf(
      await cloud.as('demo-member-1').wish.list({ category: '精神', limit: 50 }),
    )
    expect(spiritual.wishes.every((c) => c.category === '精神')).toBe(true)
  })

  test('mine lists a resident’s wishes and a member’s claims', async () => {
    const wishId = await w.published('demo-resident-7')
    dataOf(await cloud.as('demo-member-12').wish.claim({ wishId }))
    const resident = dataOf(await cloud.as('demo-resident-7').wish.mine())
    expect(resident.asResident.map((c) => c.id)).toContain(wishId)
    const member = dataOf(await cloud.as('demo-member-12').wish.mine())
    expect(member.asClaimer.map((c) => c.id)).toEqual([wishId])
  })
})
