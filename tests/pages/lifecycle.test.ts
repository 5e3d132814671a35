// The lifecycle on the pages: 我的 for a resident who registered as a member (both sides), and moving home on
// 社区报到 (更换社区, confirmed; the old report kept on 我的服务记录 with its end date).
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf } from '../support/cloud'
import { handled, tap, textOf, until, usePages, wxMock } from './harness'

const { cloud, show } = usePages(['mine', 'community/report', 'community/record'])

test('我的: a resident is offered to register as a member, then shows as a pending member who is a resident', async () => {
  const RESIDENT = 'demo-resident-5'
  const before = await show('mine', RESIDENT)
  expect(textOf(before, '.link-register-member')).toContain('登记为党员')
  expect(before.querySelector('.resident-side')).toBeUndefined()

  dataOf(
    await cloud.as(RESIDENT).member.register({
      kind: 'member',
      name: '赵丽华',
      phone: '15800000705',
      branchId: 'branch-1',
    }),
  )
  const page = await show('mine', RESIDENT)
  expect(textOf(page, '.member-status')).toBe('待审核')
  expect(page.querySelector('.pending-notice')).toBeDefined()
  expect(textOf(page, '.resident-community')).toBe('新华路街道社区综合党委')
  expect(page.querySelector('.resident-side .link-my-wishes')).toBeDefined()
  // Not yet a member who serves: the community links wait for approval.
  expect(page.querySelector('.community-links')).toBeUndefined()
})

test('社区报到: 更换社区 asks first; confirmed, the report moves and the old one is kept with its dates', async () => {
  const MOVER = 'demo-member-30'
  dataOf(
    await cloud.as(MOVER).community.report({
      communityId: 'community-jiangsu',
      area: '江苏路 480 弄',
      willingness: ['便民服务'],
    }),
  )
  const page = await show('community/report', MOVER)
  expect(page.querySelector('#community-community-xinhua')).toBeUndefined()
  tap(page, '.change-community')
  await until(() => !!page.querySelector('#community-community-xinhua'), 'the communities')
  tap(page, '#community-community-xinhua')
  await until(() => page.data.communityId === 'community-xinhua', 'the choice')
  page.setData({ area: '新华路 211 弄' })
  expect(textOf(page, '.report-button')).toBe('改到新社区报到')

  // Declined: nothing is sent.
  wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  await handled(page, 'onSubmit', () => tap(page, '.report-button'))
  expect(wxMock.showModal).toHaveBeenLastCalledWith(
    expect.objectContaining({ title: '改到新华路街道社区综合党委报到？' }),
  )
  expect(await cloud.doc('community_reports', memberIdOf(MOVER))).toMatchObject({
    communityId: 'community-jiangsu',
  })

  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false })
  await handled(page, 'onSubmit', () => tap(page, '.report-button'))
  expect(page.data.report).toMatchObject({ communityId: 'community-xinhua' })
  expect(page.data.changing).toBe(false)
  expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已更换社区', icon: 'success' })

  const record = await show('community/record', MOVER)
  const lines = record.querySelectorAll('.history-line').map((l) => l.dom?.textContent ?? '')
  expect(lines).toHaveLength(2)
  expect(lines[1]).toMatch(/至 .*江苏路街道社区综合党委/)
  expect(lines[0]).not.toContain('至')
})
