import { memberIdOf, residentIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import { buildDemoDistrict } from '../../emulator/scripts/demo-district'
import { dataOf, useTestCloud } from '../support/cloud'

const demo = buildDemoDistrict()
const demoMember = (openid: string) => demo.members.find((m) => m.openid === openid)!
const BRANCH_1 = demoMember('demo-secretary-1').branchId!
const BRANCH_2 = demoMember('demo-secretary-2').branchId!

const cloud = useTestCloud()

const memberDoc = async (openid: string) =>
  (await cloud.doc<MemberDoc>('members', memberIdOf(openid)))!
const me = async (openid: string) => dataOf(await cloud.as(openid).member.me()).me
/** member.register as a party member; each test says with what. */
const registerMember = (
  openid: string,
  fields: { name: string; phone: string; branchId: string },
) => cloud.as(openid).member.register({ kind: 'member', ...fields })

describe('member.register and member.me', () => {
  test('a stranger is a guest', async () => {
    expect(await me('stranger-1')).toEqual({ kind: 'guest' })
  })

  test('a new member registers as pending, stored under the caller’s openid', async () => {
    const reply = await registerMember('new-member-1', {
      name: '周晓东',
      phone: '13900001111',
      branchId: BRANCH_1,
    })
    const { me: registered } = dataOf(reply)
    expect(registered).toMatchObject({
      kind: 'member',
      status: 'pending',
      branchId: BRANCH_1,
      roles: [],
    })
    expect(registered.kind === 'member' && registered.branchName).toBe('云启科技有限公司党支部')
    const stored = await cloud.docs<MemberDoc>('members', { openid: 'new-member-1' })
    expect(stored).toEqual([expect.objectContaining({ status: 'pending', phone: '13900001111' })])
    expect((await me('new-member-1')).kind).toBe('member')
  })

  test('registering twice answers CONFLICT', async () => {
    const again = await registerMember('new-member-1', {
      name: '周晓东',
      phone: '13900001111',
      branchId: BRANCH_2,
    })
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT', message: '您的注册正在审核中' })
    expect((await memberDoc('new-member-1')).status).toBe('pending')
  })

  test('bad input answers INVALID_ARGUMENT in Chinese and stores nothing', async () => {
    const reply = await registerMember('new-member-2', {
      name: '李华',
      phone: '12345',
      branchId: BRANCH_1,
    })
    expect(reply).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '请输入 11 位手机号',
    })
    expect(await memberDoc('new-member-2')).toBeUndefined()
  })

  test('an unknown branch answers NOT_FOUND', async () => {
    const reply = await registerMember('new-member-2', {
      name: '李华',
      phone: '13900002222',
      branchId: 'community-xinhua',
    })
    expect(reply).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '所选支部不存在' })
    expect(await memberDoc('new-member-2')).toBeUndefined()
  })

  test('a name that fails content security answers CONTENT_REJECTED and stores nothing', async () => {
    const reply = await registerMember('new-member-3', {
      name: '赌博王',
      phone: '13900003333',
      branchId: BRANCH_1,
    })
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await memberDoc('new-member-3')).toBeUndefined()
  })

  test('a resident registers without approval', async () => {
    const { me: resident } = dataOf(
      await cloud.as('new-resident-1').member.register({
        kind: 'resident',
        name: '王桂英',
        phone: '15800001111',
        communityId: 'community-jiangsu',
      }),
    )
    expect(resident).toMatchObject({ kind: 'resident', communityName: '江苏路街道社区综合党委' })
    const stored = await cloud.docs('residents', { _id: residentIdOf('new-resident-1') })
    expect(stored).toHaveLength(1)
    // Registering as a member too is lifecycle-residents.test.ts's.
  })

  test('identity comes from OPENID, never from the payload', async () => {
    const reply = await cloud.callAs('demo-member-1', 'member', 'me', {
      openid: 'demo-secretary-1',
    })
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    const mine = await me('demo-member-1')
    expect(mine).toMatchObject({ kind: 'member', name: demoMember('demo-member-1').name })
  })

  test('an anonymous call answers UNAUTHENTICATED', async () => {
    expect(await cloud.as('').member.me()).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
  })

  test('concurrent callers each see themselves', async () => {
    const openids = Array.from({ length: 16 }, (_, i) => `demo-member-${i + 1}`)
    const results = await Promise.all(openids.map((o) => me(o)))
    expect(results.map((r) => (r.kind === 'member' ? r.name : ''))).toEqual(
      openids.map((o) => demoMember(o).name),
    )
  })
})

describe('member.approve and member.reject', () => {
  const register = (openid: string, branchId: string) =>
    registerMember(openid, { name: '陈思远', phone: '13900004444', branchId })

  test("only the secretary of that branch may approve; another branch's secretary is answered as for a missing id", async () => {
    await register('applicant-1', BRANCH_1)
    const id = memberIdOf('applicant-1')
    const missing = await cloud.as('demo-secretary-2').member.approve({
      memberId: memberIdOf('nobody-registered'),
    })
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.as('demo-secretary-2').member.approve({ memberId: id })).toEqual(missing)
    expect(await cloud.as('demo-member-3').member.approve({ memberId: id })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(await cloud.as('applicant-1').member.approve({ memberId: id })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
      message: '您的注册正在等待支部书记审核',
    })
    expect((await memberDoc('applicant-1')).status).toBe('pending')

    expect(dataOf(await cloud.as('demo-secretary-1').member.approve({ memberId: id }))).toEqual({
      memberId: id,
      status: 'active',
    })
    expect((await memberDoc('applicant-1')).status).toBe('active')
    expect(await cloud.as('demo-secretary-1').member.approve({ memberId: id })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    })
  })

  test('a rejected applicant sees the reason and may register again', async () => {
    await register('applicant-2', BRANCH_2)
    const id = memberIdOf('applicant-2')
    dataOf(
      await cloud.as('demo-secretary-2').member.reject({
        memberId: id,
        reason: '不是本单位员工',
      }),
    )
    expect(await me('applicant-2')).toMatchObject({
      status: 'rejected',
      rejectReason: '不是本单位员工',
    })
    dataOf(await register('applicant-2', BRANCH_1))
    expect(await memberDoc('applicant-2')).toMatchObject({ status: 'pending', rejectReason: null })
  })

  test('a rejection reason that fails content security answers CONTENT_REJECTED and the applicant stays pending', async () => {
    await register('applicant-4', BRANCH_1)
    const before = await memberDoc('applicant-4')
    const reply = await cloud.as('demo-secretary-1').member.reject({
      memberId: memberIdOf('applicant-4'),
      reason: '疑似参与赌博',
    })
    expect(reply).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(await memberDoc('applicant-4')).toEqual(before)
  })

  test('an unknown member answers NOT_FOUND', async () => {
    expect(
      await cloud.as('demo-secretary-1').member.approve({ memberId: 'm-nobody' }),
    ).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
  })
})
