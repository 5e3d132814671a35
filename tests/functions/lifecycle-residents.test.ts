// A resident who becomes a party member, through the real SDK: the member record is added beside the resident
// one (pending, then approved by the secretary), 我的 (member.me) shows both sides, their wishes and
// confirmations (and appeals) stay theirs, they cannot claim their own wish, and member.history records joining.
import { memberIdOf, residentIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'
import { APPEAL_CATEGORIES } from '../../typings/interact'
import { draft, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)

const PERSON = 'demo-resident-3' // a resident of community-xinhua
const CLAIMER = 'demo-member-5'
const me = async () => dataOf(await cloud.as(PERSON).member.me()).me
const mine = async () => dataOf(await cloud.as(PERSON).wish.mine({}))

test('a resident registers as a member, is approved, and keeps their wishes', async () => {
  // As a resident: one wish on the wall, one a member fulfilled and that waits for their confirmation.
  const open = await w.published(PERSON)
  const done = await w.published(PERSON)
  dataOf(await cloud.as(CLAIMER).wish.claim({ wishId: done }))
  dataOf(await cloud.as(CLAIMER).wish.fulfil({ wishId: done, note: '已经修好了收音机' }))
  const { appeal } = dataOf(
    await cloud.as(PERSON).interact.submitAppeal({
      draftId: draft(),
      category: APPEAL_CATEGORIES[0],
      text: '小区路灯坏了很久，晚上出行不便',
    }),
  )

  const { me: pending } = dataOf(
    await cloud.as(PERSON).member.register({
      kind: 'member',
      name: '陈建华',
      phone: '15800000703',
      branchId: 'branch-1',
    }),
  )
  expect(pending).toMatchObject({
    kind: 'member',
    status: 'pending',
    branchId: 'branch-1',
    resident: { communityId: 'community-xinhua', communityName: expect.any(String) },
  })
  // Both records are kept: the resident one as it was, the member one beside it.
  expect(await cloud.doc('residents', residentIdOf(PERSON))).toMatchObject({
    communityId: 'community-xinhua',
  })
  expect(await cloud.doc('members', memberIdOf(PERSON))).toMatchObject({ status: 'pending' })
  // While pending they act as the resident they are: their wishes, and submitting another.
  expect((await mine()).asResident.map((c) => c.id).sort()).toEqual([open, done].sort())
  await w.submitted(PERSON)
  // A second registration while pending is refused as before.
  expect(
    await cloud.as(PERSON).member.register({
      kind: 'member',
      name: '陈建华',
      phone: '15800000703',
      branchId: 'branch-2',
    }),
  ).toMatchObject({ ok: false, code: 'CONFLICT', message: '您的注册正在审核中' })

  dataOf(await cloud.as('demo-secretary-1').member.approve({ memberId: memberIdOf(PERSON) }))
  expect(await me()).toMatchObject({
    kind: 'member',
    status: 'active',
    branchName: '云启科技有限公司党支部',
    resident: { communityId: 'community-xinhua' },
  })

  // Their wishes are still theirs: listed, and confirmed by them, which credits the claimer.
  const after = await mine()
  expect(after.asResident.map((c) => c.id)).toEqual(expect.arrayContaining([open, done]))
  expect(after.asClaimer).toEqual([])
  // So are the appeals they raised as a resident.
  const appeals = dataOf(await cloud.as(PERSON).interact.myAppeals({}))
  expect(appeals.items.map((a) => a.id)).toEqual([appeal.id])
  const confirmed = dataOf(
    await cloud.as(PERSON).wish.confirm({ wishId: done, thanks: '谢谢', rating: 5 }),
  )
  expect(confirmed).toMatchObject({ counted: true, wish: { status: '已完成' } })
  // As a member they do not claim their own wish; another member does.
  expect(await cloud.as(PERSON).wish.claim({ wishId: open })).toMatchObject({
    ok: false,
    code: 'CONFLICT',
    message: '不能认领自己提交的心愿',
  })
  expect((await w.stored(open)).claimer).toBeNull()
  dataOf(await cloud.as(CLAIMER).wish.claim({ wishId: open }))

  // The history records joining, and that they were a resident of xinhua before.
  const { entries } = dataOf(
    await cloud.as(PERSON).member.history({ memberId: memberIdOf(PERSON) }),
  )
  expect(entries).toEqual([
    {
      kind: 'joined',
      at: expect.any(String),
      branchName: '云启科技有限公司党支部',
      by: expect.any(String),
      resident: { communityName: expect.any(String), since: expect.any(String) },
    },
  ])
})

test('a member who never was a resident has no resident side', async () => {
  const { me: member } = dataOf(await cloud.as('demo-member-6').member.me())
  expect(member).toMatchObject({ kind: 'member', status: 'active' })
  expect(member).not.toHaveProperty('resident')
  const { entries } = dataOf(
    await cloud.as('demo-member-6').member.history({ memberId: memberIdOf('demo-member-6') }),
  )
  expect(entries[0]).not.toHaveProperty('resident')
})
