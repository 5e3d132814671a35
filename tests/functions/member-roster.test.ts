// The branch roster (other members' phones masked, pending members for the secretary only) and appointing
// 信息员, secretaries and community admins.
import type { ActionInput, DirectoryEntry } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import { dataOf, useTestCloud } from '../support/cloud'

// demo-secretary-1 and demo-member-1 … 30 are branch-1 (新华路); demo-community-admin-1 runs 新华路.
const BRANCH_1 = 'branch-1'

const cloud = useTestCloud()

const memberDoc = async (openid: string) =>
  (await cloud.doc<MemberDoc>('members', memberIdOf(openid)))!
const me = async (openid: string) => dataOf(await cloud.as(openid).member.me()).me

describe('member.revealPhone', () => {
  const reveal = (openid: string, memberId: string) =>
    cloud.as(openid, { now: '2026-05-20T10:00:00+08:00' }).member.revealPhone({ memberId })
  const reveals = (memberId: string) => cloud.docs('phone_reveals', { memberId })

  test('the member’s own secretary gets the full number, and the look is recorded', async () => {
    const target = await memberDoc('demo-member-5')
    expect(dataOf(await reveal('demo-secretary-1', target._id))).toEqual({
      memberId: target._id,
      phone: target.phone,
    })
    expect(await reveals(target._id)).toEqual([
      expect.objectContaining({
        branchId: BRANCH_1,
        by: memberIdOf('demo-secretary-1'),
        at: new Date('2026-05-20T02:00:00.000Z'),
      }),
    ])
  })

  test('another branch’s secretary gets the same NOT_FOUND as a missing member; a member is refused; nothing is recorded', async () => {
    const target = memberIdOf('demo-member-6')
    for (const id of [target, 'member-nobody'])
      expect(await reveal('demo-secretary-2', id)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await reveal('demo-member-1', target)).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(await reveals(target)).toEqual([])
  })
})

describe('member.directory', () => {
  const directory = (openid: string, payload: ActionInput<'member', 'directory'> = {}) =>
    cloud.as(openid).member.directory(payload)
  const phones = (list: DirectoryEntry[]) => list.map((m) => m.phone)

  test('a member sees the active members of the branch with masked phones', async () => {
    const { members, branchId } = dataOf(await directory('demo-member-1'))
    expect(branchId).toBe(BRANCH_1)
    expect(members.length).toBeGreaterThanOrEqual(31)
    expect(members.every((m) => m.status === 'active')).toBe(true)
    expect(phones(members).every((p) => /^\d{3}\*{4}\d{4}$/.test(p))).toBe(true)
  })

  test('the secretary sees pending members too, phones masked like everyone’s', async () => {
    await cloud.as('applicant-3').member.register({
      kind: 'member',
      name: '林佳怡',
      phone: '13900005555',
      branchId: BRANCH_1,
    })
    const { members } = dataOf(await directory('demo-secretary-1', { status: 'pending' }))
    expect(members.map((m) => m.name)).toContain('林佳怡')
    expect(members.every((m) => m.status === 'pending')).toBe(true)
    expect(members.find((m) => m.name === '林佳怡')!.phone).toBe('139****5555')
    const own = dataOf(await directory('demo-secretary-1'))
    expect(phones(own.members).every((p) => /^\d{3}\*{4}\d{4}$/.test(p))).toBe(true)
    // Full numbers are the secretary's on demand only (revealPhone); the reply says they may ask.
    expect(own.mayReveal).toBe(true)
    expect(dataOf(await directory('demo-member-1')).mayReveal).toBe(false)
    expect(await directory('demo-member-1', { status: 'pending' })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })

  test('another branch’s member, a resident or a pending applicant may not read it', async () => {
    expect(await directory('demo-secretary-2', { branchId: BRANCH_1 })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(await directory('demo-resident-1', { branchId: BRANCH_1 })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    expect(await directory('applicant-3', { branchId: BRANCH_1 })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })

  test('the community admin reads branches of their own community only', async () => {
    expect(
      dataOf(await directory('demo-community-admin-1', { branchId: BRANCH_1 })).members.length,
    ).toBeGreaterThan(0)
    expect(await directory('demo-community-admin-2', { branchId: BRANCH_1 })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })
})

describe('member.setRole', () => {
  const setRole = (openid: string, payload: ActionInput<'member', 'setRole'>) =>
    cloud.as(openid).member.setRole(payload)
  const onBranch1 = { role: 'infoOfficer', branchId: BRANCH_1 } as const

  test('a secretary appoints and removes the branch’s 信息员', async () => {
    const id = memberIdOf('demo-member-5')
    expect(
      dataOf(await setRole('demo-secretary-1', { ...onBranch1, memberId: id, grant: true })).roles,
    ).toEqual(['infoOfficer'])
    expect((await memberDoc('demo-member-5')).roles).toEqual(['infoOfficer'])
    dataOf(await setRole('demo-secretary-1', { ...onBranch1, memberId: id, grant: false }))
    expect((await memberDoc('demo-member-5')).roles).toEqual([])
  })

  test('a secretary may not appoint in another branch (answered as for a missing id), nor appoint secretaries', async () => {
    const other = memberIdOf('demo-member-40')
    const missing = await setRole('demo-secretary-1', {
      ...onBranch1,
      memberId: memberIdOf('nobody-registered'),
      grant: true,
    })
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(
      await setRole('demo-secretary-1', {
        memberId: other,
        role: 'infoOfficer',
        grant: true,
        branchId: 'branch-3',
      }),
    ).toEqual(missing)
    expect((await memberDoc('demo-member-40')).roles).toEqual([])
    expect(
      await setRole('demo-secretary-1', {
        memberId: memberIdOf('demo-member-6'),
        role: 'secretary',
        grant: true,
        branchId: BRANCH_1,
      }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect((await memberDoc('demo-member-6')).roles).toEqual([])
  })

  test('a district admin bootstrapped from configuration appoints a secretary and a community admin', async () => {
    expect(await me('bootstrap-admin')).toEqual({
      kind: 'admin',
      id: '',
      name: '管理员',
      roles: ['districtAdmin'],
    })
    const id = memberIdOf('demo-member-7')
    // branch-1 has a secretary: the appointment says it replaces them (district-appoint.test covers asking).
    dataOf(
      await setRole('bootstrap-admin', {
        memberId: id,
        role: 'secretary',
        grant: true,
        branchId: BRANCH_1,
        replace: true,
      }),
    )
    dataOf(await setRole('bootstrap-admin', { memberId: id, role: 'communityAdmin', grant: true }))
    expect((await memberDoc('demo-member-7')).roles).toEqual(['secretary', 'communityAdmin'])
    expect(await me('demo-member-7')).toMatchObject({ roles: ['secretary', 'communityAdmin'] })
  })

  test('district admins come from configuration only: appointing one answers INVALID_ARGUMENT', async () => {
    const id = memberIdOf('demo-member-8')
    expect(
      await cloud.callAs('demo-district-admin', 'member', 'setRole', {
        memberId: id,
        role: 'districtAdmin',
        grant: true,
      }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '区委组织部管理员由系统配置指定，不能在此任命',
    })
    expect((await memberDoc('demo-member-8')).roles).toEqual([])
  })

  test('granting a role to a pending member answers CONFLICT', async () => {
    expect(
      await setRole('demo-district-admin', {
        memberId: memberIdOf('applicant-3'),
        role: 'secretary',
        grant: true,
        branchId: BRANCH_1,
      }),
    ).toMatchObject({ ok: false, code: 'CONFLICT' })
  })
})
