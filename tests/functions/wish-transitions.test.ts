// A wish goes 待审核 → 待认领 or 未通过; 待认领 ⇄ 已认领 → 已实现 → 已完成, and may be 已取消 on the way. Every
// step not allowed from where a wish is, or by whom, is refused and leaves the stored wish as it was.
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)

describe('every illegal transition is refused and changes nothing', () => {
  type Step = [
    openid: string,
    action: 'review' | 'claim' | 'release' | 'fulfil' | 'confirm' | 'cancel',
    extra?: object,
  ]
  const claimBy = (m: string): Step => [m, 'claim']
  const fulfilBy = (m: string): Step => [m, 'fulfil', { note: '已完成心愿', photos: [] }]
  const confirmIt: Step = [RESIDENT, 'confirm', { thanks: '谢谢', rating: 4 }]
  const cancelIt: Step = [RESIDENT, 'cancel']
  const rejectIt: Step = [ADMIN_XINHUA, 'review', { decision: 'reject', reason: '不在服务范围' }]

  /** `underReview` cases start from a submitted wish; the others from a published one. */
  const cases: {
    name: string
    underReview?: true
    setup: Step[]
    attempt: Step
    code: string
  }[] = [
    {
      name: 'publishing a published wish',
      setup: [],
      attempt: [ADMIN_XINHUA, 'review', { decision: 'publish' }],
      code: 'CONFLICT',
    },
    {
      name: 'rejecting a published wish',
      setup: [],
      attempt: [ADMIN_XINHUA, 'review', { decision: 'reject', reason: '不合适' }],
      code: 'CONFLICT',
    },
    {
      name: 'claiming a wish someone already claimed',
      setup: [claimBy('demo-member-10')],
      attempt: claimBy('demo-member-11'),
      code: 'CONFLICT',
    },
    {
      name: 'fulfilling an unclaimed wish',
      setup: [],
      attempt: fulfilBy('demo-member-10'),
      code: 'PERMISSION_DENIED',
    },
    {
      name: 'fulfilling someone else’s claim',
      setup: [claimBy('demo-member-10')],
      attempt: fulfilBy('demo-member-11'),
      code: 'PERMISSION_DENIED',
    },
    {
      name: 'confirming before fulfilment',
      setup: [claimBy('demo-member-10')],
      attempt: confirmIt,
      code: 'CONFLICT',
    },
    {
      name: 'releasing a fulfilled wish',
      setup: [claimBy('demo-member-10'), fulfilBy('demo-member-10')],
      attempt: ['demo-member-10', 'release'],
      code: 'CONFLICT',
    },
    {
      name: 'cancelling a fulfilled wish',
      setup: [claimBy('demo-member-10'), fulfilBy('demo-member-10')],
      attempt: [RESIDENT, 'cancel'],
      code: 'CONFLICT',
    },
    {
      name: 'fulfilling a completed wish again',
      setup: [claimBy('demo-member-10'), fulfilBy('demo-member-10'), confirmIt],
      attempt: fulfilBy('demo-member-10'),
      code: 'CONFLICT',
    },
    {
      name: 'another resident confirming',
      setup: [claimBy('demo-member-10'), fulfilBy('demo-member-10')],
      attempt: ['demo-resident-3', 'confirm', { thanks: '谢谢', rating: 4 }],
      code: 'PERMISSION_DENIED',
    },
    // A member cannot see a wish that is not on the wall, so for them it does not exist.
    {
      name: 'claiming a wish under review (待审核)',
      underReview: true,
      setup: [],
      attempt: claimBy('demo-member-10'),
      code: 'NOT_FOUND',
    },
    {
      name: 'claiming a rejected wish (未通过)',
      underReview: true,
      setup: [rejectIt],
      attempt: claimBy('demo-member-10'),
      code: 'NOT_FOUND',
    },
    {
      name: 'claiming a cancelled wish (已取消)',
      setup: [cancelIt],
      attempt: claimBy('demo-member-10'),
      code: 'NOT_FOUND',
    },
    {
      name: 'confirming a cancelled wish',
      setup: [claimBy('demo-member-10'), cancelIt],
      attempt: confirmIt,
      code: 'CONFLICT',
    },
    {
      name: 'cancelling a cancelled wish',
      setup: [cancelIt],
      attempt: cancelIt,
      code: 'CONFLICT',
    },
    {
      name: 'cancelling a completed wish',
      setup: [claimBy('demo-member-10'), fulfilBy('demo-member-10'), confirmIt],
      attempt: cancelIt,
      code: 'CONFLICT',
    },
    {
      name: 'releasing someone else’s claim',
      setup: [claimBy('demo-member-10')],
      attempt: ['demo-member-11', 'release'],
      code: 'PERMISSION_DENIED',
    },
  ]

  test.each(cases)('$name answers $code', async ({ underReview, setup, attempt, code }) => {
    const wishId = underReview ? await w.submitted() : await w.published()
    for (const [openid, action, extra] of setup)
      dataOf(await cloud.callAs(openid, 'wish', action, { wishId, ...extra }))
    const before = await w.stored(wishId)
    const [openid, action, extra] = attempt
    const reply = await cloud.callAs(openid, 'wish', action, { wishId, ...extra })
    expect(reply).toMatchObject({ ok: false, code })
    expect(await w.stored(wishId)).toEqual(before)
  })
})
