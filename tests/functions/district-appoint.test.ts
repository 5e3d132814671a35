// 任免: the district admin finds members (member.search) and appoints or removes secretaries and community
// admins (member.setRole); a branch has one secretary, replaced only when the appointment says so.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import { demoName } from '../../emulator/scripts/demo-district'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_XINHUA } from '../support/fixtures'

const DISTRICT = 'demo-district-admin'
const cloud = useTestCloud()
const search = (query: string, cursor?: string, openid = DISTRICT) =>
  cloud.as(openid).member.search({ query, ...(cursor ? { cursor } : {}) })
const member = (openid: string) =>
  cloud.doc<MemberDoc>('members', memberIdOf(openid)) as Promise<MemberDoc>
/** The branch the admin sees the member in (as member.search shows it), sent with the appointment. */
const branchOf = async (openid: string) => (await member(openid)).branchId!

describe('member.search', () => {
  test('finds active members by part of a name, with masked phones, branch and current secretary', async () => {
    const name = demoName(40)
    const { items } = dataOf(await search(name.slice(1)))
    const hit = items.find((i) => i.id === memberIdOf('demo-member-40'))!
    expect(hit).toMatchObject({
      name,
      phone: '139****0040',
      branchId: 'branch-3',
      branchName: '新华大厦楼宇党支部',
      communityName: '新华路街道社区综合党委',
      branchSecretary: { id: memberIdOf('demo-secretary-3'), name: demoName(503) },
    })
    expect(items.every((i) => i.name.includes(name.slice(1)))).toBe(true)
    expect(items.every((i) => /^\d{3}\*{4}\d{4}$/.test(i.phone))).toBe(true)
  })

  test('finds by a phone fragment and pages through many hits without repeats', async () => {
    // Every demo member's phone starts 139000001…: 1390000 matches 120 of them.
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = dataOf(await search('1390000', cursor))
      expect(page.items.length).toBeLessThanOrEqual(20)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toHaveLength(120)
    expect(new Set(seen).size).toBe(120)
    expect(dataOf(await search('00000040')).items.map((i) => i.id)).toEqual([
      memberIdOf('demo-member-40'),
    ])
  })

  test('is the district admin’s: others are refused; a short or empty query is invalid', async () => {
    for (const openid of [ADMIN_XINHUA, 'demo-secretary-1', 'demo-member-1'])
      expect(await search('王', undefined, openid)).toMatchObject({
        ok: false,
        code: 'PERMISSION_DENIED',
      })
    // A control character cannot travel in a database regex: refused up front, not a 500 (found by hostile-input).
    for (const query of ['', '  ', '139', 'x'.repeat(21), 'a\u0000b', '王\u001f'])
      expect(await search(query)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    // A pattern character is matched as itself, not as a pattern.
    expect(dataOf(await search('.*')).items).toEqual([])
  })
})

describe('appointing a secretary', () => {
  const appoint = async (openid: string, replace?: boolean) =>
    cloud.as(DISTRICT).member.setRole({
      memberId: memberIdOf(openid),
      role: 'secretary',
      grant: true,
      branchId: await branchOf(openid),
      ...(replace === undefined ? {} : { replace }),
    })

  test('a branch that has one answers CONFLICT and changes nothing', async () => {
    const reply = await appoint('demo-member-10')
    expect(reply).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(!reply.ok && reply.message).toContain(demoName(501))
    expect((await member('demo-member-10')).roles).not.toContain('secretary')
    expect((await member('demo-secretary-1')).roles).toContain('secretary')
  })

  test('confirmed, the new secretary replaces the old, and sees the secretary’s 待办', async () => {
    expect(dataOf(await appoint('demo-member-10', true))).toEqual({
      memberId: memberIdOf('demo-member-10'),
      roles: ['secretary'],
      replacedId: memberIdOf('demo-secretary-1'),
    })
    expect((await member('demo-secretary-1')).roles).not.toContain('secretary')
    const { me } = dataOf(await cloud.as('demo-member-10').member.me({}))
    expect(me).toMatchObject({ kind: 'member', roles: ['secretary'], branchId: 'branch-1' })
    expect(dataOf(await cloud.as('demo-member-10').todo.secretary({})).branchId).toBe('branch-1')
    expect(await cloud.as('demo-secretary-1').todo.secretary({})).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })

  test('a branch without a secretary takes one without asking; removing leaves it without', async () => {
    dataOf(
      await cloud.as(DISTRICT).member.setRole({
        memberId: memberIdOf('demo-secretary-4'),
        role: 'secretary',
        grant: false,
        branchId: 'branch-4',
      }),
    )
    const reply = dataOf(await appoint('demo-member-60'))
    expect(reply.replacedId).toBeUndefined()
    expect((await member('demo-member-60')).roles).toContain('secretary')
  })

  test('appointments to one branch at once leave it exactly one secretary', async () => {
    const rivals = ['demo-member-41', 'demo-member-42', 'demo-member-43', 'demo-member-44']
    for (const openid of rivals) expect((await member(openid)).branchId).toBe('branch-3')
    const replies = await Promise.all(rivals.map((openid) => appoint(openid, true)))
    const inOffice = () =>
      cloud.docs<MemberDoc>('members', {
        branchId: 'branch-3',
        status: 'active',
        roles: 'secretary',
      })
    const [holder] = await inOffice()
    expect((await inOffice()).map((m) => m._id)).toEqual([holder._id])
    // The one in office is an appointment that succeeded; the others either came after it or were refused.
    expect(replies.filter((r) => r.ok).map((r) => dataOf(r).memberId)).toContain(holder._id)
    for (const r of replies) if (!r.ok) expect(r.code).toBe('CONFLICT')
    // The lease is released: the next appointment goes through.
    expect(dataOf(await appoint('demo-member-45', true)).replacedId).toBe(holder._id)
    expect((await inOffice()).map((m) => m._id)).toEqual([memberIdOf('demo-member-45')])
  })
})

describe('appointing from a screen read before the member moved', () => {
  const NOW = '2026-06-10T10:00:00+08:00'
  const secretariesOf = async (branchId: string) =>
    (
      await cloud.docs<MemberDoc>('members', { branchId, status: 'active', roles: 'secretary' })
    ).map((m) => m.openid)

  test('a transfer accepted between the search and the appointment: CONFLICT, and nothing changes', async () => {
    // The admin finds demo-member-65 in branch-5 and confirms they replace its secretary.
    const [hit] = dataOf(await search('00000065')).items
    expect(hit).toMatchObject({ branchId: 'branch-5', branchSecretary: { name: demoName(505) } })
    // Meanwhile the member's transfer to branch-8 is released and accepted.
    const { transfer } = dataOf(
      await cloud.as('demo-member-65', { now: NOW }).member.requestTransfer({
        toBranchId: 'branch-8',
        reason: '工作单位变动，到新单位工作',
        standing: 'full',
        duesPaidUntil: '2026-05',
      }),
    )
    for (const [openid, step] of [
      ['demo-secretary-5', 'releaseTransfer'],
      ['demo-secretary-8', 'acceptTransfer'],
    ] as const)
      dataOf(await cloud.as(openid, { now: NOW }).member[step]({ transferId: transfer.id }))
    for (const grant of [true, false]) {
      const reply = await cloud.as(DISTRICT).member.setRole({
        memberId: hit.id,
        role: 'secretary',
        grant,
        branchId: hit.branchId,
        replace: true,
      })
      expect(reply).toEqual({
        ok: false,
        code: 'CONFLICT',
        message: '该党员的所在支部已变化，请刷新后重试',
      })
    }
    // Not made secretary of the branch they are in now, whose secretary stays; branch-5's stays too.
    expect(await member('demo-member-65')).toMatchObject({ branchId: 'branch-8', roles: [] })
    expect(await secretariesOf('branch-8')).toEqual(['demo-secretary-8'])
    expect(await secretariesOf('branch-5')).toEqual(['demo-secretary-5'])
    // Searched again, the admin sees the branch they are in now and may appoint them there.
    const [again] = dataOf(await search('00000065')).items
    expect(again.branchId).toBe('branch-8')
  })
})

test('a district admin makes a member the community admin of a chosen community, and removes them', async () => {
  const memberId = memberIdOf('demo-member-70')
  dataOf(
    await cloud.as(DISTRICT).member.setRole({
      memberId,
      role: 'communityAdmin',
      grant: true,
      communityId: 'community-xinhua',
    }),
  )
  expect(await member('demo-member-70')).toMatchObject({
    roles: ['communityAdmin'],
    adminCommunityId: 'community-xinhua',
  })
  expect(dataOf(await cloud.as('demo-member-70').todo.community({})).communityId).toBe(
    'community-xinhua',
  )
  dataOf(
    await cloud.as(DISTRICT).member.setRole({ memberId, role: 'communityAdmin', grant: false }),
  )
  expect(await member('demo-member-70')).toMatchObject({ roles: [], adminCommunityId: null })
})
