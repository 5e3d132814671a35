// 组织关系接转 and 办理离开 on the pages, end to end through the emulator: a member asks on their page, the
// branch left releases and the branch joined accepts on the officers' queue, the member's page and history
// show the move; a refusal's reason comes from the dialog; a secretary marks a member as left; others are
// told what the pages are for.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import { dataOf } from '../support/cloud'
import { tap, textOf, until, usePages, wxMock } from './harness'

const { cloud, show } = usePages([
  'member/transfer',
  'member/history',
  'officer/transfers',
  'officer/leave',
])

const memberDoc = async (openid: string) =>
  (await cloud.doc<MemberDoc>('members', memberIdOf(openid)))!

test('asked on the member’s page, released and accepted on the queues: the member is in the new branch', async () => {
  const mover = 'demo-member-10'
  const page = await show('member/transfer', mover)
  expect(page.data.canRequest).toBe(true)
  const target = page.data.branches.findIndex((b) => b.name.endsWith('番禺路小微企业联合党支部'))
  page.setData({
    branchIndex: target,
    reason: '工作单位变动，到新单位工作',
    duesPaidUntil: '2026-03',
  })
  tap(page, '.submit-button')
  await until(() => !!page.data.current, 'the request')
  expect(page.data.current).toMatchObject({
    route: '云启科技有限公司党支部 → 番禺路小微企业联合党支部',
    stateText: '待转出支部同意',
  })
  expect(page.data.canRequest).toBe(false)

  const leaving = await show('officer/transfers', 'demo-secretary-1')
  const id = page.data.current!.id
  expect(textOf(leaving, `#transfer-${id} .letter`)).toContain('正式党员 · 党费交至2026年3月')
  tap(leaving, `#transfer-${id} .release-button`)
  await until(() => leaving.data.toRelease.every((t) => t.id !== id), 'the release')

  const joining = await show('officer/transfers', 'demo-secretary-2')
  expect(joining.data.toAccept.map((t) => t.id)).toEqual([id])
  tap(joining, `#transfer-${id} .accept-button`)
  await until(() => joining.data.status === 'empty', 'the acceptance')
  expect((await memberDoc(mover)).branchId).toBe('branch-2')

  const after = await show('member/transfer', mover)
  expect(after.data.current).toBeNull()
  expect(after.data.past[0]).toMatchObject({ id, stateText: '已转入' })
  const history = await show('member/history', mover)
  expect(history.data.lines.map((l) => l.title)).toEqual([
    '加入云启科技有限公司党支部',
    '由云启科技有限公司党支部转入番禺路小微企业联合党支部',
  ])
})

test('a 信息员 who transfers arrives as a member, and their history says the office stayed behind', async () => {
  const officer = 'demo-member-2'
  const { transfer } = dataOf(
    await cloud.as(officer).member.requestTransfer({
      toBranchId: 'branch-3',
      reason: '工作单位变动，到新单位工作',
      standing: 'full',
      duesPaidUntil: '2026-03',
    }),
  )
  dataOf(await cloud.as('demo-secretary-1').member.releaseTransfer({ transferId: transfer.id }))
  dataOf(await cloud.as('demo-secretary-3').member.acceptTransfer({ transferId: transfer.id }))
  expect(await memberDoc(officer)).toMatchObject({ branchId: 'branch-3', roles: [] })
  const history = await show('member/history', officer)
  expect(history.data.lines.at(-1)?.note).toContain('原任信息员，不随组织关系转接')
})

test('不同意 asks for the reason in a dialog; the member sees it and may ask again', async () => {
  const member = 'demo-member-12'
  const { transfer } = dataOf(
    await cloud.as(member).member.requestTransfer({
      toBranchId: 'branch-3',
      reason: '搬家到新的园区工作',
      standing: 'probationary',
      duesPaidUntil: '2026-02',
    }),
  )
  const queue = await show('officer/transfers', 'demo-secretary-1')
  wxMock.showModal.mockResolvedValueOnce({
    confirm: true,
    cancel: false,
    content: '请先与支部联系',
  })
  tap(queue, `#transfer-${transfer.id} .refuse-button`)
  await until(() => queue.data.toRelease.every((t) => t.id !== transfer.id), 'the refusal')
  const page = await show('member/transfer', member)
  expect(page.data.past[0]).toMatchObject({
    stateText: '未通过',
    refusal: expect.stringContaining('请先与支部联系'),
  })
  expect(page.data.canRequest).toBe(true)
})

test('办理离开: the secretary picks a member, the kind and a reason, and confirms', async () => {
  const leaver = 'demo-member-11'
  const page = await show('officer/leave', 'demo-secretary-1')
  tap(page, `#member-${memberIdOf(leaver)}`)
  await until(() => page.data.selectedId === memberIdOf(leaver), 'the pick')
  page.setData({ kindIndex: 1, reason: '本人申请停止党籍' })
  // Cancelling the confirmation changes nothing.
  wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  tap(page, '.submit-button')
  await until(() => wxMock.showModal.mock.calls.length > 0, 'the confirmation')
  expect((await memberDoc(leaver)).status).toBe('active')
  tap(page, '.submit-button')
  await until(() => !page.data.members.some((m) => m.id === memberIdOf(leaver)), 'the leaving')
  expect(await memberDoc(leaver)).toMatchObject({ status: 'left', leftKind: 'suspended' })
  const history = await show('member/history', leaver)
  expect(history.data.statusText).toBe('已离开')
  expect(history.data.lines.at(-1)).toMatchObject({ title: '停止党籍（云启科技有限公司党支部）' })
})

test('others are told what the pages are for', async () => {
  const resident = await show('member/transfer', 'demo-resident-1')
  expect(resident.data.status).toBe('empty')
  expect(resident.data.message).toContain('由党员本人在这里申请')
  const member = await show('officer/transfers', 'demo-member-1')
  expect(member.data).toMatchObject({ status: 'forbidden', officer: false })
  expect(member.data.message).toContain('支部书记办理组织关系转出、转入')
  const leave = await show('officer/leave', 'demo-member-1')
  expect(leave.data.message).toContain('为党员办理离开')
})
